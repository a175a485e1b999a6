package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.cbdf.tools.devstack.LocalPlatform;
import org.cbdf.tools.devstack.PlatformService;
import org.cbdf.platform.keycloak.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The whole platform as the README's first command runs it: the four service jars as processes, one real
 * Kafka broker, real PostgreSQL databases and the real Keycloak with the governance realm. A transfer is
 * followed from submit, through the policy service's assessment, to the audit ledger.
 */
class PlatformEndToEndIntegrationTests {

    static RunningPlatform running;
    static LocalPlatform platform;
    static Tokens tokens;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
        platform = running.platform;
        tokens = running.tokens;
    }

    @Test
    void aTransferFlowsFromSubmitThroughAssessmentIntoTheAuditLog() {
        String enterprise = tokens.passwordGrant("govctl", "enterprise-cn", "demo");
        String body = SampleTransfers.NEEDS_CN_APPROVAL;
        HttpResponse<String> created = send(HttpRequest.newBuilder(transfer("/api/v1/transfers"))
                .header("Authorization", "Bearer " + enterprise).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode submitted = RunningPlatform.JSON.readTree(created.body());
        String id = submitted.get("id").asString();
        assertThat(submitted.get("organization").asString()).isEqualTo("acme-cn");

        // the policy service assesses it: 1.2 million individuals need the CAC security assessment
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"SUBMITTED".equals(get(transfer("/api/v1/transfers/" + id), enterprise).get("status")
                        .asString()));
        JsonNode assessed = get(transfer("/api/v1/transfers/" + id), enterprise);
        assertThat(assessed.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(assessed.get("assessment").get("outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        assertThat(assessed.get("assessment").get("requiredApprovals").valueStream()
                .map(a -> a.get("jurisdiction").asString() + ":" + a.get("procedure").asString()))
                .contains("CN:SECURITY_ASSESSMENT");
        assertThat(assessed.get("assessment").get("policyVersion").asString()).startsWith("sha256:");

        // another organisation does not even learn that it exists
        String otherEnterprise = tokens.passwordGrant("govctl", "enterprise-de", "demo");
        assertThat(send(HttpRequest.newBuilder(transfer("/api/v1/transfers/" + id))
                .header("Authorization", "Bearer " + otherEnterprise).build()).statusCode()).isEqualTo(404);

        // the audit ledger holds every event of the transfer, in order
        String auditor = tokens.passwordGrant("govctl", "auditor", "demo");
        URI auditEvents = service("audit", "/api/v1/audit/events?aggregateId=" + id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(auditEvents, auditor).size() >= 3);
        List<String> types = get(auditEvents, auditor).valueStream().map(e -> e.get("type").asString()).toList();
        assertThat(types).containsExactly("transfer.submitted.v1", "policy.assessment-completed.v1",
                "transfer.assessed.v1");
        assertThat(get(auditEvents, enterprise).size()).as("the exporter reads its own transfer's audit trail")
                .isEqualTo(3);
        assertThat(get(auditEvents, otherEnterprise).size()).isZero();

        // the dispute service knows who would be party to a dispute about it
        String regulatorCn = tokens.passwordGrant("govctl", "regulator-cn", "demo");
        URI parties = service("dispute", "/api/v1/disputes/transfers/" + id + "/parties");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(HttpRequest.newBuilder(parties).header("Authorization", "Bearer " + regulatorCn)
                        .build()).statusCode() == 200);
        assertThat(send(HttpRequest.newBuilder(parties).header("Authorization", "Bearer " + regulatorCn).build())
                .body()).contains("CN", "DE");

        // a regulator of the destination reads it; one of an uninvolved jurisdiction does not
        String regulatorDe = tokens.passwordGrant("govctl", "regulator-de", "demo");
        String regulatorSg = tokens.passwordGrant("govctl", "regulator-sg", "demo");
        assertThat(send(HttpRequest.newBuilder(transfer("/api/v1/transfers/" + id))
                .header("Authorization", "Bearer " + regulatorDe).build()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(transfer("/api/v1/transfers/" + id))
                .header("Authorization", "Bearer " + regulatorSg).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void theServicesRefuseAnonymousCallsAndAnswerHealthChecks() {
        for (PlatformService service : platform.services()) {
            URI base = URI.create(platform.serviceBaseUrl(service.name()));
            URI management = URI.create(service.managementUrl());
            assertThat(send(HttpRequest.newBuilder(base.resolve("/readyz")).build()).statusCode())
                    .as(service.name()).isEqualTo(200);
            // metrics only where the deployment's monitoring scrapes them, never on the port callers use
            assertThat(send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build()).statusCode())
                    .as(service.name() + " /actuator/prometheus on its API port")
                    .isEqualTo(service.databaseName().isPresent() ? 401 : 302); // the portal sends a browser to log in
            assertThat(send(HttpRequest.newBuilder(management.resolve("/actuator/prometheus")).build()).statusCode())
                    .as(service.name() + " /actuator/prometheus on its management port").isEqualTo(200);
            if (service.databaseName().isPresent()) { // the backends publish their API description
                assertThat(send(HttpRequest.newBuilder(base.resolve("/v3/api-docs")).build()).statusCode())
                        .as(service.name()).isEqualTo(200);
            }
        }
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(transfer("/api/v1/transfers")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static URI transfer(String path) {
        return service("transfer", path);
    }

    private static URI service(String name, String path) {
        return running.service(name, path);
    }

    private static JsonNode get(URI uri, String token) {
        return running.read(uri, token);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return running.send(request);
    }
}
