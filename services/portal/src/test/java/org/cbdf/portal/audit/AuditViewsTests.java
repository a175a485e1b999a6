package org.cbdf.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.disputes.DisputePagesTests;
import org.cbdf.portal.session.PortalUsers;
import org.cbdf.portal.transfers.Transfers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The auditor's views: the ledger's latest checkpoint verified in the portal, a transfer's timeline proven entry
 * by entry, the audit log searched with the audit API's filters, a transfer's state at an instant, the export
 * bundle streamed through with the auditor's token; and none of it for other roles.
 */
class AuditViewsTests extends PortalWebTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theLedgerPageShowsTheLatestCheckpointVerifiedAgainstThePublishedKey() throws Exception {
        var ledger = ledgerOf(UUID.randomUUID().toString()).serve(services, 4);
        var auditor = PortalUsers.auditor();

        Document page = page(mvc.perform(get("/audit").with(auditor.session())).andExpect(status().isOk()).andReturn());

        Element status = page.selectFirst("#checkpoint-status");
        assertThat(status.hasClass("verified")).isTrue();
        assertThat(status.text()).isEqualTo("Signature verified by the portal (Ed25519) against the public key the audit "
                + "service publishes (" + ledger.key().keyId() + ").");
        assertThat(page.select("#checkpoint-size").text()).isEqualTo("4");
        assertThat(page.select("#checkpoint-root").text()).isEqualTo(JSON.readTree(ledger.checkpoint(4)).path("rootHash").asString());
        assertThat(page.selectFirst("#checkpoint-note").wholeText()).startsWith(AuditLedger.ORIGIN + "\n4\n");
        assertThat(page.select("#sign-checkpoint-form input[name=_csrf]").val()).isNotBlank();
        assertThat(page.select("#export-form").attr("method")).isEqualTo("get");
        assertThat(page.select("#export-to").attr("placeholder")).isEqualTo("4");
        assertThat(page.select("label[for=export-from]")).isNotEmpty();
        assertThat(page.select("label[for=export-to]")).isNotEmpty();
        assertThat(page.select("nav a").eachAttr("id"))
                .containsExactly("nav-transfers", "nav-disputes", "nav-audit-log", "nav-ledger", "nav-reviews");
    }

    @Test
    void aCheckpointThatDoesNotVerifyIsSaidSoPlainly() throws Exception {
        var ledger = ledgerOf(UUID.randomUUID().toString()).serve(services, 4);
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, ledger.checkpointSignedWith(4, AuditLedger.generate()));

        Document page = page(mvc.perform(get("/audit").with(PortalUsers.auditor().session())).andExpect(status().isOk()).andReturn());

        assertThat(page.select("#checkpoint-status").hasClass("not-verified")).isTrue();
        assertThat(page.select("#checkpoint-status").text()).isEqualTo("The checkpoint's signature does NOT verify: do not rely on it.");
        assertThat(page.select("#checkpoint-reason").text()).startsWith("no signature of");
    }

    @Test
    void aTransfersTimelineIsProvenEntryByEntryAgainstTheSignedCheckpointForEveryoneWhoSeesIt() throws Exception {
        var transfer = Transfers.awaitingChina().status("APPROVED");
        var ledger = ledgerOf(transfer.id()).serve(services, 4, transfer.id());
        services.transfer(transfer.json());

        Document auditor = page(mvc.perform(get("/transfers/" + transfer.id()).with(PortalUsers.auditor().session()))
                .andExpect(status().isOk()).andReturn());
        Document regulator = page(mvc.perform(get("/transfers/" + transfer.id()).with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(auditor.select("#timeline-verification").text()).isEqualTo("Every entry verified against the signed "
                + "checkpoint of 4 entries (key " + ledger.key().keyId() + ").");
        assertThat(auditor.select("#timeline-verification").hasClass("verified")).isTrue();
        assertThat(auditor.select("#audit-trail li").eachAttr("data-proof")).containsExactly("VERIFIED", "VERIFIED", "VERIFIED");
        assertThat(auditor.select("#audit-trail li .proof").first().text()).isEqualTo("verified against the signed checkpoint");
        assertThat(auditor.select("#state-at-link").attr("href")).isEqualTo("/audit/transfers/" + transfer.id() + "/state");
        assertThat(auditor.select("#audit-trail li a.state-then").first().attr("href"))
                .isEqualTo("/audit/transfers/" + transfer.id() + "/state?at=2026-11-28T10:00:00Z");
        assertThat(regulator.select("#timeline-verification").text()).startsWith("Every entry verified");
        assertThat(regulator.select("#state-at-link, a.state-then")).isEmpty();
    }

    @Test
    void entriesAfterTheLatestCheckpointAwaitTheNextOne() throws Exception {
        var transfer = Transfers.awaitingChina();
        ledgerOf(transfer.id()).serve(services, 2, transfer.id());
        services.transfer(transfer.json());

        String fragment = mvc.perform(get("/transfers/" + transfer.id() + "/audit").header("HX-Request", "true")
                .with(PortalUsers.auditor().session())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        Document audit = Jsoup.parseBodyFragment(fragment);
        assertThat(audit.select("#timeline-verification").text()).isEqualTo("1 entries verified against the signed "
                + "checkpoint of 2 entries; 2 newer ones await the next checkpoint.");
        assertThat(audit.select("#audit-trail li").eachAttr("data-proof")).containsExactly("VERIFIED", "PENDING", "PENDING");
    }

    @Test
    void theAuditLogIsSearchedWithTheAuditApisFilters() throws Exception {
        var transfer = UUID.randomUUID().toString();
        var ledger = ledgerOf(transfer);
        services.answer("GET", "/api/v1/audit/events", 200, ledger.listing(transfer));
        var auditor = PortalUsers.auditor();

        Document page = page(mvc.perform(get("/audit/events").with(auditor.session()).param("aggregateId", transfer)
                        .param("organization", "acme-cn").param("jurisdiction", "cn").param("type", "transfer.submitted.v1")
                        .param("from", "2026-11-28T09:00").param("to", "2026-11-29T00:00:00Z"))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/audit/events")).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken());
            assertThat(request.query()).isEqualTo("limit=100&aggregateId=" + transfer + "&type=transfer.submitted.v1"
                    + "&organization=acme-cn&jurisdiction=CN&from=2026-11-28T09:00:00Z&to=2026-11-29T00:00:00Z");
        });
        assertThat(page.select("#audit-events tbody tr").eachAttr("data-leaf-index")).containsExactly("0", "2", "3");
        Element first = page.selectFirst("#audit-events tr[data-leaf-index=0]");
        assertThat(first.select("a.aggregate-link").attr("href")).isEqualTo("/transfers/" + transfer);
        assertThat(first.select("a.state-then").attr("href"))
                .isEqualTo("/audit/transfers/" + transfer + "/state?at=2026-11-28T10:00:00Z");
        assertThat(first.text()).contains("2026-11-28 10:00 UTC", "transfer.submitted.v1", "acme-cn", "CN, DE");
        assertThat(page.select("#search-from").val()).isEqualTo("2026-11-28T09:00:00");
        assertThat(page.select("#search-jurisdiction").val()).isEqualTo("CN");
        assertThat(page.select("#next-page")).isEmpty();
        for (Element control : page.select("#audit-search input")) {
            assertThat(page.select("label[for=" + control.id() + "]")).as(control.id()).isNotEmpty();
        }
    }

    @Test
    void aFullPageOffersTheNextAndWhatTheApiWouldRefuseIsNamedAndLeftOut() throws Exception {
        ArrayNode full = JSON.createArrayNode();
        IntStream.range(0, 100).forEach(i -> full.addObject().put("leafIndex", 500 + i).put("type", "transfer.submitted.v1")
                .put("time", "2026-11-28T10:00:00Z").put("aggregateType", "transfer").put("aggregateId", "x"));
        services.answer("GET", "/api/v1/audit/events", 200, full.toString());

        Document page = page(mvc.perform(get("/audit/events").with(PortalUsers.auditor().session())
                        .param("jurisdiction", "China").param("from", "yesterday").param("after", "499"))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/audit/events")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("limit=100&after=499"));
        assertThat(page.select("#search-jurisdiction-error").text()).isEqualTo("Two letters, an ISO 3166-1 country code.");
        assertThat(page.select("#search-from-error").text()).isEqualTo("A date and time, e.g. 2026-11-28T10:00 (UTC).");
        assertThat(page.select("#next-page").attr("href")).isEqualTo("/audit/events?after=599");
        assertThat(page.select("#first-page").attr("href")).isEqualTo("/audit/events?");
    }

    @Test
    void aTransfersStateAtAnInstantIsFoldedByTheAuditService() throws Exception {
        String id = UUID.randomUUID().toString();
        services.answer("GET", "/api/v1/audit/transfers/" + id + "/state", 200, """
                {"aggregateId": "%s", "status": "AWAITING_APPROVAL", "version": 3, "policyVersion": "sha256:abc",
                 "assessment": {"outcome": "REVIEW_REQUIRED", "requiredApprovals": [{"jurisdiction": "CN", "procedure": "SECURITY_ASSESSMENT"}],
                                "policyVersion": "sha256:abc"},
                 "decisions": [{"type": "transfer.decision-recorded.v1", "leafIndex": 7, "time": "2026-11-28T10:05:00Z",
                                "data": {"jurisdiction": "CN", "decision": "REJECT", "reasons": "Insufficient safeguards"}}],
                 "lastEventType": "transfer.assessed.v1", "lastEventTime": "2026-11-28T10:00:03Z",
                 "leafIndexes": [0, 2, 3], "fields": {"status": "AWAITING_APPROVAL", "organization": "acme-cn"},
                 "aggregateType": "transfer", "at": "2026-11-28T10:00:00Z",
                 "events": [{"leafIndex": 0, "eventId": "e0", "type": "transfer.submitted.v1", "time": "2026-11-28T09:59:00Z"},
                            {"leafIndex": 3, "eventId": "e3", "type": "transfer.assessed.v1", "time": "2026-11-28T10:00:00Z"}]}
                """.formatted(id));
        var auditor = PortalUsers.auditor();

        Document page = page(mvc.perform(get("/audit/transfers/" + id + "/state").param("at", "2026-11-28T10:00")
                .with(auditor.session())).andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/audit/transfers/" + id + "/state")).singleElement().satisfies(request -> {
            assertThat(request.query()).isEqualTo("at=2026-11-28T10:00:00Z");
            assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken());
        });
        assertThat(page.select("#state-status").text()).isEqualTo("Awaiting approval");
        assertThat(page.select("#state-version").text()).isEqualTo("3");
        assertThat(page.select("#state-outcome").text()).isEqualTo("Review required");
        assertThat(page.select("#state-approvals").text()).isEqualTo("CN — SECURITY_ASSESSMENT");
        assertThat(page.select("#state-decisions li").text()).contains("CN", "REJECT", "Insufficient safeguards", "ledger entry 7");
        assertThat(page.select("#state-events tbody tr").eachAttr("data-leaf-index")).containsExactly("0", "3");
        assertThat(page.select("#state-at-input").val()).isEqualTo("2026-11-28T10:00:00");
        assertThat(page.select("label[for=state-at-input]")).isNotEmpty();
    }

    @Test
    void beforeTheFirstEventTheLedgerHasNothingAndAnUnreadableInstantIsNamed() throws Exception {
        String id = UUID.randomUUID().toString();
        services.answer("GET", "/api/v1/audit/transfers/" + id + "/state", 404, """
                {"title": "Not found", "status": 404, "detail": "the ledger has no event of transfer %s"}""".formatted(id));

        Document before = page(mvc.perform(get("/audit/transfers/" + id + "/state").param("at", "2020-01-01T00:00:00Z")
                .with(PortalUsers.auditor().session())).andExpect(status().isOk()).andReturn());
        Document unreadable = page(mvc.perform(get("/audit/transfers/" + id + "/state").param("at", "last week")
                .with(PortalUsers.auditor().session())).andExpect(status().isBadRequest()).andReturn());

        assertThat(before.select("#state-none").text()).isEqualTo("The ledger has no event of it at or before 2020-01-01 00:00 UTC.");
        assertThat(unreadable.select("#state-at-error").text()).isEqualTo("A date and time, e.g. 2026-11-28T10:00 (UTC).");
        assertThat(services.requests("GET", "/api/v1/audit/transfers/" + id + "/state")).hasSize(1);
    }

    @Test
    void theExportBundleIsStreamedThroughThePortalWithTheAuditorsToken() throws Exception {
        byte[] zip = new byte[200_000];
        new java.util.Random(7).nextBytes(zip);
        services.answerBytes("GET", "/api/v1/audit/export", 200, "application/zip",
                Map.of("Content-Disposition", "attachment; filename=\"audit-0-42.zip\""), zip);
        var auditor = PortalUsers.auditor();

        MvcResult download = mvc.perform(get("/audit/export").param("from", "0").param("to", "42").with(auditor.session()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"audit-0-42.zip\""))
                .andReturn();

        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(zip);
        assertThat(services.requests("GET", "/api/v1/audit/export")).singleElement().satisfies(request -> {
            assertThat(request.query()).isEqualTo("from=0&to=42");
            assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken());
        });
    }

    @Test
    void anExportTheAuditServiceRefusesIsShownOnTheLedgerPage() throws Exception {
        services.answer("GET", "/api/v1/audit/export", 409, """
                {"title": "Conflict", "status": 409, "detail": "no checkpoint signed yet: POST /api/v1/audit/checkpoints"}""");

        Document nothingSigned = page(mvc.perform(get("/audit/export").with(PortalUsers.auditor().session()))
                .andExpect(status().isConflict()).andReturn());
        Document notANumber = page(mvc.perform(get("/audit/export").param("from", "-3").with(PortalUsers.auditor().session()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(nothingSigned.select("#export-problem").text())
                .contains("Nothing can be exported before a checkpoint is signed", "no checkpoint signed yet");
        assertThat(nothingSigned.select("#checkpoint-status").text()).isEqualTo("No checkpoint has been signed yet.");
        assertThat(notANumber.select("#export-from-error").text()).isEqualTo("A whole number, 0 or more.");
        assertThat(services.requests("GET", "/api/v1/audit/export")).hasSize(1);
    }

    @Test
    void anAuditorSignsACheckpointNow() throws Exception {
        services.answer("POST", "/api/v1/audit/checkpoints", 201,
                "{\"treeSize\": 42, \"rootHash\": \"x\", \"keyId\": \"k\", \"note\": \"n\"}");
        var auditor = PortalUsers.auditor();

        MvcResult signed = mvc.perform(post("/audit/checkpoints").with(auditor.session()).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("signed")).andReturn();
        Document after = page(mvc.perform(get("/audit").with(auditor.session()).flashAttrs(signed.getFlashMap()))
                .andExpect(status().isOk()).andReturn());
        mvc.perform(post("/audit/checkpoints").with(auditor.session())).andExpect(status().isForbidden());

        assertThat(services.requests("POST", "/api/v1/audit/checkpoints")).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken()));
        assertThat(after.select("#checkpoint-signed").text()).isEqualTo("A checkpoint of 42 entries has been signed.");
    }

    @Test
    void onlyAuditorsReachTheAuditViewsAndOthersAreToldWhy() throws Exception {
        for (var user : List.of(PortalUsers.regulator("CN"), PortalUsers.enterprise(), PortalUsers.policyAdmin())) {
            for (String path : List.of("/audit", "/audit/events", "/audit/export",
                    "/audit/transfers/" + UUID.randomUUID() + "/state")) {
                mvc.perform(get(path).with(user.session())).andExpect(status().isForbidden());
            }
        }
        assertThat(services.requests()).isEmpty();
    }

    /** Four entries, three of them of {@code transfer} (leaves 0, 2, 3), from 2026-11-28T10:00Z on. */
    private static AuditLedger ledgerOf(String transfer) {
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        return new AuditLedger().append(transfer, "transfer", "transfer.submitted.v1", start)
                .append(UUID.randomUUID().toString(), "transfer", "transfer.submitted.v1", start.plusSeconds(1))
                .append(transfer, "transfer-assessment", "policy.assessment-completed.v1", start.plusSeconds(2))
                .append(transfer, "transfer", "transfer.assessed.v1", start.plusSeconds(3));
    }

    static Document page(MvcResult result) throws Exception {
        return DisputePagesTests.page(result);
    }
}
