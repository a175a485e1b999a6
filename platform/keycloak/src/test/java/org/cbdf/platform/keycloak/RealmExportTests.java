package org.cbdf.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What docker-compose and the Helm chart import: the realm without the local stack's demo data. */
class RealmExportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theRealmADeploymentImportsHasNoUsersAndNoSecretOfItsOwn() throws IOException {
        JsonNode realm = read(KeycloakServer.DEFAULT_REALM_RESOURCE);

        assertThat(realm.path("users").isMissingNode() || realm.path("users").isEmpty()).as("users").isTrue();
        List<String> secrets = new ArrayList<>();
        realm.path("clients").forEach((client) -> {
            if (client.has("secret")) {
                secrets.add(client.path("clientId").asString() + "=" + client.path("secret").asString());
            }
        });
        assertThat(secrets).isNotEmpty().allSatisfy((secret) -> assertThat(secret).matches("[a-z-]+=\\$\\{CBDF_[A-Z_]+\\}"));
        assertThat(realm.toString()).doesNotContain("\"demo\"").doesNotContain("enterprise-api-secret");
    }

    @Test
    void theLocalStacksRealmAddsTheDemoUsersAndClients() throws IOException {
        JsonNode merged = JSON.readTree(KeycloakServer.withDemoData(bytes(KeycloakServer.DEFAULT_REALM_RESOURCE),
                bytes(KeycloakServer.DEMO_DATA_RESOURCE)));

        List<String> clients = new ArrayList<>();
        merged.path("clients").forEach((client) -> clients.add(client.path("clientId").asString()));
        assertThat(clients).contains("portal", "govctl", "transfer-service", "audit-service", "enterprise-api",
                "load-harness");
        List<String> users = new ArrayList<>();
        merged.path("users").forEach((user) -> users.add(user.path("username").asString()));
        assertThat(users).contains("enterprise-cn", "regulator-cn", "auditor", "policy-admin");
    }

    private static JsonNode read(String resource) throws IOException {
        return JSON.readTree(bytes(resource));
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
