package org.cbdf.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm export's invariants, checked without starting Keycloak so that a broken edit fails fast.
 */
class GovernanceRealmTests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> GOVERNANCE_ROLES = List.of("ENTERPRISE", "REGULATOR", "AUDITOR", "POLICY_ADMIN");
    private static final Map<String, String> REGULATOR_JURISDICTIONS = Map.of(
            "regulator-cn", "CN", "regulator-de", "DE", "regulator-sg", "SG", "regulator-fr", "FR", "regulator-jp", "JP",
            "regulator-gb", "GB", "regulator-in", "IN", "regulator-br", "BR", "regulator-us", "US");

    private static JsonNode realm;

    @BeforeAll
    static void readRealmExport() throws IOException {
        // the local stack's realm: the export and its demo data (RealmExportTests: the export alone has neither)
        try (InputStream in = GovernanceRealmTests.class.getResourceAsStream(KeycloakServer.DEFAULT_REALM_RESOURCE);
                InputStream demo = GovernanceRealmTests.class.getResourceAsStream(KeycloakServer.DEMO_DATA_RESOURCE)) {
            assertThat(in).as("realm export on the classpath").isNotNull();
            assertThat(demo).as("demo data on the classpath").isNotNull();
            realm = JSON.readTree(KeycloakServer.withDemoData(in.readAllBytes(), demo.readAllBytes()));
        }
    }

    @Test
    void isTheGovernanceRealmWithShortLivedTokensAndBruteForceDetection() {
        assertThat(realm.path("realm").asString()).isEqualTo(KeycloakServer.DEFAULT_REALM);
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(900);
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("sslRequired").asString()).isEqualTo("external");
    }

    @Test
    void declaresTheFourGovernanceRoles() {
        assertThat(names(realm.path("roles").path("realm"))).containsAll(GOVERNANCE_ROLES);
        assertThat(realm.path("defaultRole").path("name").asString()).isEqualTo("default-roles-governance");
    }

    @Test
    void everyDemoUserHasAGovernanceRoleAndCanLogInWithoutFurtherActions() {
        List<JsonNode> people = demoUsers();
        assertThat(people).extracting(user -> user.path("username").asString()).containsExactlyInAnyOrder(
                "enterprise-cn", "enterprise-de", "regulator-cn", "regulator-de", "regulator-sg", "regulator-fr",
                "regulator-jp", "regulator-gb", "regulator-in", "regulator-br", "regulator-us", "auditor",
                "policy-admin");
        for (JsonNode user : people) {
            String username = user.path("username").asString();
            assertThat(strings(user.path("realmRoles"))).as(username + "'s roles")
                    .containsAnyElementsOf(GOVERNANCE_ROLES)
                    .contains("default-roles-governance");
            assertThat(user.path("enabled").asBoolean()).as(username + " enabled").isTrue();
            assertThat(user.path("emailVerified").asBoolean()).as(username + " email verified").isTrue();
            assertThat(user.path("email").asString("")).as(username + "'s email").contains("@");
            assertThat(user.path("firstName").asString("")).as(username + "'s first name").isNotBlank();
            assertThat(user.path("lastName").asString("")).as(username + "'s last name").isNotBlank();
            assertThat(strings(user.path("requiredActions"))).as(username + "'s required actions").isEmpty();
            JsonNode password = user.path("credentials").get(0);
            assertThat(password.path("type").asString()).isEqualTo("password");
            assertThat(password.path("value").asString()).isEqualTo("demo");
            assertThat(password.path("temporary").asBoolean()).as(username + "'s password temporary").isFalse();
        }
    }

    @Test
    void regulatorsActForTheirJurisdictionsAuthority() {
        REGULATOR_JURISDICTIONS.forEach((username, jurisdiction) -> {
            JsonNode regulator = user(username);
            assertThat(strings(regulator.path("realmRoles"))).contains("REGULATOR");
            assertThat(attribute(regulator, "jurisdiction")).as(username + "'s jurisdiction").isEqualTo(jurisdiction);
            assertThat(attribute(regulator, "organization")).as(username + "'s organization").isNotBlank();
        });
    }

    @Test
    void enterprisesBelongToAnOrganisationInAJurisdiction() {
        assertThat(attribute(user("enterprise-cn"), "organization")).isEqualTo("acme-cn");
        assertThat(attribute(user("enterprise-cn"), "jurisdiction")).isEqualTo("CN");
        assertThat(attribute(user("enterprise-de"), "organization")).isEqualTo("acme-de");
        assertThat(attribute(user("enterprise-de"), "jurisdiction")).isEqualTo("DE");
    }

    @Test
    void theUserProfileDeclaresOrganizationAndJurisdiction() {
        JsonNode provider = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0);
        JsonNode profile = JSON.readTree(provider.path("config").path("kc.user.profile.config").get(0).asString());

        assertThat(names(profile.path("attributes")))
                .contains("username", "email", "firstName", "lastName", "organization", "jurisdiction");
        for (String name : List.of("organization", "jurisdiction")) {
            JsonNode attribute = find(profile.path("attributes"), name);
            assertThat(strings(attribute.path("permissions").path("view"))).as(name + " viewers").contains("admin", "user");
            assertThat(strings(attribute.path("permissions").path("edit"))).as(name + " editors").containsExactly("admin");
            assertThat(attribute.has("required")).as(name + " must not be required: it would block logins").isFalse();
        }
    }

    @Test
    void theGovernanceScopePutsTheClaimsAndTheAudienceIntoTokens() {
        JsonNode governance = find(realm.path("clientScopes"), "governance");
        for (String claim : List.of("organization", "jurisdiction")) {
            JsonNode mapper = find(governance.path("protocolMappers"), claim);
            assertThat(mapper.path("protocolMapper").asString()).isEqualTo("oidc-usermodel-attribute-mapper");
            assertThat(mapper.path("config").path("claim.name").asString()).isEqualTo(claim);
            for (String token : List.of("access.token.claim", "id.token.claim", "userinfo.token.claim")) {
                assertThat(mapper.path("config").path(token).asString()).as(claim + " " + token).isEqualTo("true");
            }
        }
        JsonNode audience = find(governance.path("protocolMappers"), "governance-api audience");
        assertThat(audience.path("protocolMapper").asString()).isEqualTo("oidc-audience-mapper");
        assertThat(audience.path("config").path("included.custom.audience").asString()).isEqualTo("governance-api");

        JsonNode realmRoles = find(find(realm.path("clientScopes"), "roles").path("protocolMappers"), "realm roles");
        assertThat(realmRoles.path("config").path("claim.name").asString()).isEqualTo("realm_access.roles");
    }

    @Test
    void everyClientGetsTheGovernanceRolesAndBasicScopesAndTheyAreAllDeclared() {
        // declaring any client scope makes Keycloak skip all of its built-in ones: a missing one is silently ignored
        List<String> declared = names(realm.path("clientScopes"));
        for (JsonNode client : realm.path("clients")) {
            List<String> scopes = strings(client.path("defaultClientScopes"));
            if (names(client.path("protocolMappers")).contains("kafka audience")) {
                // a Kafka principal: Kafka's client checks its token's sub (basic) and a non-empty scope claim (profile);
                // nothing that would make it an API token (governance's audience, roles)
                assertThat(scopes).as(client.path("clientId").asString() + "'s default scopes")
                        .containsExactly("basic", "profile");
                continue;
            }
            assertThat(scopes).as(client.path("clientId").asString() + "'s default scopes")
                    .contains("governance", "roles", "basic", "profile", "email");
            assertThat(declared).containsAll(scopes).containsAll(strings(client.path("optionalClientScopes")));
        }
        assertThat(strings(realm.path("defaultDefaultClientScopes"))).contains("governance", "roles", "basic");
    }

    @Test
    void thePortalIsAPublicClientThatRequiresPkce() {
        JsonNode portal = client("portal");
        assertThat(portal.path("publicClient").asBoolean()).isTrue();
        assertThat(portal.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(portal.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(portal.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(strings(portal.path("redirectUris"))).containsExactlyInAnyOrder("http://127.0.0.1:8080/*", "http://localhost:8080/*");
        assertThat(portal.path("attributes").path("post.logout.redirect.uris").asString().split("##"))
                .containsExactlyInAnyOrder("http://127.0.0.1:8080/*", "http://localhost:8080/*");
    }

    @Test
    void govctlUsesTheDeviceGrantAndTheDemoPasswordGrant() {
        JsonNode govctl = client("govctl");
        assertThat(govctl.path("publicClient").asBoolean()).isTrue();
        assertThat(govctl.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(govctl.path("attributes").path("oauth2.device.authorization.grant.enabled").asString()).isEqualTo("true");
    }

    @Test
    void theEnterpriseApiServiceAccountActsForAcmeCn() {
        JsonNode client = client("enterprise-api");
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("secret").asString()).isEqualTo("enterprise-api-secret");

        JsonNode serviceAccount = stream(realm.path("users"))
                .filter(user -> "enterprise-api".equals(user.path("serviceAccountClientId").asString(null)))
                .findFirst().orElseThrow();
        assertThat(strings(serviceAccount.path("realmRoles"))).contains("ENTERPRISE");
        assertThat(attribute(serviceAccount, "organization")).isEqualTo("acme-cn");
        assertThat(attribute(serviceAccount, "jurisdiction")).isEqualTo("CN");
    }

    private static List<JsonNode> demoUsers() {
        return stream(realm.path("users")).filter(user -> !user.has("serviceAccountClientId")).toList();
    }

    private static JsonNode user(String username) {
        return stream(realm.path("users"))
                .filter(user -> username.equals(user.path("username").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no user " + username));
    }

    private static JsonNode client(String clientId) {
        return stream(realm.path("clients"))
                .filter(client -> clientId.equals(client.path("clientId").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private static String attribute(JsonNode user, String name) {
        return user.path("attributes").path(name).path(0).asString("");
    }

    private static JsonNode find(JsonNode array, String name) {
        return stream(array).filter(node -> name.equals(node.path("name").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("nothing named " + name));
    }

    private static List<String> names(JsonNode array) {
        return stream(array).map(node -> node.path("name").asString()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return stream(array).map(JsonNode::asString).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
