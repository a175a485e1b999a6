package org.cbdf.systemtests.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/** A Keycloak realm export as compose mounts it and the chart ships it. */
record RealmExport(Map<String, Object> json) {

    /** {@code ${NAME}}: Keycloak resolves it from its environment when it imports the realm. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @SuppressWarnings("unchecked")
    static RealmExport parse(String text) {
        return new RealmExport(JsonMapper.builder().build().readValue(text, Map.class));
    }

    static RealmExport ofRepository() {
        return parse(Repository.read("platform/keycloak/src/main/resources/realm/governance-realm.json"));
    }

    List<?> users() {
        return (List<?>) json.getOrDefault("users", List.of());
    }

    /** client id → its secret as written in the export, for every client that has one */
    Map<String, String> clientSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Object client : (List<?>) json.getOrDefault("clients", List.of())) {
            Map<String, Object> fields = Yaml.map(client);
            if (fields.get("secret") != null) {
                secrets.put((String) fields.get("clientId"), String.valueOf(fields.get("secret")));
            }
        }
        return secrets;
    }

    /** The variable a client's secret is resolved from at import; fails if the secret is written in the export. */
    String secretVariable(String clientId) {
        String secret = clientSecrets().get(clientId);
        if (secret == null) {
            throw new AssertionError("the realm has no client " + clientId + " with a secret; clients with one: "
                    + clientSecrets().keySet());
        }
        Matcher matcher = PLACEHOLDER.matcher(secret);
        if (!matcher.matches()) {
            throw new AssertionError("client " + clientId + "'s secret is written in the realm export, not a ${VARIABLE}");
        }
        return matcher.group(1);
    }
}
