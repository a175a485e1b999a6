package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A transfer two regulators must approve, decided by both through the real services: China's CAC (more
 * than a million individuals leave China) and Brazil's ANPD (the importer in Brazil passes the data on under
 * global corporate rules, which the ANPD approves). One approval is not enough; the second decides.
 */
class TwoRegulatorsEndToEndIntegrationTests {

    static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    void bothRequiredRegulatorsMustApprove() {
        String enterprise = running.token("enterprise-cn");
        HttpResponse<String> created = running.post(transfers(""), enterprise, """
                {
                  "exporter":  { "jurisdiction": "CN", "ciio": false },
                  "importer":  { "name": "Acme Brasil Ltda", "jurisdiction": "BR" },
                  "purpose": "Group customer service",
                  "dataCategories": ["PERSONAL"],
                  "dataSubjects": { "count": 1200000, "sensitiveCount": 0 },
                  "mechanism": "BCR",
                  "onwardTransfers": [ { "jurisdiction": "US" } ],
                  "period": { "start": "2026-12-01", "end": "2027-11-30" }
                }
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"SUBMITTED".equals(running.read(transfers("/" + id), enterprise).get("status").asString()));
        JsonNode assessed = running.read(transfers("/" + id), enterprise);
        assertThat(assessed.get("status").asString()).as(assessed.toString()).isEqualTo("AWAITING_APPROVAL");
        List<String> approvals = assessed.get("assessment").get("requiredApprovals").valueStream()
                .map(a -> a.get("jurisdiction").asString()).toList();
        assertThat(approvals).as(assessed.get("assessment").toString()).contains("CN", "BR");

        HttpResponse<String> first = decide("regulator-cn", id, "Security assessment passed");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(running.read(transfers("/" + id), enterprise).get("status").asString())
                .as("one of two approvals").isEqualTo("AWAITING_APPROVAL");

        HttpResponse<String> second = decide("regulator-br", id, "Global corporate rules approved");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode approved = running.read(transfers("/" + id), enterprise);
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("decisions").valueStream().map(d -> d.get("jurisdiction").asString()))
                .containsExactlyInAnyOrder("CN", "BR");
    }

    private static HttpResponse<String> decide(String regulator, String id, String reasons) {
        return running.post(transfers("/" + id + "/decisions"), running.token(regulator),
                "{\"decision\":\"APPROVE\",\"reasons\":\"" + reasons + "\"}");
    }

    private static URI transfers(String path) {
        return running.service("transfer", "/api/v1/transfers" + path);
    }
}
