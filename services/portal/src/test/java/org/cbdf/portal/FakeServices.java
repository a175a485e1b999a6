package org.cbdf.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * The transfer, policy, dispute and audit services' APIs as the portal sees them, over real HTTP: canned answers per method
 * and path, every request recorded (with its bearer token), and status streams the test feeds event by event.
 * One for the whole test run, so every test class shares the Spring context; {@link #reset()} between tests.
 */
public final class FakeServices {

    public static final FakeServices INSTANCE = new FakeServices();

    private static final Pattern EVENTS = Pattern.compile("/api/v1/transfers/([^/]+)/events");

    /** A request the portal made. */
    public record Recorded(String method, String path, String query, String authorization, String accept, String body,
            String contentType) {
    }

    private record Answer(int status, byte[] body, String contentType, Map<String, String> headers) {

        public Answer(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8),
                    status >= 400 ? "application/problem+json" : "application/json", Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Function<String, String>> byQuery = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<Answer>> firstAnswers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, StatusStream> streams = new ConcurrentHashMap<>();
    private volatile VisibleStream visible;

    private FakeServices() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void reset() {
        answers.clear();
        byQuery.clear();
        firstAnswers.clear();
        requests.clear();
        streams.values().forEach(StatusStream::end);
        streams.clear();
        VisibleStream following = visible;
        visible = null;
        if (following != null) {
            following.close();
        }
        answer("GET", "/api/v1/audit/events", 200, "[]");
    }

    /** Answers {@code method path} (any query) with the status and JSON body. */
    public FakeServices answer(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, body));
        return this;
    }

    /** Answers {@code method path} with any bytes, content type and headers (a zip, a stream). */
    public FakeServices answerBytes(String method, String path, int status, String contentType, Map<String, String> headers,
            byte[] body) {
        answers.put(method + " " + path, new Answer(status, body, contentType, Map.copyOf(headers)));
        return this;
    }

    /** Answers {@code method path} by its query: 200 with the JSON the function gives, 404 when it gives null. */
    public FakeServices answerByQuery(String method, String path, java.util.function.Function<String, String> answer) {
        byQuery.put(method + " " + path, answer);
        return this;
    }

    /** Answers {@code method path} once with this, before the standing answer (a state that then changes). */
    public FakeServices answerFirst(String method, String path, int status, String body) {
        firstAnswers.computeIfAbsent(method + " " + path, key -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                .add(new Answer(status, body));
        return this;
    }

    /** The transfer API's read of this transfer. */
    public FakeServices transfer(JsonNode transfer) {
        return answer("GET", "/api/v1/transfers/" + transfer.path("id").asString(), 200, transfer.toString());
    }

    /** The transfer API's list: its last page, with these transfers, {@code total} of them in all. */
    public FakeServices transferList(long total, JsonNode... transfers) {
        return answer("GET", "/api/v1/transfers", 200, transferPage(null, total, transfers));
    }

    /** The transfer API's list: one page with these transfers, then the one {@code nextCursor} leads to. */
    public FakeServices transferList(String nextCursor, long total, JsonNode... transfers) {
        return answer("GET", "/api/v1/transfers", 200, transferPage(nextCursor, total, transfers));
    }

    /** A page of the transfer API's list as it answers it; {@code nextCursor} null on the last page. */
    public static String transferPage(String nextCursor, long total, JsonNode... transfers) {
        StringBuilder content = new StringBuilder();
        for (JsonNode transfer : transfers) {
            content.append(content.isEmpty() ? "" : ",").append(transfer);
        }
        return "{\"content\":[" + content + "],\"size\":200,\"totalElements\":" + total + ",\"nextCursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    /** The dispute API's read of this case. */
    public FakeServices dispute(JsonNode dispute) {
        return answer("GET", "/api/v1/disputes/" + dispute.path("id").asString(), 200, dispute.toString());
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The transfer's status stream, starting at this status and version (what the API sends first). */
    public StatusStream statusStream(String transferId, String status, long version) {
        StatusStream stream = new StatusStream(transferId, status, version);
        streams.put(transferId, stream);
        return stream;
    }

    /**
     * The transfer service's stream of every transfer the caller may see ({@code GET /api/v1/transfers/stream}): what
     * the test feeds it goes to every connection open at the time, as the service sends each change once committed.
     */
    public VisibleStream transferStream() {
        VisibleStream stream = new VisibleStream();
        visible = stream;
        return stream;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        requests.add(new Recorded(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Accept"),
                body, exchange.getRequestHeaders().getFirst("Content-Type")));
        Matcher events = EVENTS.matcher(uri.getPath());
        if ("GET".equals(exchange.getRequestMethod()) && events.matches() && streams.containsKey(events.group(1))) {
            streams.get(events.group(1)).serve(exchange);
            return;
        }
        VisibleStream following = visible;
        if ("GET".equals(exchange.getRequestMethod()) && "/api/v1/transfers/stream".equals(uri.getPath())
                && following != null) {
            following.serve(exchange);
            return;
        }
        String key = exchange.getRequestMethod() + " " + uri.getPath();
        Answer first = firstAnswers.getOrDefault(key, new java.util.LinkedList<>()).poll();
        Answer answer = first != null ? first : answers.get(key);
        if (answer == null && byQuery.containsKey(key)) {
            String json = byQuery.get(key).apply(uri.getRawQuery());
            answer = json == null ? null : new Answer(200, json);
        }
        if (answer == null) {
            answer = new Answer(404, "{\"title\":\"Not found\",\"status\":404}");
        }
        byte[] bytes = answer.body();
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A transfer's server-sent events, as the transfer service's StatusFeeds writes them. */
    public static final class StatusStream {

        private static final String END = "end";

        private final String transferId;
        private volatile String status;
        private volatile long version;
        private volatile int answerStatus = 200;
        private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
        private final AtomicInteger connected = new AtomicInteger();

        private StatusStream(String transferId, String status, long version) {
            this.transferId = transferId;
            this.status = status;
            this.version = version;
        }

        /** Refuses the next connections with this status (401: token expired; 404: not the caller's). */
        public StatusStream refuseWith(int status) {
            this.answerStatus = status;
            return this;
        }

        /** A committed change, sent to whoever follows. */
        public void change(String type, long version, String status) {
            this.status = status;
            this.version = version;
            outgoing.add(event(type, version, status));
        }

        /** The transfer service ends the stream (its timeout, a restart). */
        public void end() {
            outgoing.add(END);
        }

        public int connected() {
            return connected.get();
        }

        private String event(String type, long version, String status) {
            return "id:" + transferId + ":" + version + "\nevent:status\ndata:{\"transferId\":\"" + transferId
                    + "\",\"organization\":\"acme-cn\",\"type\":\"" + type + "\",\"version\":" + version
                    + ",\"status\":\"" + status + "\",\"at\":\"2026-11-28T10:00:00Z\"}\n\n";
        }

        private void serve(HttpExchange exchange) throws IOException {
            if (answerStatus != 200) {
                answerProblem(exchange, answerStatus);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            connected.incrementAndGet();
            OutputStream out = exchange.getResponseBody();
            try {
                write(out, event("current", version, status));
                while (true) {
                    // a comment now and then, so a follower that went away is noticed
                    String next = outgoing.poll(100, TimeUnit.MILLISECONDS);
                    if (END.equals(next)) {
                        break;
                    }
                    write(out, next == null ? ":\n\n" : next);
                }
            } catch (IOException | InterruptedException followerGone) {
                // the portal closed the stream
            } finally {
                connected.decrementAndGet();
                exchange.close();
            }
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
    /** {@code GET /api/v1/transfers/stream} as the transfer service's StatusFeeds writes it. */
    public static final class VisibleStream {

        private static final String END = "end";

        private final List<BlockingQueue<String>> connections = new CopyOnWriteArrayList<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile int answerStatus = 200;
        private volatile boolean silent;

        private VisibleStream() {
        }

        /** Answers the next connections with this status (401: token expired; 403: not a role it serves; 500). */
        public VisibleStream refuseWith(int status) {
            this.answerStatus = status;
            this.silent = false;
            return this;
        }

        /** Takes the next connections and never answers them (until the test is over). */
        public VisibleStream answerNothing() {
            this.silent = true;
            return this;
        }

        /** A committed change of a transfer, sent to every open connection (the service filtered it already). */
        public void change(String transferId, String type, long version, String status) {
            String event = "id:" + transferId + ":" + version + "\nevent:status\ndata:{\"transferId\":\"" + transferId
                    + "\",\"organization\":\"acme-cn\",\"type\":\"" + type + "\",\"version\":" + version
                    + ",\"status\":\"" + status + "\",\"at\":\"2026-11-28T10:00:00Z\"}\n\n";
            connections.forEach(connection -> connection.add(event));
        }

        /** Something that is not a status event as the portal relays it (another name, unreadable data, no id). */
        public void send(String rawEvent) {
            connections.forEach(connection -> connection.add(rawEvent));
        }

        /** The transfer service ends the open connections (its 30 minute limit, a restart). */
        public void end() {
            connections.forEach(connection -> connection.add(END));
        }

        /** The test is over: every connection ends, answered or not. */
        private void close() {
            ended.countDown();
            end();
        }

        public int connected() {
            return connections.size();
        }

        private void serve(HttpExchange exchange) throws IOException {
            if (silent) {
                holdUntil(ended, exchange);
                return;
            }
            if (answerStatus != 200) {
                answerProblem(exchange, answerStatus);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
            OutputStream out = exchange.getResponseBody();
            connections.add(outgoing);
            try {
                StatusStream.write(out, ":following the transfers involving CN\n\n");
                while (true) {
                    // a comment now and then, so a follower that went away is noticed
                    String next = outgoing.poll(100, TimeUnit.MILLISECONDS);
                    if (END.equals(next)) {
                        break;
                    }
                    StatusStream.write(out, next == null ? ":\n\n" : next);
                }
            } catch (IOException | InterruptedException followerGone) {
                // the portal closed the stream
            } finally {
                connections.remove(outgoing);
                exchange.close();
            }
        }
    }

    /** Answers {@code status} with a minimal problem document and closes the exchange. */
    public static void answerProblem(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] problem = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, problem.length);
        exchange.getResponseBody().write(problem);
        exchange.close();
    }

    /** Leaves {@code exchange} unanswered until {@code over} is counted down, then closes it. */
    public static void holdUntil(CountDownLatch over, HttpExchange exchange) {
        try {
            over.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }
}
