package org.cbdf.portal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.cbdf.portal.transfers.Transfers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The live stream: the portal follows the transfer service's status streams with the user's token and
 * relays to the browser, with its session cookie, only the changes its page does not show yet.
 */
class LiveUpdatesTests extends PortalWebTests {

    @Autowired
    TransferFeeds feeds;
    @Autowired
    LiveRelay<TransferFeeds.Visible> lists;

    @AfterEach
    void browsersGone() {
        services.reset(); // ends every upstream stream, so no relay outlives its test
        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.openUpstreams() == 0);
    }

    @Test
    void aChangeAfterTheShownVersionReachesTheBrowserWhatThePageShowsAlreadyDoesNot() throws Exception {
        var transfer = Transfers.awaitingChina();
        var stream = services.statusStream(transfer.id(), "AWAITING_APPROVAL", 3);
        var regulator = PortalUsers.regulator("CN");

        MvcResult browser = follow(regulator, transfer.id() + "@3");
        await().until(() -> stream.connected() == 1);
        stream.change("transfer.decision-recorded.v1", 4, "APPROVED");

        await().untilAsserted(() -> assertThat(received(browser))
                .contains("event:status\ndata:{\"transferId\":\"" + transfer.id()
                        + "\",\"status\":\"APPROVED\",\"version\":4,\"type\":\"transfer.decision-recorded.v1\"}"));
        assertThat(received(browser)).doesNotContain("AWAITING_APPROVAL", "\"version\":3")
                .doesNotContain(regulator.accessToken()).doesNotContain("acme-cn");
        assertThat(services.requests("GET", "/api/v1/transfers/" + transfer.id() + "/events"))
                .singleElement().satisfies(upstream -> {
                    assertThat(upstream.authorization()).isEqualTo("Bearer " + regulator.accessToken());
                    assertThat(upstream.accept()).isEqualTo("text/event-stream");
                });
        assertThat(browser.getResponse().getContentType()).startsWith("text/event-stream");
        assertThat(browser.getResponse().getHeader("X-Accel-Buffering")).isEqualTo("no");
    }

    @Test
    void aPageThatIsAlreadyBehindIsToldAtOnce() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.statusStream(transfer.id(), "REJECTED", 4);

        MvcResult browser = follow(PortalUsers.regulator("CN"), transfer.id() + "@3");

        await().untilAsserted(() -> assertThat(received(browser)).contains("\"status\":\"REJECTED\",\"version\":4"));
    }

    @Test
    void theInboxFollowsEveryTransferItListsInOneStream() throws Exception {
        var first = Transfers.awaitingChina();
        var second = Transfers.awaitingChina();
        var firstStream = services.statusStream(first.id(), "AWAITING_APPROVAL", 3);
        var secondStream = services.statusStream(second.id(), "AWAITING_APPROVAL", 7);

        MvcResult browser = follow(PortalUsers.regulator("CN"), first.id() + "@3", second.id() + "@7");
        await().until(() -> firstStream.connected() == 1 && secondStream.connected() == 1);
        secondStream.change("transfer.decision-recorded.v1", 8, "REJECTED");
        firstStream.change("transfer.decision-recorded.v1", 4, "APPROVED");

        await().untilAsserted(() -> assertThat(received(browser))
                .contains("\"transferId\":\"" + first.id() + "\",\"status\":\"APPROVED\"")
                .contains("\"transferId\":\"" + second.id() + "\",\"status\":\"REJECTED\""));
        assertThat(feeds.openUpstreams()).isEqualTo(2);
    }

    @Test
    void whenTheBrowserGoesAwayTheUpstreamStreamsAreClosed() throws Exception {
        var transfer = Transfers.awaitingChina();
        var stream = services.statusStream(transfer.id(), "AWAITING_APPROVAL", 3);

        MvcResult browser = follow(PortalUsers.regulator("CN"), transfer.id() + "@3");
        await().until(() -> stream.connected() == 1);
        ((MockAsyncContext) browser.getRequest().getAsyncContext()).complete();

        await().atMost(Duration.ofSeconds(10)).until(() -> stream.connected() == 0 && feeds.openUpstreams() == 0);
    }

    @Test
    void whenTheTransferServiceEndsItsStreamTheBrowsersEndsTooSoItReconnects() throws Exception {
        var transfer = Transfers.awaitingChina();
        var stream = services.statusStream(transfer.id(), "AWAITING_APPROVAL", 3);

        MvcResult browser = follow(PortalUsers.regulator("CN"), transfer.id() + "@3");
        await().until(() -> stream.connected() == 1);
        stream.end();

        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.openUpstreams() == 0);
        await().ignoreExceptions().until(() -> browser.getAsyncResult(0) == null);
        assertThat(received(browser)).startsWith(":following 1 transfer(s)\nretry:3000\n");
    }

    @Test
    void nothingToFollowIsNoContentSoTheBrowserStopsReconnecting() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.statusStream(transfer.id(), "AWAITING_APPROVAL", 3).refuseWith(404);

        mvc.perform(get("/live").param("transfer", transfer.id() + "@3").accept(MediaType.TEXT_EVENT_STREAM)
                        .with(PortalUsers.regulator("SG").session()))
                .andExpect(status().isNoContent());
    }

    @Test
    void aTokenTheTransferServiceNoLongerTakesIsUnauthorized() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.statusStream(transfer.id(), "AWAITING_APPROVAL", 3).refuseWith(401);

        mvc.perform(get("/live").param("transfer", transfer.id()).accept(MediaType.TEXT_EVENT_STREAM)
                        .with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void onlyTransferIdsAndAtMostFiftyOfThem() throws Exception {
        var regulator = PortalUsers.regulator("CN");
        mvc.perform(get("/live").param("transfer", "../../admin").accept(MediaType.TEXT_EVENT_STREAM)
                .with(regulator.session())).andExpect(status().isBadRequest());
        String[] tooMany = new String[51];
        java.util.Arrays.setAll(tooMany, i -> Transfers.awaitingChina().id());
        mvc.perform(get("/live").param("transfer", tooMany).accept(MediaType.TEXT_EVENT_STREAM)
                .with(regulator.session())).andExpect(status().isBadRequest());
        assertThat(services.requests()).isEmpty();
    }

    @Test
    void withoutASessionTheStreamIsUnauthorizedNotARedirect() throws Exception {
        mvc.perform(get("/live").param("transfer", Transfers.awaitingChina().id()).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isUnauthorized()).andExpect(header().doesNotExist("Location"));
    }

    private MvcResult follow(PortalUsers.TestUser user, String... transfers) throws Exception {
        return mvc.perform(get("/live").param("transfer", transfers).accept(MediaType.TEXT_EVENT_STREAM)
                        .with(user.session()))
                .andExpect(request().asyncStarted()).andReturn();
    }

    private static String received(MvcResult browser) throws Exception {
        return browser.getResponse().getContentAsString();
    }
}
