package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * From a rejected transfer to its appeal's binding outcome, across the whole platform: the Chinese regulator
 * rejects a transfer that needs its security assessment, the exporter appeals, the dispute service opens a case
 * between the CN and DE regulators and the exporter, the regulators agree to approve it with a condition, and the
 * transfer service applies the outcome: the transfer is APPROVED. The audit ledger holds the dispute's events.
 */
class DisputeEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    void aRejectedTransfersAppealEndsInABindingOutcomeAppliedToTheTransfer() throws Exception {
        String enterprise = running.token("enterprise-cn");
        String regulatorCn = running.token("regulator-cn");
        String regulatorDe = running.token("regulator-de");
        String regulatorSg = running.token("regulator-sg");

        // a transfer that needs the CAC security assessment: 1.2 million individuals
        HttpResponse<String> created = running.post(transfer("/api/v1/transfers"), enterprise, SampleTransfers.NEEDS_CN_APPROVAL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        awaitTransferStatus(id, enterprise, "AWAITING_APPROVAL");

        // the Chinese regulator rejects it, the exporter appeals
        HttpResponse<String> rejected = running.post(transfer("/api/v1/transfers/" + id + "/decisions"), regulatorCn,
                "{\"decision\": \"REJECT\", \"reasons\": \"The security assessment does not cover onward HR analytics.\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(RunningPlatform.JSON.readTree(rejected.body()).get("status").asString()).isEqualTo("REJECTED");
        HttpResponse<String> appealed = running.post(transfer("/api/v1/transfers/" + id + "/appeal"), enterprise,
                "{\"grounds\": \"No onward analytics take place; the assessment covers the whole processing.\"}");
        assertThat(appealed.statusCode()).as(appealed.body()).isEqualTo(200);
        assertThat(RunningPlatform.JSON.readTree(appealed.body()).get("status").asString()).isEqualTo("APPEALED");

        // the dispute service opened a case between the CN and DE regulators and the exporter
        JsonNode opened = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> caseOf(id, regulatorCn), Optional::isPresent).orElseThrow();
        String dispute = "/api/v1/disputes/" + opened.get("id").asString();
        assertThat(opened.get("trigger").asString()).isEqualTo("APPEAL");
        assertThat(opened.get("status").asString()).isEqualTo("OPEN");
        assertThat(opened.get("parties").valueStream().map(JsonNode::asString).toList()).contains("CN", "DE");
        assertThat(opened.get("deadline").isNull()).isFalse();
        assertThat(running.get(disputes(dispute), regulatorSg).statusCode()).as("uninvolved").isEqualTo(404);
        assertThat(running.read(disputes(dispute), enterprise).get("organization").asString()).isEqualTo("acme-cn");

        // the exporter files its evidence, the regulators agree on an approval with a condition
        String evidence = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("CAC security assessment notice 2026-10-02".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> statement = running.post(disputes(dispute + "/statements"), enterprise, """
                {"text": "The CAC notice covers all processing at the importer.",
                 "attachments": [{"name": "cac-notice.pdf", "sha256": "%s"}]}""".formatted(evidence));
        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(201);
        HttpResponse<String> proposal = running.post(disputes(dispute + "/proposals"), regulatorDe, """
                {"resolution": "APPROVE_WITH_CONDITIONS",
                 "conditions": ["No onward processing for analytics without a new assessment"]}""");
        assertThat(proposal.statusCode()).as(proposal.body()).isEqualTo(201);
        int number = RunningPlatform.JSON.readTree(proposal.body()).at("/proposal/number").asInt();
        HttpResponse<String> accepted = running.post(disputes(dispute + "/acceptances"), regulatorCn,
                "{\"proposal\": " + number + "}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode resolved = RunningPlatform.JSON.readTree(accepted.body());
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED_BY_AGREEMENT");
        assertThat(resolved.at("/outcome/resolution").asString()).isEqualTo("APPROVE_WITH_CONDITIONS");

        // the transfer service applies the binding outcome
        awaitTransferStatus(id, enterprise, "APPROVED");

        // and the audit ledger holds the dispute's events, in order
        String auditor = running.token("auditor");
        URI auditEvents = running.service("audit", "/api/v1/audit/events?aggregateId=" + opened.get("id").asString());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> running.read(auditEvents, auditor).size() >= 3);
        assertThat(running.read(auditEvents, auditor).valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("dispute.opened.v1", "dispute.statement-filed.v1", "dispute.resolved.v1");
    }

    private Optional<JsonNode> caseOf(String transferId, String token) {
        JsonNode page = running.read(disputes("/api/v1/disputes?size=100"), token);
        return page.get("content").valueStream().filter(c -> c.get("transferId").asString().equals(transferId))
                .findFirst();
    }

    private static void awaitTransferStatus(String id, String token, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> running.read(transfer("/api/v1/transfers/" + id), token).get("status").asString(),
                        status::equals);
    }

    private static URI transfer(String path) {
        return running.service("transfer", path);
    }

    private static URI disputes(String path) {
        return running.service("dispute", path);
    }
}
