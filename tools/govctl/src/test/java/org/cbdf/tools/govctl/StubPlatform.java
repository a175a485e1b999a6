package org.cbdf.tools.govctl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A small HTTP server standing in for the transfer service and Keycloak: canned answers, recorded requests. */
final class StubPlatform implements AutoCloseable {

    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    record Answer(int status, String contentType, List<String> bodies) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> served = new ConcurrentHashMap<>();
    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    StubPlatform() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code METHOD path} (path with query) with these bodies, one per call, the last one repeated. */
    StubPlatform on(String methodAndPath, int status, String contentType, String... bodies) {
        answers.put(methodAndPath, new Answer(status, contentType, List.of(bodies)));
        return this;
    }

    StubPlatform onJson(String methodAndPath, int status, String... bodies) {
        return on(methodAndPath, status, status >= 400 ? "application/problem+json" : "application/json", bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String key = exchange.getRequestMethod() + " " + path;
        requests.add(new Recorded(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.get(key);
        if (answer == null) {
            answer = new Answer(404, "application/problem+json", List.of("{\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"stub has no answer for " + key + "\"}"));
        }
        int call = served.merge(key, 1, Integer::sum) - 1;
        String body = answer.bodies().get(Math.min(call, answer.bodies().size() - 1));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
