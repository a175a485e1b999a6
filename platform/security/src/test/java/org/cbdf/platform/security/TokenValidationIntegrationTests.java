package org.cbdf.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

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

/**
 * Every service's resource server (this auto-configuration) against forged and stale tokens: only a token
 * signed by the realm's key, from its issuer, for the platform's audience and not expired gets through; the
 * refusal is a 401 problem document. Only the platform's public paths answer without a token.
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

        @GetMapping("/actuator/health/liveness")
        String health() {
            return "UP";
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void isRefusedWithAProblemDocument(Forged forged) {
        ResponseEntity<String> response = call(forged.token());

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).contains("\"status\":401");
    }

    @Test
    void healthAnswersWithoutAToken() {
        ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + port).get()
                .uri("/actuator/health/liveness").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }
}
