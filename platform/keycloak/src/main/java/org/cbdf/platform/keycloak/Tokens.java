package org.cbdf.platform.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token requests against one OIDC token endpoint, for tests and the local stack: the demo password
 * grant and the client credentials grant, plus decoding a token's claims.
 */
public final class Tokens {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI tokenEndpoint;

    private Tokens(URI tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    /** Tokens from the given token endpoint, e.g. {@code <issuer>/protocol/openid-connect/token}. */
    public static Tokens at(String tokenEndpoint) {
        return new Tokens(URI.create(Objects.requireNonNull(tokenEndpoint)));
    }

    /** Tokens from a Keycloak realm, given its issuer URI. */
    public static Tokens forIssuer(String issuerUri) {
        return at(issuerUri.replaceAll("/+$", "") + "/protocol/openid-connect/token");
    }

    /**
     * The resource owner password grant (demo users, public client such as {@code govctl}).
     *
     * @return the access token
     * @throws TokenRequestException when Keycloak refuses, e.g. a wrong password
     */
    public String passwordGrant(String clientId, String username, String password) {
        return accessToken(request(Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password)));
    }

    /**
     * The client credentials grant of a confidential client (client_secret_post).
     *
     * @return the access token
     * @throws TokenRequestException when Keycloak refuses, e.g. a wrong secret
     */
    public String clientCredentials(String clientId, String secret) {
        return accessToken(request(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret)));
    }

    /**
     * Any token request; returns Keycloak's whole answer ({@code access_token}, {@code id_token},
     * {@code refresh_token}, {@code expires_in} …).
     *
     * @throws TokenRequestException on any status other than 200
     */
    public JsonNode request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Token request to " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a token request", e);
        }
        if (response.statusCode() != 200) {
            JsonNode error = parseOrEmpty(response.body());
            throw new TokenRequestException(response.statusCode(),
                    error.path("error").asString(""), error.path("error_description").asString(""), response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * The claims of a JWT, decoded but <em>not verified</em>: for asserting what a token carries, never
     * for trusting it.
     */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT: expected header.payload.signature");
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    private static String accessToken(JsonNode response) {
        String token = response.path("access_token").asString("");
        if (token.isEmpty()) {
            throw new IllegalStateException("Token response without access_token: " + response);
        }
        return token;
    }

    private static JsonNode parseOrEmpty(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Tokens[" + tokenEndpoint + "]";
    }
}
