package org.cbdf.tools.govctl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The transfer service's API as govctl calls it: bearer token, JSON, problem documents as exit codes. */
class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;
    private final Supplier<String> token;

    Api(URI base, HttpClient http, Supplier<String> token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    record Response(int status, JsonNode body) {
    }

    Response get(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    Response post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return send(request);
    }

    /** One server-sent event: its name and data. */
    record Event(String name, String id, String data) {
    }

    /**
     * Follows a server-sent-events stream, handing each event to {@code onEvent} until it returns
     * {@code false} or the server ends the stream.
     *
     * @return whether {@code onEvent} asked to stop (rather than the stream ending)
     */
    boolean follow(String path, java.util.function.Predicate<Event> onEvent) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw GovctlException.unreachable("the API at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GovctlException.unreachable("the API at " + base, e);
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw ProblemException.of(response.statusCode(), lines.collect(Collectors.joining("\n")));
            }
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() && !onEvent.test(new Event(name, id, data.toString()))) {
                        return true;
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
            return false;
        } catch (java.io.UncheckedIOException e) {
            throw GovctlException.unreachable("the API at " + base + " (the stream broke)", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(60))
                .header("Authorization", "Bearer " + token.get());
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw GovctlException.unreachable("the API at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GovctlException.unreachable("the API at " + base, e);
        }
        if (response.statusCode() >= 400) {
            throw ProblemException.of(response.statusCode(), response.body());
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Response(response.statusCode(), body);
    }

}
