package org.cbdf.tools.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/transfers} as an enterprise's integration calls it, one request per virtual thread. */
final class TransferApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What became of one submission. */
    sealed interface Answer {
    }

    /** {@code 201 Created}: the transfer's id from its {@code Location}. */
    record Accepted(String transferId) implements Answer {
    }

    /** Anything else, by kind: HTTP status and problem type or title, a timeout, a refused connection. */
    record Refused(String kind) implements Answer {
    }

    private final URI transfers;
    private final HttpClient http;
    private final Duration timeout;

    TransferApi(URI base, HttpClient http, Duration timeout) {
        this.transfers = base.resolve("/api/v1/transfers");
        this.http = http;
        this.timeout = timeout;
    }

    Answer submit(String accessToken, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(transfers).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                // as a careful client would: a retry could not create the transfer twice
                .header("Idempotency-Key", "load-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new Refused("timeout after " + Durations.format(timeout));
        } catch (ConnectException e) {
            return new Refused("connection refused");
        } catch (IOException e) {
            return new Refused("I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Refused("interrupted");
        }
        if (response.statusCode() == 201) {
            String id = response.headers().firstValue("Location").map(TransferApi::lastSegment)
                    .orElseGet(() -> idFrom(response.body()));
            return id == null || id.isEmpty() ? new Refused("HTTP 201 without a transfer id") : new Accepted(id);
        }
        return new Refused(describe(response.statusCode(), response.body()));
    }

    /** {@code HTTP 400 Invalid request}, {@code HTTP 429 https://…/rate-limited}: the status and the problem's type or title. */
    static String describe(int status, byte[] body) {
        String kind = "HTTP " + status;
        JsonNode problem = parse(body);
        if (problem == null) {
            return kind;
        }
        String type = problem.path("type").asString("");
        if (!type.isEmpty() && !type.equals("about:blank")) {
            return kind + " " + type;
        }
        String title = problem.path("title").asString("");
        return title.isEmpty() ? kind : kind + " " + title;
    }

    private static String lastSegment(String location) {
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String idFrom(byte[] body) {
        JsonNode json = parse(body);
        return json == null ? null : json.path("id").asString(null);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            return json.isObject() ? json : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
