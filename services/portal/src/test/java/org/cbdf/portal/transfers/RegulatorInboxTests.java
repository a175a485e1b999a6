package org.cbdf.portal.transfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.cbdf.portal.FakeServices;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The regulator's inbox: what awaits its jurisdiction's decision, and only for regulators. */
class RegulatorInboxTests extends PortalWebTests {

    @Test
    void aRegulatorSeesWhatAwaitsItsDecisionLongestWaitingFirstWithCountsAgeAndExpiry() throws Exception {
        Instant now = Instant.now();
        var recent = Transfers.awaitingChina().submittedAt(now.minus(Duration.ofHours(5)))
                .expiresAt(now.plus(Duration.ofDays(200)));
        var old = Transfers.awaitingChina().submittedAt(now.minus(Duration.ofDays(3).plusHours(2)))
                .expiresAt(now.plus(Duration.ofDays(3)));
        services.transferList(2, recent.json(), old.json()); // the API lists the newest first
        var regulator = PortalUsers.regulator("CN");

        Document page = page(mvc.perform(get("/inbox").with(regulator.session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        var listed = services.requests("GET", "/api/v1/transfers");
        assertThat(listed).singleElement().satisfies(request -> {
            assertThat(request.query()).contains("awaiting=me", "size=200").doesNotContain("status=");
            assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken());
        });
        assertThat(page.select("#inbox-title").text()).isEqualTo("Inbox of CN");
        assertThat(page.select("#awaiting-count").text()).isEqualTo("2 transfers await your decision.");
        assertThat(page.select("#due-soon-count").text()).isEqualTo("1 of them expires within 7 days.");
        assertThat(page.select("#inbox tbody tr").eachAttr("data-transfer-id")).containsExactly(old.id(), recent.id());
        var oldRow = page.selectFirst("tr[data-transfer-id=" + old.id() + "]");
        assertThat(oldRow.select("td.waiting").text()).isEqualTo("3 days");
        assertThat(oldRow.hasClass("due-soon")).isTrue();
        assertThat(oldRow.select("td.expires").text()).contains("(in 3 days)");
        assertThat(oldRow.select("a.transfer-link").attr("href")).isEqualTo("/transfers/" + old.id());
        assertThat(page.selectFirst("tr[data-transfer-id=" + recent.id() + "]").select("td.waiting").text())
                .isEqualTo("5 hours");
        assertThat(page.select("#nav-inbox").attr("href")).isEqualTo("/inbox");
        // the results follow every transfer concerning the jurisdiction live (ListLiveUpdatesTests), each row its version
        assertThat(page.select("#live-indicator").attr("data-live")).isEqualTo("/live/transfers");
        assertThat(page.select("#inbox tbody tr").eachAttr("data-version")).containsExactly("3", "3");
    }

    @Test
    void theFiltersAreTheTransferApisAndWhatItWouldRefuseIsNamedAndLeftOut() throws Exception {
        services.transferList(0);

        Document page = page(mvc.perform(get("/inbox").param("destination", "de").param("from", "2026-12-01")
                        .param("to", "not a date").with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(services.requests("GET", "/api/v1/transfers")).first().satisfies(request ->
                assertThat(request.query()).contains("awaiting=me", "destination=DE", "from=2026-12-01")
                        .doesNotContain("to="));
        assertThat(page.select("#to-error").text()).isEqualTo("A date such as 2026-12-01.");
        assertThat(page.select("#to").attr("aria-describedby")).isEqualTo("to-error");
        assertThat(page.select("#destination").val()).isEqualTo("DE");
        assertThat(page.select("#inbox-empty").text()).isEqualTo("Nothing awaits your decision.");
        // with filters, the count of everything awaiting comes from its own query
        assertThat(services.requests("GET", "/api/v1/transfers")).hasSize(2);
    }

    @Test
    void showingAStatusListsTheTransfersConcerningTheJurisdictionInIt() throws Exception {
        var approved = Transfers.awaitingChina().status("APPROVED");
        services.transferList(1, approved.json());

        Document page = page(mvc.perform(get("/inbox").param("show", "APPROVED")
                        .with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(services.requests("GET", "/api/v1/transfers")).extracting(FakeServices.Recorded::query)
                .anySatisfy(query -> assertThat(query).contains("status=APPROVED").doesNotContain("awaiting"));
        assertThat(page.select("#show option[selected]").val()).isEqualTo("APPROVED");
        assertThat(page.select("#inbox tbody tr").eachAttr("data-transfer-id")).containsExactly(approved.id());
    }

    @Test
    void aWholeIdIsLookedUpAndPartOfOneNarrowsTheList() throws Exception {
        var wanted = Transfers.awaitingChina();
        var other = Transfers.awaitingChina();
        services.transfer(wanted.json()).transferList(2, wanted.json(), other.json());
        var regulator = PortalUsers.regulator("CN");

        Document byId = page(mvc.perform(get("/inbox").param("q", wanted.id()).with(regulator.session()))
                .andReturn().getResponse().getContentAsString());
        Document byPart = page(mvc.perform(get("/inbox").param("q", wanted.id().substring(0, 13).toUpperCase())
                        .with(regulator.session()))
                .andReturn().getResponse().getContentAsString());

        assertThat(services.requests("GET", "/api/v1/transfers/" + wanted.id())).hasSize(1);
        assertThat(byId.select("#inbox tbody tr").eachAttr("data-transfer-id")).containsExactly(wanted.id());
        assertThat(byPart.select("#inbox tbody tr").eachAttr("data-transfer-id")).containsExactly(wanted.id());
    }

    @Test
    void theResultsReloadAloneForTheLivePage() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transferList(1, transfer.json());

        String fragment = mvc.perform(get("/inbox/results").param("destination", "DE").header("HX-Request", "true")
                        .with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        Document results = Jsoup.parseBodyFragment(fragment);
        assertThat(fragment).doesNotContain("<html", "inbox-filters");
        assertThat(results.select("#inbox-results").attr("hx-get")).isEqualTo("/inbox/results?show=awaiting&destination=DE");
        assertThat(results.select("#inbox-results").attr("hx-trigger")).isEqualTo("transfers-changed");
        assertThat(results.select("#inbox-results").attr("data-live-fallback")).isEqualTo("60");
        assertThat(results.select("tr[data-transfer-id]").eachAttr("data-transfer-id")).containsExactly(transfer.id());
    }

    @Test
    void enterprisesAuditorsAndPolicyAdministratorsHaveNoInboxAndAreForbiddenItsAddress() throws Exception {
        services.transferList(0);
        for (var user : java.util.List.of(PortalUsers.enterprise(), PortalUsers.auditor(), PortalUsers.policyAdmin())) {
            mvc.perform(get("/inbox").with(user.session())).andExpect(status().isForbidden());
            mvc.perform(get("/inbox/results").with(user.session())).andExpect(status().isForbidden());
        }
        for (var user : java.util.List.of(PortalUsers.enterprise(), PortalUsers.auditor())) {
            Document transfers = page(mvc.perform(get("/transfers").with(user.session())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            assertThat(transfers.select("#nav-inbox")).as(user.username()).isEmpty();
            assertThat(transfers.select("#nav-transfers")).isNotEmpty();
        }
        // the transfer API shows a policy administrator no transfer: no entry, and its address says why
        mvc.perform(get("/transfers").with(PortalUsers.policyAdmin().session())).andExpect(status().isForbidden());
        assertThat(services.requests("GET", "/api/v1/transfers")).extracting(FakeServices.Recorded::query)
                .noneMatch(query -> query.contains("awaiting"));
    }

    @Test
    void aRegulatorLandsOnItsInboxOthersOnTheTransfers() throws Exception {
        mvc.perform(get("/").with(PortalUsers.regulator("DE").session())).andExpect(status().isFound())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/inbox"));
        mvc.perform(get("/").with(PortalUsers.auditor().session())).andExpect(status().isFound())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/transfers"));
    }

    @Test
    void theInboxSpeaksChinese() throws Exception {
        services.transferList(1, Transfers.awaitingChina().submittedAt(Instant.now().minus(Duration.ofDays(2))).json());

        Document page = page(mvc.perform(get("/inbox").param("lang", "zh-CN").with(PortalUsers.regulator("CN").session()))
                .andReturn().getResponse().getContentAsString());

        assertThat(page.select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.select("#inbox-title").text()).isEqualTo("CN 的待办");
        assertThat(page.select("#awaiting-count").text()).isEqualTo("1 项申请待您决定。");
        assertThat(page.select("td.waiting").text()).isEqualTo("2 天");
        assertThat(page.select("#nav-inbox").text()).isEqualTo("待办");
    }

    static Document page(String html) {
        return Jsoup.parse(html);
    }
}
