package org.cbdf.platform.eventbus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client settings with which a Kafka client of the platform authenticates. Nothing on the platform's broker is
 * anonymous: services and tools log in with OAuth 2.0 client credentials from the platform's Keycloak
 * (SASL/OAUTHBEARER, the broker checks the token's signature against the realm's key set, its issuer and its
 * audience {@value #AUDIENCE}); the administrator who provisions topics and ACLs, and the broker itself, with a
 * password (SASL/PLAIN) known only to the deployment.
 * <p>
 * Kafka 4 refuses token endpoints that are not allow-listed in the JVM's system property
 * {@value #ALLOWED_URLS_PROPERTY}: every JVM that uses {@link #oauthClient} must start with it set to the token URL.
 */
public final class KafkaCredentials {

    /** The audience the broker demands; Keycloak's service clients for Kafka carry it (an audience mapper). */
    public static final String AUDIENCE = "kafka";

    public static final String ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    /** {@code SASL_PLAINTEXT} on loopback and inside a trusted network; {@code SASL_SSL} wherever certificates exist. */
    public static final String DEFAULT_SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    private KafkaCredentials() {
    }

    /** A client that logs in with OAuth 2.0 client credentials at {@code tokenEndpoint}. */
    public static Map<String, Object> oauthClient(String securityProtocol, String tokenEndpoint, String clientId,
            String clientSecret) {
        requireText("the token endpoint", tokenEndpoint);
        requireText("the client id", clientId);
        requireText("the client secret of " + clientId, clientSecret);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("security.protocol", securityProtocol);
        settings.put("sasl.mechanism", "OAUTHBEARER");
        settings.put("sasl.login.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
        settings.put("sasl.oauthbearer.token.endpoint.url", tokenEndpoint);
        settings.put("sasl.oauthbearer.client.credentials.client.id", clientId);
        settings.put("sasl.oauthbearer.client.credentials.client.secret", clientSecret);
        return settings;
    }

    /** A client that logs in with a user name and password (the administrator). */
    public static Map<String, Object> password(String securityProtocol, String username, String password) {
        requireText("the user name", username);
        requireText("the password of " + username, password);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("security.protocol", securityProtocol);
        settings.put("sasl.mechanism", "PLAIN");
        settings.put("sasl.jaas.config", plainLogin(username, password));
        return settings;
    }

    static String plainLogin(String username, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + jaasValue(username)
                + "\" password=\"" + jaasValue(password) + "\";";
    }

    /** JAAS values are quoted strings: a quote or backslash in a password would end the value early. */
    static String jaasValue(String value) {
        if (value.contains("\"") || value.contains("\\")) {
            throw new IllegalArgumentException("a Kafka credential must not contain quotes or backslashes");
        }
        return value;
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is not set");
        }
    }
}
