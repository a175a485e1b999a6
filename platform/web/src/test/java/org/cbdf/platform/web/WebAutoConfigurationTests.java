package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's web layer behind the platform's real resource server (signed test tokens), on a server of its own:
 * the rate limit per client, and the problem documents of what Spring MVC never sees.
 */
@SpringBootTest(classes = WebAutoConfigurationTests.Api.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cbdf.web.rate-limit.requests-per-second=1", "cbdf.web.rate-limit.burst=3",
                "cbdf.security.additional-public-paths=/api/v1/public",
                "management.endpoints.web.exposure.include=health", "management.endpoint.health.probes.enabled=true",
                "management.endpoint.health.probes.add-additional-paths=true" })
class WebAutoConfigurationTests {

    @SpringBootApplication
    @RestController
    static class Api {
        @GetMapping("/api/v1/things")
        Map<String, String> things() {
            return Map.of("thing", "one");
        }

        @GetMapping("/api/v1/public")
        Map<String, String> open() {
            return Map.of("open", "to all");
        }

        @GetMapping("/api/v1/stored-things")
        Map<String, String> stored() {
            throw new org.springframework.transaction.CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new java.sql.SQLTransientConnectionException("Connection is not available, request timed out"));
        }

        @GetMapping("/api/v1/committed-things")
        Map<String, String> committed() {
            throw new org.springframework.transaction.TransactionSystemException("Could not commit JDBC transaction",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        }

        @GetMapping("/api/v1/rolled-back-things")
        Map<String, String> rolledBack() {
            var rollback = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                    new java.sql.SQLException("Connection is closed"));
            rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException(
                    "An I/O error occurred", new java.sql.SQLException("I/O error", "08006")));
            throw rollback;
        }

        @GetMapping("/api/v1/broken-things")
        Map<String, String> broken() {
            throw new org.springframework.transaction.TransactionSystemException("Transaction marked rollback-only");
        }

        @PostMapping("/api/v1/things")
        Map<String, String> add(@RequestBody Map<String, String> thing) {
            return thing;
        }
    }

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aClientGetsItsBurstThenA429WithRetryAfterWhileOthersGoOnAndItsLimitResets() throws Exception {
        String alice = TestTokens.auditor();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/things", alice).statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
        }

        HttpResponse<String> refused = get("/api/v1/things", alice);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asString()).isEqualTo("Too Many Requests");

        assertThat(get("/api/v1/things", TestTokens.enterprise("acme-cn", "CN")).statusCode())
                .as("another user of the same client").isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/things")).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + alice)).statusCode())
                .as("OPTIONS is exempt").isNotEqualTo(429);

        // one request per second: the next one is allowed within about a second
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/things", alice).statusCode() == 200);
    }

    @Test
    void callersWithoutATokenAreCountedByAddressAndHealthIsNeverLimited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/public", null).statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
        }
        assertThat(get("/api/v1/public", null).statusCode()).isEqualTo(429);

        // the probes are anonymous on the API port (the actuator itself is on the management port in the services)
        for (int i = 0; i < 10; i++) {
            assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
            assertThat(get("/livez", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aForgedTokenIsRefusedBeforeItIsCountedAndGetsNoBucketOfItsOwn() throws Exception {
        String forged = TestTokens.signWithForeignKey(TestTokens.claims("mallory", java.util.List.of("AUDITOR"),
                null, null).build());
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/things", forged).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aRequestThatFindsTheDatabaseUnavailableIsA503WithRetryAfterNotAnInternalError() throws Exception {
        HttpResponse<String> refused = get("/api/v1/stored-things", TestTokens.enterprise("store-test", "DE"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asString()).contains("nothing was recorded");
    }

    @Test
    void aLostConnectionAtTheTransactionsEndIsA503SayingWhatWasRecordedAndOtherTransactionFailuresAre500()
            throws Exception {
        String client = TestTokens.enterprise("commit-test", "DE");
        HttpResponse<String> lost = get("/api/v1/committed-things", client);
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(lost.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json.readTree(lost.body()).get("detail").asString()).contains("may or may not have been recorded")
                .doesNotContain("nothing was recorded");

        HttpResponse<String> rolledBack = get("/api/v1/rolled-back-things", client);
        assertThat(rolledBack.statusCode()).isEqualTo(503);
        assertThat(json.readTree(rolledBack.body()).get("detail").asString()).contains("nothing was recorded");

        HttpResponse<String> broken = get("/api/v1/broken-things", client);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(json.readTree(broken.body()).get("status").asInt()).isEqualTo(500);
    }

    @Test
    void aUrlTheFirewallRejectsIsAProblemDocument() throws Exception {
        HttpResponse<String> rejected = get("/api/v1/things/..%2F..%2Fetc", TestTokens.policyAdmin());

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(rejected.body()).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void aUrlSpringSecuritysFirewallRejectsIsAProblemDocumentNamingTheRequest() throws Exception {
        HttpResponse<String> rejected = get("/api/v1/things;jsessionid=42", TestTokens.policyAdmin());

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(rejected.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/things;jsessionid=42");
    }

    @Test
    void theErrorPageCalledDirectlyIsNotFound() throws Exception {
        HttpResponse<String> direct = get("/error", TestTokens.policyAdmin());

        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws Exception {
        HttpResponse<String> missing = get("/api/v1/no-such-things", TestTokens.policyAdmin());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(missing.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void aTwoMegabyteBodyIsA413Problem() throws Exception {
        String token = TestTokens.regulator("DE");
        HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(tooLarge.body()).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void textWithTheNulCharacterIsRefusedBeforeItReachesTheDatabase() throws Exception {
        String token = TestTokens.regulator("FR");
        HttpResponse<String> inBody = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"thing\":\"a\\u0000b\"}")));
        HttpResponse<String> inQuery = get("/api/v1/things?name=a%00b", token);
        HttpResponse<String> escaped = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"thing\":\"a\\\\u0000b\"}")));

        for (HttpResponse<String> refused : java.util.List.of(inBody, inQuery)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(refused.body()).get("errors").get(0).get("reason").asString())
                    .isEqualTo("must not contain the NUL character (U+0000)");
        }
        assertThat(escaped.statusCode()).as("the six characters \\u0000 are text").isEqualTo(200);
        assertThat(json.readTree(escaped.body()).get("thing").asString()).isEqualTo("a\\u0000b");
    }

    @Test
    void aNullElementInABodyIsRefusedNamingIt() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Authorization", "Bearer " + TestTokens.regulator("IT"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"thing\":null}")));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("thing");
        assertThat(error.get("reason").asString()).isEqualTo("must not be null");
    }

    @Test
    void theLimitCanBeSwitchedOff() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebAutoConfiguration.class))
                .withPropertyValues("cbdf.web.rate-limit.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("requestRateLimit"));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(RateLimitProperties.class))
                        .isEqualTo(new RateLimitProperties(true, 100, 200, java.util.List.of("/livez", "/readyz"))));
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
