package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

/**
 * Regulators decide on a transfer the real policy service sent for approval: CN's security assessment of
 * 1.2 million individuals needs the CAC (regulator-cn); the destination's regulator may read it but not
 * decide. The exporter follows it live over server-sent events, and appeals a rejection.
 */
class TransferApprovalEndToEndIntegrationTests {

    static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    @Timeout(180)
    void theRequiredRegulatorApprovesAndTheDestinationsRegulatorMayNotDecide() {
        String enterprise = running.token("enterprise-cn");
        String regulatorCn = running.token("regulator-cn");
        String regulatorDe = running.token("regulator-de");
        String id = awaitingApproval(enterprise);
        JsonNode transfer = running.read(transfer("/api/v1/transfers/" + id), enterprise);
        List<String> approvers = transfer.get("requiredApprovals").valueStream().map(JsonNode::asString).toList();
        assertThat(approvers).contains("CN");

        assertThat(ids(running.read(transfer("/api/v1/transfers?awaiting=me&size=200"), regulatorCn))).contains(id);
        assertThat(ids(running.read(transfer("/api/v1/transfers?awaiting=me&size=200"), regulatorDe)))
                .doesNotContain(id);

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            http.sendAsync(HttpRequest.newBuilder(transfer("/api/v1/transfers/" + id + "/events"))
                    .header("Authorization", "Bearer " + enterprise).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                    .anyMatch(line -> line.contains("AWAITING_APPROVAL")));

            HttpResponse<String> refused = decide(regulatorDe, id, "APPROVE", "Adequate safeguards");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            HttpResponse<String> approved = decide(regulatorCn, id, "APPROVE", "Security assessment passed");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(decide(regulatorCn, id, "REJECT", "Changed my mind").statusCode()).isEqualTo(409);

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                    .anyMatch(line -> line.contains("transfer.decision-recorded.v1") && line.contains("APPROVED")));
        } finally {
            http.shutdownNow();
        }

        JsonNode decided = running.read(transfer("/api/v1/transfers/" + id), enterprise);
        assertThat(decided.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = decided.get("decisions").get(0);
        assertThat(decision.get("jurisdiction").asString()).isEqualTo("CN");
        assertThat(decision.get("decidedBy").asString()).isEqualTo("regulator-cn");
        assertThat(decision.get("reasons").asString()).isEqualTo("Security assessment passed");

        // the audit ledger holds the decision, in order after the assessment
        String auditor = running.token("auditor");
        URI auditEvents = running.service("audit", "/api/v1/audit/events?aggregateId=" + id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> running.read(auditEvents, auditor).valueStream()
                        .anyMatch(e -> "transfer.decision-recorded.v1".equals(e.get("type").asString())));
    }

    @Test
    @Timeout(180)
    void aRejectionIsAppealedOnceAndAnotherOrganisationSeesNothing() {
        String enterprise = running.token("enterprise-cn");
        String regulatorCn = running.token("regulator-cn");
        String id = awaitingApproval(enterprise);

        assertThat(decide(regulatorCn, id, "REJECT", "Volume not justified").statusCode()).isEqualTo(200);
        assertThat(running.read(transfer("/api/v1/transfers/" + id), enterprise).get("status").asString())
                .isEqualTo("REJECTED");

        String otherEnterprise = running.token("enterprise-de");
        assertThat(running.post(transfer("/api/v1/transfers/" + id + "/appeal"), otherEnterprise,
                "{\"grounds\":\"not mine\"}").statusCode()).isEqualTo(404);
        assertThat(running.post(transfer("/api/v1/transfers/" + id + "/withdrawal"), otherEnterprise, "")
                .statusCode()).isEqualTo(404);

        HttpResponse<String> appealed = running.post(transfer("/api/v1/transfers/" + id + "/appeal"), enterprise,
                "{\"grounds\":\"The volume is needed for global payroll\"}");
        assertThat(appealed.statusCode()).as(appealed.body()).isEqualTo(200);
        assertThat(RunningPlatform.JSON.readTree(appealed.body()).get("status").asString()).isEqualTo("APPEALED");
        HttpResponse<String> again = running.post(transfer("/api/v1/transfers/" + id + "/appeal"), enterprise,
                "{\"grounds\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(RunningPlatform.JSON.readTree(again.body()).get("currentStatus").asString()).isEqualTo("APPEALED");
    }

    private static String awaitingApproval(String enterprise) {
        HttpResponse<String> created = running.post(transfer("/api/v1/transfers"), enterprise, SampleTransfers.NEEDS_CN_APPROVAL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "AWAITING_APPROVAL".equals(running.read(transfer("/api/v1/transfers/" + id), enterprise)
                        .get("status").asString()));
        return id;
    }

    private static HttpResponse<String> decide(String token, String id, String decision, String reasons) {
        return running.post(transfer("/api/v1/transfers/" + id + "/decisions"), token,
                "{\"decision\":\"" + decision + "\",\"reasons\":\"" + reasons + "\"}");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(t -> t.get("id").asString()).toList();
    }

    private static URI transfer(String path) {
        return running.service("transfer", path);
    }
}
