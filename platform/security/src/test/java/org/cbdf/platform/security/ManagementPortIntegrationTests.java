package org.cbdf.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The actuator on its own port, as every service runs it: the resource server's filter chain guards that port too
 * (Spring Boot hands it to the management child context), so it must let the scrape through there and nowhere else.
 * On the API port only the probes answer without a token and no token reads a metric.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ManagementPortIntegrationTests.ApiApplication.class,
        properties = {
                "management.server.port=0",
                "management.endpoints.web.exposure.include=health,info,prometheus,metrics",
                "management.endpoint.health.probes.enabled=true",
                "management.endpoint.health.probes.add-additional-paths=true" })
class ManagementPortIntegrationTests {

    @SpringBootApplication
    @RestController
    static class ApiApplication {

        @GetMapping("/api/v1/whoami")
        String whoami(Caller caller) {
            return caller.username();
        }
    }

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
        registry.add("cbdf.security.audience", () -> TestTokens.AUDIENCE);
    }

    @LocalServerPort
    int apiPort;

    @LocalManagementPort
    int managementPort;

    @ParameterizedTest
    @ValueSource(strings = { "/livez", "/readyz" })
    void theProbesAnswerOnTheApiPortWithoutAToken(String probe) {
        ResponseEntity<String> response = get(apiPort, probe, null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator" })
    void theApiPortRefusesTheActuatorToAnonymousCallers(String path) {
        ResponseEntity<String> response = get(apiPort, path, null);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/prometheus", "/actuator/metrics" })
    void theApiPortHasNoMetricsForAValidTokenEither(String path) {
        ResponseEntity<String> response = get(apiPort, path, TestTokens.auditor());

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).doesNotContain("jvm_memory", "jvm.memory");
    }

    @Test
    void theManagementPortServesMetricsAndHealthWithoutAToken() {
        ResponseEntity<String> prometheus = get(managementPort, "/actuator/prometheus", null);
        ResponseEntity<String> metrics = get(managementPort, "/actuator/metrics", null);
        ResponseEntity<String> readiness = get(managementPort, "/actuator/health/readiness", null);

        assertThat(prometheus.getStatusCode().value()).isEqualTo(200);
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes");
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm.memory.used");
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void whatTheManagementPortLetsThroughIsTheActuatorNotTheApi() {
        assertThat(get(managementPort, "/api/v1/whoami", null).getStatusCode().value()).isEqualTo(404);
    }

    private static ResponseEntity<String> get(int port, String path, String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build().get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .retrieve().toEntity(String.class);
    }
}
