package org.cbdf.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's resource server (this auto-configuration) against forged and stale tokens: only a token
 * signed by the realm's key, from its issuer, for the platform's audience and not expired gets through; the
 * refusal is a 401 problem document. Only the platform's public paths answer without a token
 * ({@link ManagementPortIntegrationTests}: the probes and the actuator's own port).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = TokenValidationIntegrationTests.ProtectedApplication.class)
class TokenValidationIntegrationTests {

    @SpringBootApplication
    @RestController
    static class ProtectedApplication {

        @GetMapping("/api/v1/whoami")
        String whoami(Caller caller) {
            return caller.username() + " " + caller.roles() + " " + caller.organization().orElse("-");
        }
    }

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
        registry.add("cbdf.security.audience", () -> TestTokens.AUDIENCE);
    }

    @LocalServerPort
    int port;

    private ResponseEntity<String> call(String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build().get().uri("/api/v1/whoami")
                .headers(headers -> {
                    if (token != null) {
                        headers.set("Authorization", "Bearer " + token);
                    }
                })
                .retrieve().toEntity(String.class);
    }

    private static JWTClaimsSet.Builder acme() {
        return TestTokens.claims("enterprise-acme", List.of("ENTERPRISE"), "acme-cn", "CN");
    }

    @Test
    void aTokenOfTheRealmGetsThrough() {
        ResponseEntity<String> response = call(TestTokens.sign(acme().build()));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("enterprise-acme [ENTERPRISE] acme-cn");
    }

    record Forged(String what, String token) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Forged> forgedTokens() {
        Instant now = Instant.now();
        return List.of(
                new Forged("no token", null),
                new Forged("not a JWT", "not-a-token"),
                new Forged("expired", TestTokens.sign(acme().issueTime(Date.from(now.minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build())),
                new Forged("not valid yet", TestTokens.sign(acme().notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build())),
                new Forged("wrong issuer", TestTokens.sign(acme().issuer("http://127.0.0.1:8180/realms/other").build())),
                new Forged("wrong audience", TestTokens.sign(acme().audience(List.of("account")).build())),
                new Forged("no audience", TestTokens.sign(acme().audience(List.<String>of()).build())),
                new Forged("signed by another key", TestTokens.signWithForeignKey(acme().build())),
                new Forged("alg none", TestTokens.unsecured(acme().build())),
                new Forged("payload edited after signing", TestTokens.withTamperedPayload(
                        TestTokens.sign(acme().build()), "organization", "other-org")));
    }

    /** What the caller of each forged token is told, in the realm's words. */
    private static final Map<String, String> REASONS = Map.of(
            "no token", "no bearer token was sent",
            "expired", "the token has expired",
            "not valid yet", "the token is not valid yet",
            "wrong issuer", "the token is not from the governance realm",
            "wrong audience", "the token is not for this audience",
            "no audience", "the token is not for this audience");
    private static final String NOT_SIGNED_BY_THE_REALM = "the token is not one the governance realm signed";

    static Stream<Forged> forgedAndGarbageTokens() {
        return Stream.concat(forgedTokens().stream(), Stream.of(
                new Forged("garbage in three parts", "eyJhbGciOiJSUzI1NiJ9.SENT-7731-garbage.c2lnbmF0dXJl"),
                new Forged("a JSON header that is not a JOSE header",
                        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"SENT-7731\":[1,"
                                .getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedAndGarbageTokens")
    void isToldWhyInTheRealmsWordsAndNotTheTokenLibrarys(Forged forged) {
        ResponseEntity<String> response = call(forged.token());

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        String reason = REASONS.getOrDefault(forged.what(), NOT_SIGNED_BY_THE_REALM);
        JsonNode problem = JsonMapper.builder().build().readTree(response.getBody());
        assertThat(problem.path("detail").asString()).endsWith(": " + reason + ".");
        String challenge = response.getHeaders().getFirst("WWW-Authenticate");
        assertThat(challenge).isEqualTo(forged.token() == null ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
        List<String> texts = new ArrayList<>(List.of(challenge));
        problem.properties().forEach(member -> texts.add(member.getKey() + " " + member.getValue().asString()));
        for (String text : texts) {
            assertThat(text).as("no words of the token library").doesNotContainIgnoringCase("jwt")
                    .doesNotContainIgnoringCase("nimbus").doesNotContain("Exception").doesNotContain("JOSE")
                    .doesNotContain("JSON").doesNotContain("Malformed").doesNotContain("error occurred")
                    .doesNotContain("SENT-7731").doesNotContainPattern("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*");
            if (forged.token() != null) {
                for (String part : forged.token().split("\\.")) {
                    if (part.length() >= 8) {
                        assertThat(text).as("no part of the token").doesNotContain(part);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void isRefusedWithAProblemDocument(Forged forged) {
        ResponseEntity<String> response = call(forged.token());

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).contains("\"status\":401");
    }
}
