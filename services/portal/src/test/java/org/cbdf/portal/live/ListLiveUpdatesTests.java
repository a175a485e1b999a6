package org.cbdf.portal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.cbdf.portal.transfers.Transfers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Lists of transfers follow live: the regulator's inbox and the transfers search open {@code /live/transfers}, which
 * the portal relays from the transfer service's {@code /api/v1/transfers/stream} with the user's token (what the
 * service sends is already what the user may see); the page's script then reloads the list (the inbox) or says how
 * many transfers changed (the search). At most 3 lists per portal instance here (PortalWebTests).
 */
class ListLiveUpdatesTests extends PortalWebTests {

    @Autowired
    TransferFeeds feeds;
    @Autowired
    LiveRelay<TransferFeeds.Visible> lists;

    @AfterEach
    void browsersGone() {
        services.reset(); // ends every upstream stream, so no relay outlives its test
        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.openUpstreams() == 0 && lists.following() == 0);
    }

    @Test
    void aRegulatorsInboxFollowsEveryTransferConcerningItsJurisdictionAndReloadsOnlyWithoutTheStream() throws Exception {
        var listed = Transfers.awaitingChina();
        services.transferList(1, listed.json());

        Document inbox = page(mvc.perform(get("/inbox").with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isOk()).andReturn());

        Element indicator = inbox.selectFirst("#live-indicator");
        assertThat(indicator.attr("data-live")).isEqualTo("/live/transfers");
        assertThat(indicator.attr("data-live-list")).isEqualTo("inbox-results");
        assertThat(indicator.attr("data-off")).isEqualTo("Live updates are off: the list reloads every minute.");
        Element results = inbox.selectFirst("#inbox-results");
        assertThat(results.attr("hx-get")).isEqualTo("/inbox/results?show=awaiting");
        assertThat(results.attr("hx-trigger")).as("no reload by the clock while the stream is open")
                .isEqualTo("transfers-changed");
        assertThat(results.attr("data-live-refresh")).isEqualTo("auto");
        assertThat(results.attr("data-live-enter")).isEqualTo("true");
        assertThat(results.attr("data-live-statuses")).isEqualTo("AWAITING_APPROVAL");
        assertThat(results.attr("data-live-fallback")).isEqualTo("60");
        assertThat(results.attr("tabindex")).isEqualTo("-1");
        assertThat(results.select("tr[data-transfer-id=" + listed.id() + "]").attr("data-version")).isEqualTo("3");
        // the notice of changes not shown yet: outside the part that reloads, said politely, a button to show them
        Element changes = inbox.selectFirst("#live-changes");
        assertThat(changes.attr("data-live-changes")).isEqualTo("inbox-results");
        assertThat(changes.parents()).doesNotContain(results);
        Element text = changes.selectFirst("#live-changes-text");
        assertThat(text.attr("aria-live")).isEqualTo("polite");
        assertThat(text.attr("role")).isEqualTo("status");
        assertThat(text.attr("data-one")).isEqualTo("1 transfer changed since the list was shown.");
        assertThat(text.attr("data-many")).isEqualTo("{0} transfers changed since the list was shown.");
        assertThat(text.attr("data-updated")).isEqualTo("List updated at {0}.");
        Element refresh = changes.selectFirst("button#live-changes-refresh");
        assertThat(refresh.attr("type")).isEqualTo("button");
        assertThat(refresh.hasAttr("hidden")).isTrue();
        assertThat(refresh.text()).isEqualTo("Refresh the list");
        assertThat(refresh.attr("aria-controls")).isEqualTo("inbox-results");
        assertThat(inbox.select("[hx-trigger*=every]")).isEmpty();
    }

    @Test
    void whatMayEnterTheInboxFollowsItsFilters() throws Exception {
        var wanted = Transfers.awaitingChina();
        services.transferList(0).transfer(wanted.json());
        var regulator = PortalUsers.regulator("CN");

        Element approved = page(mvc.perform(get("/inbox").param("show", "APPROVED").param("q", "6F1C")
                .with(regulator.session())).andReturn()).selectFirst("#inbox-results");
        Element whole = page(mvc.perform(get("/inbox").param("q", wanted.id()).with(regulator.session())).andReturn())
                .selectFirst("#inbox-results");

        // the count of what awaits a decision is always shown: a transfer now awaiting approval may change it
        assertThat(approved.attr("data-live-statuses")).isEqualTo("AWAITING_APPROVAL APPROVED");
        assertThat(approved.attr("data-live-id-part")).isEqualTo("6f1c");
        assertThat(whole.attr("data-live-enter")).as("one whole id: no other transfer enters").isEqualTo("false");
        assertThat(whole.hasAttr("data-live-id-part")).isFalse();
    }

    @Test
    void aChangeTheTransferServiceSendsReachesTheBrowserWithoutTheOrganisationOrTheToken() throws Exception {
        var stream = services.transferStream();
        var regulator = PortalUsers.regulator("CN");
        String arrived = Transfers.awaitingChina().id();

        MvcResult browser = follow(regulator);
        await().until(() -> stream.connected() == 1);
        stream.send("event:status\ndata:not json\n\n");
        stream.send("event:status\ndata:{\"transferId\":\"../../admin\",\"status\":\"APPROVED\",\"version\":2}\n\n");
        stream.send("event:other\ndata:{\"transferId\":\"" + arrived + "\"}\n\n");
        stream.change(arrived, "transfer.assessed.v1", 2, "AWAITING_APPROVAL");

        await().untilAsserted(() -> assertThat(received(browser)).contains("event:status\ndata:{\"transferId\":\""
                + arrived + "\",\"status\":\"AWAITING_APPROVAL\",\"version\":2,\"type\":\"transfer.assessed.v1\"}"));
        assertThat(received(browser)).startsWith(":following the transfers you may see\nretry:3000\n")
                .doesNotContain("acme-cn", regulator.accessToken(), "admin", "not json", "event:other")
                .containsOnlyOnce("event:status");
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).singleElement().satisfies(upstream -> {
            assertThat(upstream.authorization()).isEqualTo("Bearer " + regulator.accessToken());
            assertThat(upstream.accept()).isEqualTo("text/event-stream");
        });
        assertThat(browser.getResponse().getContentType()).startsWith("text/event-stream");
        assertThat(browser.getResponse().getHeader("X-Accel-Buffering")).isEqualTo("no");
        assertThat(lists.following()).isEqualTo(1);
    }

    @Test
    void whenTheBrowserLeavesTheUpstreamStreamIsClosed() throws Exception {
        var stream = services.transferStream();

        MvcResult browser = follow(PortalUsers.auditor());
        await().until(() -> stream.connected() == 1);
        ((MockAsyncContext) browser.getRequest().getAsyncContext()).complete();

        await().atMost(Duration.ofSeconds(10)).until(() -> stream.connected() == 0 && feeds.openUpstreams() == 0
                && lists.following() == 0);
    }

    @Test
    void anExpiredTokenEndsItTheStreamEndsAndReconnectingIsUnauthorizedAndTheListReloadsIntoTheLogin() throws Exception {
        var stream = services.transferStream();
        var regulator = PortalUsers.regulator("CN");

        MvcResult browser = follow(regulator);
        await().until(() -> stream.connected() == 1);
        // the transfer service ends its stream (its 30 minute limit); meanwhile the session's token ran out
        stream.refuseWith(401);
        stream.end();

        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.openUpstreams() == 0 && lists.following() == 0);
        await().ignoreExceptions().until(() -> browser.getAsyncResult(0) == null);
        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM).with(regulator.session()))
                .andExpect(status().isUnauthorized());
        assertThat(lists.following()).isZero();
        // the page's fallback reload then meets the same token: htmx reloads the page, which logs in again
        services.answer("GET", "/api/v1/transfers", 401, "{\"status\": 401}");
        mvc.perform(get("/inbox/results").header("HX-Request", "true").with(regulator.session()))
                .andExpect(status().isUnauthorized()).andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void aRoleTheStreamDoesNotServeIsNoContentAndWithoutASessionOrTheRoleNothingIsAsked() throws Exception {
        services.transferStream().refuseWith(403);

        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM)
                .with(PortalUsers.enterprise().session())).andExpect(status().isNoContent());
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).hasSize(1);

        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM)
                .with(PortalUsers.policyAdmin().session())).andExpect(status().isForbidden());
        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isUnauthorized()).andExpect(header().doesNotExist("Location"));
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).hasSize(1);
        assertThat(lists.following()).isZero();
    }

    @Test
    void atMostSoManyListsAreFollowedPerInstanceThenTheBrowserIsToldToComeBackLater() throws Exception {
        var stream = services.transferStream();
        List<MvcResult> browsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            browsers.add(follow(PortalUsers.regulator("CN")));
        }
        await().until(() -> stream.connected() == 3);

        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM)
                        .with(PortalUsers.regulator("DE").session()))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "60"));
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).as("the transfer service was not asked")
                .hasSize(3);

        ((MockAsyncContext) browsers.getFirst().getRequest().getAsyncContext()).complete();
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.following() == 2);
        follow(PortalUsers.regulator("DE"));
        await().until(() -> stream.connected() == 3);
    }

    @Test
    void theTransfersSearchFollowsLiveTooAndSaysWhatChangedInsteadOfMovingTheResults() throws Exception {
        var listed = Transfers.awaitingChina().status("APPROVED");
        services.transferList("bmV4dA", 120, listed.json());
        var auditor = PortalUsers.auditor();

        Document first = page(mvc.perform(get("/transfers").with(auditor.session())).andExpect(status().isOk())
                .andReturn());
        Document filtered = page(mvc.perform(get("/transfers").param("status", "APPROVED").param("cursor", "bmV4dA")
                .with(auditor.session())).andReturn());
        String fragment = mvc.perform(get("/transfers/results").param("status", "APPROVED").param("destination", "de")
                        .param("cursor", "bmV4dA").header("HX-Request", "true").with(auditor.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(first.select("#live-indicator").attr("data-live")).isEqualTo("/live/transfers");
        assertThat(first.select("#live-indicator").attr("data-live-list")).isEqualTo("transfer-results");
        Element results = first.selectFirst("#transfer-results");
        assertThat(results.attr("data-live-refresh")).isEqualTo("notice");
        assertThat(results.attr("hx-trigger")).isEqualTo("transfers-changed");
        assertThat(results.attr("hx-get")).isEqualTo("/transfers/results?");
        // newest first: only new transfers enter the first page; on a later page only those shown change
        assertThat(results.attr("data-live-enter")).isEqualTo("true");
        assertThat(results.attr("data-live-types")).isEqualTo("transfer.submitted.v1 transfer.assessed.v1");
        assertThat(results.hasAttr("data-live-fallback")).as("a search is reloaded when the user asks").isFalse();
        assertThat(results.select("tr[data-transfer-id=" + listed.id() + "]").attr("data-version")).isEqualTo("3");
        assertThat(results.select("#next-page")).isNotEmpty();
        assertThat(first.select("#live-changes-refresh").text()).isEqualTo("Refresh the list");
        assertThat(filtered.select("#transfer-results").attr("data-live-enter")).isEqualTo("false");
        assertThat(filtered.select("#transfer-results").attr("data-live-statuses")).isEqualTo("APPROVED");
        Document part = Jsoup.parseBodyFragment(fragment);
        assertThat(fragment).doesNotContain("<html", "transfer-search", "live-changes");
        assertThat(part.select("#transfer-results").attr("hx-get"))
                .isEqualTo("/transfers/results?status=APPROVED&destination=DE&cursor=bmV4dA");
        assertThat(part.select("#transfers tbody tr").eachAttr("data-transfer-id")).containsExactly(listed.id());
    }

    @Test
    void anAuditorsStreamRelaysWhatTheTransferServiceSendsItWithItsOwnToken() throws Exception {
        var stream = services.transferStream();
        var auditor = PortalUsers.auditor();
        String other = Transfers.awaitingChina().id();

        MvcResult browser = follow(auditor);
        await().until(() -> stream.connected() == 1);
        stream.change(other, "transfer.submitted.v1", 1, "SUBMITTED");
        stream.change(other, "transfer.assessed.v1", 2, "PERMITTED");

        await().untilAsserted(() -> assertThat(received(browser))
                .contains("\"transferId\":\"" + other + "\",\"status\":\"SUBMITTED\",\"version\":1")
                .contains("\"transferId\":\"" + other + "\",\"status\":\"PERMITTED\",\"version\":2"));
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).singleElement()
                .satisfies(upstream -> assertThat(upstream.authorization()).isEqualTo("Bearer " + auditor.accessToken()));
    }

    @Test
    void theNoticeAndTheIndicatorInChinese() throws Exception {
        services.transferList(0);

        Document inbox = page(mvc.perform(get("/inbox").param("lang", "zh-CN")
                .with(PortalUsers.regulator("CN").session())).andReturn());
        Document search = page(mvc.perform(get("/transfers").param("lang", "zh-CN")
                .with(PortalUsers.auditor().session())).andReturn());

        assertThat(inbox.select("#live-changes-text").attr("data-many")).isEqualTo("列表显示后有 {0} 项转移发生了变化。");
        assertThat(inbox.select("#live-changes-text").attr("data-unknown")).isEqualTo("实时更新曾中断：列表可能已有变化。");
        assertThat(inbox.select("#live-changes-refresh").text()).isEqualTo("刷新列表");
        assertThat(inbox.select("#live-indicator").attr("data-off")).isEqualTo("实时更新已关闭：列表每分钟刷新一次。");
        assertThat(search.select("#live-indicator").attr("data-on")).isEqualTo("实时：这些转移的变化会在此提示；列表在您要求时才更新。");
        assertThat(search.select("#live-changes-text").attr("data-updated")).isEqualTo("列表已于 {0} 更新。");
    }

    private MvcResult follow(PortalUsers.TestUser user) throws Exception {
        return mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM).with(user.session()))
                .andExpect(request().asyncStarted()).andReturn();
    }

    private static String received(MvcResult browser) throws Exception {
        return browser.getResponse().getContentAsString();
    }

    private static Document page(MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString();
        assertThat(html).doesNotContain("??");
        return Jsoup.parse(html);
    }
}
