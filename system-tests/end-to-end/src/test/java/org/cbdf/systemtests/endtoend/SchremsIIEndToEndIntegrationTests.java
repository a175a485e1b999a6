package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Schrems II (CJEU C-311/18) replayed on the whole platform: DE → US transfers to DPF-certified importers are
 * permitted on the EU-US adequacy decision; the policy administrator revokes the decision through the API; every
 * transfer that relied on it is reassessed (prohibited now: it named no other transfer tool), the transfer service
 * suspends it, and the audit log shows why.
 */
class SchremsIIEndToEndIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String REASON = "Schrems II replay: CJEU invalidates Commission Implementing Decision (EU) 2023/1795";

    static RunningPlatform running;
    static String transferId;
    static String enterprise;
    static String auditor;
    static String policyAdmin;

    @BeforeAll
    static void aPermittedTransferRelyingOnTheDecisionIsRevoked() {
        running = RunningPlatform.get();
        enterprise = running.token("enterprise-de");
        auditor = running.token("auditor");
        policyAdmin = running.token("policy-admin");

        HttpResponse<String> created = running.send(HttpRequest.newBuilder(running.service("transfer", "/api/v1/transfers"))
                .header("Authorization", "Bearer " + enterprise).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SampleTransfers.DE_US_PERMITTED)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        transferId = RunningPlatform.JSON.readTree(created.body()).get("id").asString();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> !"SUBMITTED".equals(transfer().get("status").asString()));
        JsonNode permitted = transfer();
        assertThat(permitted.get("status").asString()).isEqualTo("PERMITTED");
        assertThat(permitted.get("assessment").get("outcome").asString()).isEqualTo("PERMITTED");

        HttpResponse<String> notAllowed = changeDecision(enterprise, "REVOKED", "an exporter cannot revoke");
        assertThat(notAllowed.statusCode()).isEqualTo(403);
        HttpResponse<String> revoked = changeDecision(policyAdmin, "REVOKED", REASON);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(RunningPlatform.JSON.readTree(revoked.body()).get("reassessedTransfers").asInt()).isPositive();
    }

    @AfterAll
    static void restoreTheDecision() {
        if (policyAdmin != null) {
            changeDecision(policyAdmin, "UNDER_CHALLENGE", "restored after the Schrems II replay");
        }
    }

    @Test
    void thePolicyServiceReassessesTheTransferWithTheReason() {
        URI latest = running.service("policy", "/api/v1/assessments/" + transferId);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> running.read(latest, auditor).get("version").asInt() == 2);
        JsonNode reassessed = running.read(latest, auditor);

        assertThat(reassessed.get("assessment").get("outcome").asString()).isEqualTo("PROHIBITED");
        assertThat(reassessed.get("reason").asString()).contains("adequacy decision eu-us-dpf REVOKED: " + REASON)
                .contains("was PERMITTED");
        assertThat(reassessed.get("assessment").get("trace").valueStream()
                .filter(e -> e.get("matched").asBoolean()).map(e -> e.get("explanation").asString()))
                .anySatisfy(e -> assertThat(e).contains("eu-us-dpf").contains("is REVOKED"));
    }

    @Test
    void theAuditLogShowsTheRevocationAndTheReassessmentWithItsReason() {
        URI transferEvents = running.service("audit", "/api/v1/audit/events?aggregateId=" + transferId);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> running.read(transferEvents, auditor)
                .valueStream().filter(e -> e.get("type").asString().equals("policy.assessment-completed.v1")).count() == 2);
        List<JsonNode> assessments = running.read(transferEvents, auditor).valueStream()
                .filter(e -> e.get("type").asString().equals("policy.assessment-completed.v1")).toList();
        assertThat(assessments).extracting(e -> e.get("aggregateVersion").asLong()).containsExactly(1L, 2L);
        assertThat(assessments.get(1).get("data").get("reason").asString()).contains("eu-us-dpf REVOKED");
        assertThat(assessments.get(1).get("data").get("assessment").get("outcome").asString()).isEqualTo("PROHIBITED");

        URI decisionEvents = running.service("audit", "/api/v1/audit/events?aggregateId=eu-us-dpf");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> running.read(decisionEvents, auditor).valueStream()
                        .anyMatch(e -> e.get("type").asString().equals("policy.adequacy-decision-changed.v1")));
        JsonNode change = running.read(decisionEvents, auditor).valueStream()
                .filter(e -> e.get("type").asString().equals("policy.adequacy-decision-changed.v1")).findFirst().orElseThrow();
        assertThat(change.get("data").get("status").asString()).isEqualTo("REVOKED");
        assertThat(change.get("data").get("reason").asString()).isEqualTo(REASON);
    }

    /** The transfer service's part: SUSPENDED on a reassessment that removes the basis, and the log says so. */
    @Test
    void theTransferServiceSuspendsTheTransferAndTheAuditLogShowsIt() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUSPENDED".equals(transfer().get("status").asString()));
        URI transferEvents = running.service("audit", "/api/v1/audit/events?aggregateId=" + transferId);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> running.read(transferEvents, auditor)
                .valueStream().anyMatch(e -> e.get("type").asString().equals("transfer.suspended.v1")));
        JsonNode suspended = running.read(transferEvents, auditor).valueStream()
                .filter(e -> e.get("type").asString().equals("transfer.suspended.v1")).findFirst().orElseThrow();
        assertThat(suspended.get("data").toString()).contains("PROHIBITED");
    }

    private static JsonNode transfer() {
        return running.read(running.service("transfer", "/api/v1/transfers/" + transferId), enterprise);
    }

    private static HttpResponse<String> changeDecision(String token, String status, String reason) {
        return running.send(HttpRequest.newBuilder(running.service("policy", "/api/v1/adequacy-decisions/eu-us-dpf"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RunningPlatform.JSON.writeValueAsString(
                        java.util.Map.of("status", status, "reason", reason)))).build());
    }
}
