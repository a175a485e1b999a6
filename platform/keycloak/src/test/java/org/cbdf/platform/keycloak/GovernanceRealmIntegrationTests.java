package org.cbdf.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm export imported into the real Keycloak: what the services, the portal and govctl rely on.
 */
class GovernanceRealmIntegrationTests {

    private static final String PORTAL_CALLBACK = "http://127.0.0.1:8080/login/oauth2/code/keycloak";

    /** The deployment's secrets for the realm's placeholders, as the local stack generates them. */
    private static final Map<String, String> KAFKA_SECRETS = Map.of(
            "CBDF_TRANSFER_SERVICE_KAFKA_SECRET", "transfer-" + java.util.UUID.randomUUID(),
            "CBDF_POLICY_SERVICE_KAFKA_SECRET", "policy-" + java.util.UUID.randomUUID(),
            "CBDF_DISPUTE_SERVICE_KAFKA_SECRET", "dispute-" + java.util.UUID.randomUUID(),
            "CBDF_AUDIT_SERVICE_KAFKA_SECRET", "audit-" + java.util.UUID.randomUUID(),
            "CBDF_LOAD_HARNESS_KAFKA_SECRET", "load-" + java.util.UUID.randomUUID());

    private static KeycloakServer keycloak;
    private static Tokens tokens;
    private static HttpClient http;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.builder()
                .workDirectory(Path.of("target", "keycloak-it"))
                .port(KeycloakServer.findFreePort())
                .managementPort(KeycloakServer.findFreePort())
                .freshData(true)
                .demoData(true)
                .environment(KAFKA_SECRETS)
                .build();
        keycloak.start();
        System.out.printf("Keycloak ready at %s in %d ms (log: %s)%n",
                keycloak.issuerUri(), keycloak.startupDuration().toMillis(), keycloak.logFile().toAbsolutePath());
        tokens = keycloak.tokens();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopKeycloak() {
        if (http != null) {
            http.close();
        }
        if (keycloak != null) {
            keycloak.stop();
            assertThat(keycloak.isRunning()).isFalse();
        }
    }

    @Test
    void anEnterpriseUsersTokenCarriesItsRoleOrganisationJurisdictionAndTheApiAudience() {
        JsonNode claims = Tokens.claims(tokens.passwordGrant("govctl", "enterprise-cn", "demo"));

        assertThat(strings(claims.path("realm_access").path("roles"))).contains("ENTERPRISE").doesNotContain("REGULATOR");
        assertThat(claims.path("organization").asString()).isEqualTo("acme-cn");
        assertThat(claims.path("jurisdiction").asString()).isEqualTo("CN");
        assertThat(strings(claims.path("aud"))).contains("governance-api");
        assertThat(claims.path("iss").asString()).isEqualTo("http://127.0.0.1:" + keycloak.port() + "/realms/governance");
        assertThat(claims.path("preferred_username").asString()).isEqualTo("enterprise-cn");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
    }

    @Test
    void aRegulatorsTokenCarriesTheRegulatorRoleAndItsJurisdiction() {
        JsonNode claims = Tokens.claims(tokens.passwordGrant("govctl", "regulator-de", "demo"));

        assertThat(strings(claims.path("realm_access").path("roles"))).contains("REGULATOR").doesNotContain("ENTERPRISE");
        assertThat(claims.path("jurisdiction").asString()).isEqualTo("DE");
        assertThat(claims.path("organization").asString()).isEqualTo("bfdi");
        assertThat(strings(claims.path("aud"))).contains("governance-api");
    }

    @Test
    void everyDemoUserCanLogInRightAfterTheImport() {
        Map<String, String> roles = Map.ofEntries(
                Map.entry("enterprise-cn", "ENTERPRISE"), Map.entry("enterprise-de", "ENTERPRISE"),
                Map.entry("regulator-cn", "REGULATOR"), Map.entry("regulator-de", "REGULATOR"),
                Map.entry("regulator-sg", "REGULATOR"), Map.entry("regulator-fr", "REGULATOR"),
                Map.entry("regulator-jp", "REGULATOR"), Map.entry("regulator-gb", "REGULATOR"),
                Map.entry("regulator-in", "REGULATOR"), Map.entry("regulator-br", "REGULATOR"),
                Map.entry("regulator-us", "REGULATOR"),
                Map.entry("auditor", "AUDITOR"), Map.entry("policy-admin", "POLICY_ADMIN"));
        roles.forEach((username, role) -> {
            JsonNode claims = Tokens.claims(tokens.passwordGrant("govctl", username, "demo"));
            assertThat(strings(claims.path("realm_access").path("roles"))).as(username + "'s roles").contains(role);
        });
    }

    @Test
    void theEnterpriseApiClientGetsATokenForItsOrganisationWithClientCredentials() {
        JsonNode claims = Tokens.claims(tokens.clientCredentials("enterprise-api", "enterprise-api-secret"));

        assertThat(claims.path("azp").asString()).isEqualTo("enterprise-api");
        assertThat(strings(claims.path("realm_access").path("roles"))).contains("ENTERPRISE");
        assertThat(claims.path("organization").asString()).isEqualTo("acme-cn");
        assertThat(claims.path("jurisdiction").asString()).isEqualTo("CN");
        assertThat(strings(claims.path("aud"))).contains("governance-api");
    }

    @Test
    void eachServiceGetsAKafkaTokenForItsOwnClientWithTheSecretTheDeploymentGaveIt() {
        Map<String, String> clients = Map.of("transfer-service", "CBDF_TRANSFER_SERVICE_KAFKA_SECRET",
                "policy-service", "CBDF_POLICY_SERVICE_KAFKA_SECRET", "dispute-service", "CBDF_DISPUTE_SERVICE_KAFKA_SECRET",
                "audit-service", "CBDF_AUDIT_SERVICE_KAFKA_SECRET", "load-harness", "CBDF_LOAD_HARNESS_KAFKA_SECRET");
        clients.forEach((client, secret) -> {
            JsonNode claims = Tokens.claims(tokens.clientCredentials(client, KAFKA_SECRETS.get(secret)));
            // the broker takes azp as the principal and demands the audience kafka; the client checks sub
            assertThat(claims.path("azp").asString()).as(client).isEqualTo(client);
            assertThat(strings(claims.path("aud"))).as(client + "'s audience").contains("kafka")
                    .as("a Kafka token is no API token").doesNotContain("governance-api");
            assertThat(claims.path("sub").asString()).as(client + "'s subject").isNotBlank();
            // Kafka's OAuthBearerLoginCallbackHandler refuses a token whose scope claim is empty
            assertThat(claims.path("scope").asString()).as(client + "'s scope").isNotBlank();
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        });
        assertThatThrownBy(() -> tokens.clientCredentials("dispute-service", KAFKA_SECRETS.get("CBDF_POLICY_SERVICE_KAFKA_SECRET")))
                .as("one service's secret is not another's")
                .isInstanceOfSatisfying(TokenRequestException.class,
                        refused -> assertThat(refused.statusCode()).isIn(400, 401));
        assertThatThrownBy(() -> tokens.clientCredentials("dispute-service", "${CBDF_DISPUTE_SERVICE_KAFKA_SECRET}"))
                .as("the placeholder itself is no secret")
                .isInstanceOf(TokenRequestException.class);
    }

    @Test
    void aUsersTokenIsNotForTheBroker() {
        JsonNode claims = Tokens.claims(tokens.passwordGrant("govctl", "regulator-cn", "demo"));

        assertThat(strings(claims.path("aud"))).doesNotContain("kafka");
    }

    @Test
    void aWrongPasswordIsRefused() {
        // policy-admin rather than a user other tests log in: one failure stays far below the lockout threshold
        assertThatThrownBy(() -> tokens.passwordGrant("govctl", "policy-admin", "not-the-password"))
                .isInstanceOfSatisfying(TokenRequestException.class, refused -> {
                    assertThat(refused.statusCode()).isIn(400, 401);
                    assertThat(refused.error()).isEqualTo("invalid_grant");
                });
    }

    @Test
    void aWrongClientSecretIsRefused() {
        assertThatThrownBy(() -> tokens.clientCredentials("enterprise-api", "guessed"))
                .isInstanceOfSatisfying(TokenRequestException.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(401);
                    assertThat(refused.error()).isEqualTo("unauthorized_client");
                });
    }

    @Test
    void thePortalCannotUseThePasswordGrant() {
        assertThatThrownBy(() -> tokens.passwordGrant("portal", "auditor", "demo"))
                .isInstanceOfSatisfying(TokenRequestException.class,
                        refused -> assertThat(refused.error()).isEqualTo("unauthorized_client"));
    }

    @Test
    void thePortalsAuthorizationRequestWithoutPkceIsSentBackWithAnError() throws Exception {
        HttpResponse<Void> response = authorize(Map.of());

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(PORTAL_CALLBACK + "?")
                .contains("error=invalid_request")
                .contains("code_challenge_method");
    }

    @Test
    void thePortalRefusesThePlainPkceMethod() throws Exception {
        HttpResponse<Void> response = authorize(Map.of(
                "code_challenge", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "code_challenge_method", "plain"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
    }

    @Test
    void thePortalsAuthorizationRequestWithAnS256ChallengeShowsTheLoginPage() throws Exception {
        HttpResponse<Void> response = authorize(Map.of(
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuZGKzkmbu-cM",
                "code_challenge_method", "S256"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void govctlCanStartTheDeviceAuthorizationGrant() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.issuerUri() + "/protocol/openid-connect/auth/device"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=govctl"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("user_code").asString("")).isNotBlank();
        assertThat(body.path("verification_uri").asString()).startsWith(keycloak.issuerUri());
    }

    @Test
    void theDiscoveryDocumentNamesTheFixedIssuer() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.discoveryUri()))
                // the issuer must not follow the Host a caller used
                .header("X-Forwarded-Host", "attacker.example")
                .build();
        JsonNode discovery = JsonMapper.builder().build()
                .readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());

        assertThat(discovery.path("issuer").asString()).isEqualTo(keycloak.issuerUri());
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(keycloak.tokenEndpoint());
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(keycloak.jwksUri());
    }

    private static HttpResponse<Void> authorize(Map<String, String> pkce) throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "client_id", "portal",
                "response_type", "code",
                "scope", "openid",
                "state", "state-1",
                "redirect_uri", PORTAL_CALLBACK));
        parameters.putAll(pkce);
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.authorizationEndpoint() + "?" + query)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static List<String> strings(JsonNode node) {
        if (node.isString()) {
            return List.of(node.asString());
        }
        return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asString).toList();
    }
}
