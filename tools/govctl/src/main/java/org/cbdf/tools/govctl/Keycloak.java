package org.cbdf.tools.govctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OAuth 2.0 grants govctl uses against the realm's {@code govctl} client (public, no secret). */
class Keycloak {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;

    /** How the device grant waits between polls; tests do not wait. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    Keycloak(HttpClient http, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    TokenStore.Token password(URI issuer, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        return TokenStore.Token.from(issuer.toString(), clientId, token(issuer, form), clock.instant());
    }

    TokenStore.Token refresh(URI issuer, String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return TokenStore.Token.from(issuer.toString(), clientId, token(issuer, form), clock.instant());
    }

    /**
     * The device authorization grant (RFC 8628): shows where to confirm the login, then polls until the
     * user has confirmed, refused, or the code expired.
     */
    TokenStore.Token device(URI issuer, String clientId, PrintWriter instructions) {
        Response started = post(endpoint(issuer, "auth/device"), Map.of("client_id", clientId));
        if (started.status() != 200) {
            throw GovctlException.auth("the identity provider refused the device login: " + describe(started));
        }
        JsonNode device = started.json();
        String complete = device.path("verification_uri_complete").asString(null);
        instructions.printf("To log in, open %s%n", complete != null ? complete
                : device.path("verification_uri").asString());
        instructions.printf("and confirm the code %s%n", device.path("user_code").asString());
        instructions.flush();
        Duration interval = Duration.ofSeconds(Math.max(0, device.path("interval").asLong(5)));
        Instant deadline = clock.instant().plusSeconds(device.path("expires_in").asLong(600));
        Map<String, String> form = Map.of("grant_type", DEVICE_GRANT, "client_id", clientId, "device_code",
                device.path("device_code").asString());
        while (clock.instant().isBefore(deadline)) {
            Response polled = post(endpoint(issuer, "token"), form);
            if (polled.status() == 200) {
                return TokenStore.Token.from(issuer.toString(), clientId, polled.json(), clock.instant());
            }
            String error = polled.json() == null ? "" : polled.json().path("error").asString("");
            switch (error) {
                case "authorization_pending" -> {
                }
                case "slow_down" -> interval = interval.plusSeconds(5);
                default -> throw GovctlException.auth("device login failed: " + describe(polled));
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GovctlException.auth("device login interrupted");
            }
        }
        throw GovctlException.auth("the device code expired before the login was confirmed");
    }

    private JsonNode token(URI issuer, Map<String, String> form) {
        Response response = post(endpoint(issuer, "token"), form);
        if (response.status() == 200) {
            return response.json();
        }
        if (response.status() >= 500) {
            throw new GovctlException(ExitCodes.UNREACHABLE, "the identity provider failed: " + describe(response));
        }
        throw GovctlException.auth("login refused: " + describe(response));
    }

    private static String describe(Response response) {
        JsonNode json = response.json();
        if (json != null && json.has("error")) {
            return json.path("error_description").asString(json.path("error").asString());
        }
        return "HTTP " + response.status();
    }

    private static URI endpoint(URI issuer, String path) {
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        return URI.create(base + "protocol/openid-connect/" + path);
    }

    record Response(int status, JsonNode json) {
    }

    private Response post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // described by its status
            }
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw GovctlException.unreachable("the identity provider at " + uri.getHost() + ":" + uri.getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GovctlException.unreachable("the identity provider", e);
        }
    }
}
