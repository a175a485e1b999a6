package org.cbdf.portal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.disputes.DisputePagesTests;
import org.cbdf.portal.disputes.Disputes;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.node.ObjectNode;

/**
 * A dispute page's live updates: the dispute service has no event stream, so the portal reads the case for each
 * browser that follows it (here every 100 ms) and tells the browser, once, when the case is past the version its page
 * shows; the page then reloads the case's state, which says that the case took a step.
 */
class DisputeLiveUpdatesTests extends PortalWebTests {

    @Autowired
    LiveRelay<DisputePolls.Followed> relay;

    @AfterEach
    void casesGone() {
        services.reset(); // every case now reads as not found: each relay ends its browser's stream
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.following() == 0);
    }

    @Test
    void theCasePageFollowsItsCaseAndAStepTheCaseTakesReachesTheBrowserOnce() throws Exception {
        Disputes dispute = Disputes.appeal();
        services.dispute(dispute.json());
        var regulator = PortalUsers.regulator("CN");
        String upstream = "/api/v1/disputes/" + dispute.id();

        Document page = DisputePagesTests.page(mvc.perform(get("/disputes/" + dispute.id()).with(regulator.session()))
                .andExpect(status().isOk()).andReturn());
        String live = page.select("#live-indicator").attr("data-live");
        assertThat(live).isEqualTo("/live/disputes?dispute=" + dispute.id() + "@1");
        assertThat(page.select("#dispute-state").attr("hx-trigger")).contains("dispute-step from:body");

        int before = services.requests("GET", upstream).size();
        MvcResult browser = follow(regulator, dispute.id() + "@1");
        await().until(() -> services.requests("GET", upstream).size() >= before + 3);
        assertThat(received(browser)).as("what the page shows already is not sent").doesNotContain("event:dispute");

        ObjectNode negotiating = dispute.status("NEGOTIATION").step("NEGOTIATION_STARTED", "procedure", "statements due")
                .json().put("version", 2);
        services.dispute(negotiating);

        await().untilAsserted(() -> assertThat(received(browser)).contains("event:dispute\ndata:{\"disputeId\":\""
                + dispute.id() + "\",\"status\":\"NEGOTIATION\",\"version\":2,\"steps\":2}"));
        int polled = services.requests("GET", upstream).size();
        await().until(() -> services.requests("GET", upstream).size() >= polled + 3);
        assertThat(received(browser).split("event:dispute", -1)).as("sent once").hasSize(2);
        assertThat(received(browser)).doesNotContain(regulator.accessToken()).doesNotContain("acme-cn");
        assertThat(services.requests("GET", upstream)).allSatisfy(request ->
                assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken()));
        assertThat(browser.getResponse().getContentType()).startsWith("text/event-stream");
    }

    @Test
    void aPageThatIsAlreadyBehindIsToldAtOnce() throws Exception {
        Disputes dispute = Disputes.appeal();
        services.dispute(dispute.json().put("version", 4));

        MvcResult browser = follow(PortalUsers.regulator("DE"), dispute.id() + "@3");

        await().untilAsserted(() -> assertThat(received(browser))
                .startsWith(":following dispute " + dispute.id() + "\nretry:3000\n")
                .contains("\"status\":\"OPEN\",\"version\":4"));
    }

    @Test
    void whenTheBrowserGoesAwayThePortalStopsReadingTheCase() throws Exception {
        Disputes dispute = Disputes.appeal();
        services.dispute(dispute.json());

        MvcResult browser = follow(PortalUsers.regulator("CN"), dispute.id() + "@1");
        assertThat(relay.following()).isEqualTo(1);
        ((MockAsyncContext) browser.getRequest().getAsyncContext()).complete();

        await().atMost(Duration.ofSeconds(10)).until(() -> relay.following() == 0);
    }

    @Test
    void aCaseTheUserMayNoLongerSeeEndsTheStreamSoTheBrowserReconnectsAndIsToldNoContent() throws Exception {
        Disputes dispute = Disputes.appeal();
        services.dispute(dispute.json());
        var regulator = PortalUsers.regulator("CN");

        MvcResult browser = follow(regulator, dispute.id() + "@1");
        services.answer("GET", "/api/v1/disputes/" + dispute.id(), 404, "{\"status\": 404}");

        await().atMost(Duration.ofSeconds(10)).until(() -> relay.following() == 0);
        await().ignoreExceptions().until(() -> browser.getAsyncResult(0) == null);
        mvc.perform(get("/live/disputes").param("dispute", dispute.id()).accept(MediaType.TEXT_EVENT_STREAM)
                .with(regulator.session())).andExpect(status().isNoContent());
    }

    @Test
    void anExpiredTokenIsUnauthorizedAndOnlyACaseIdIsFollowedAndOnlyByThoseWhoReadDisputes() throws Exception {
        Disputes dispute = Disputes.appeal();
        services.answer("GET", "/api/v1/disputes/" + dispute.id(), 401, "{\"status\": 401}");

        mvc.perform(get("/live/disputes").param("dispute", dispute.id() + "@1").accept(MediaType.TEXT_EVENT_STREAM)
                .with(PortalUsers.regulator("CN").session())).andExpect(status().isUnauthorized());
        mvc.perform(get("/live/disputes").param("dispute", "../../admin").accept(MediaType.TEXT_EVENT_STREAM)
                .with(PortalUsers.regulator("CN").session())).andExpect(status().isBadRequest());
        mvc.perform(get("/live/disputes").param("dispute", dispute.id()).accept(MediaType.TEXT_EVENT_STREAM)
                .with(PortalUsers.policyAdmin().session())).andExpect(status().isForbidden());
        assertThat(services.requests("GET", "/api/v1/disputes/" + dispute.id())).hasSize(1);
    }

    private MvcResult follow(PortalUsers.TestUser user, String dispute) throws Exception {
        return mvc.perform(get("/live/disputes").param("dispute", dispute).accept(MediaType.TEXT_EVENT_STREAM)
                        .with(user.session()))
                .andExpect(request().asyncStarted()).andReturn();
    }

    private static String received(MvcResult browser) throws Exception {
        return browser.getResponse().getContentAsString();
    }
}
