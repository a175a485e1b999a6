package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.cbdf.platform.eventbus.KafkaCredentials;

/**
 * The OAuth 2.0 client-credentials grant and a key set, as Keycloak serves them for the platform's Kafka clients, on
 * loopback: tests that run without the real Keycloak still authenticate every Kafka client the way production does
 * (the broker validates these tokens with its own OIDC support). Clients are registered with {@link #register}; a
 * wrong secret is answered {@code 401}, as Keycloak answers it.
 */
final class TestOAuthServer {

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final RSAKey key;
    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private TestOAuthServer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    static TestOAuthServer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("cbdf-test-kafka").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestOAuthServer issuer = new TestOAuthServer(key, server);
            server.createContext("/token", issuer::token);
            server.createContext("/jwks", issuer::keySet);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/realms/kafka-test";
    }

    String tokenEndpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/token";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
    }

    /** Registers a confidential client and returns its secret. */
    String register(String clientId) {
        return this.secrets.computeIfAbsent(clientId, (id) -> UUID.randomUUID().toString());
    }

    private void keySet(HttpExchange exchange) throws IOException {
        answer(exchange, 200, new JWKSet(this.key.toPublicJWK()).toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = formFields(form);
            String[] basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            String clientId = basic != null ? basic[0] : fields.get("client_id");
            String secret = basic != null ? basic[1] : fields.get("client_secret");
            if (!"client_credentials".equals(fields.get("grant_type"))) {
                answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            if (clientId == null || secret == null || !secret.equals(this.secrets.get(clientId))) {
                answer(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            answer(exchange, 200, "{\"access_token\":\"" + sign(clientId) + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + TOKEN_LIFETIME.toSeconds() + "}");
        }
    }

    private String sign(String clientId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString())
                .audience(List.of(KafkaCredentials.AUDIENCE))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", clientId)
                .claim("scope", "profile")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(this.key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> formFields(String form) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    // RFC 6749 §2.3.1: client id and secret form-urlencoded, then HTTP Basic
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
