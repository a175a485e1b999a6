package org.cbdf.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal on real ports, as its application.yml configures them: the actuator answers on the management port
 * without a login, the portal's own port has the probes and no metric.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalManagementPortIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @ParameterizedTest
    @ValueSource(strings = { "/livez", "/readyz" })
    void theProbesAnswerOnThePortalsPortWithoutALogin(String probe) throws Exception {
        HttpResponse<String> response = get(port, probe);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/prometheus", "/actuator/health", "/actuator/info" })
    void thePortalsPortServesNoActuatorEndpointToAnonymousCallers(String path) throws Exception {
        HttpResponse<String> response = get(port, path);

        assertThat(response.statusCode()).as("sent to log in").isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/oauth2/authorization/keycloak"));
        assertThat(response.body()).doesNotContain("jvm_memory");
    }

    @Test
    void theManagementPortServesTheActuatorWithoutALogin() throws Exception {
        HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus");
        HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");

        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "service=\"portal\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
