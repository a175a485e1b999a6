package org.cbdf.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The actuator on the port application.yml gives it: assessments and rule-pack metrics for the deployment's
 * monitoring, never for a caller of the API, with or without a token; the probes stay anonymous on the API port.
 */
class PolicyManagementPortIntegrationTests extends SharedServiceContext {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theApiPortServesTheProbesAndNoMetric() {
        for (String probe : List.of("/livez", "/readyz")) {
            ResponseEntity<String> answer = get(port, probe, null);
            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(answer.getBody()).contains("\"status\":\"UP\"");
        }
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            ResponseEntity<String> anonymous = get(port, path, null);
            assertThat(anonymous.getStatusCode().value()).as("anonymous %s", path).isEqualTo(401);
            assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
            ResponseEntity<String> withToken = get(port, path, TestTokens.policyAdmin());
            assertThat(withToken.getStatusCode().value()).as("%s with a token", path).isEqualTo(404);
            assertThat(withToken.getHeaders().getContentType()).hasToString("application/problem+json");
        }
    }

    @Test
    void theManagementPortServesTheMetricsWithoutAToken() {
        ResponseEntity<String> scrape = get(managementPort, "/actuator/prometheus", null);

        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        assertThat(scrape.getBody()).contains("service=\"policy-service\"");
        assertThat(get(managementPort, "/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(200);
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
