package org.cbdf.tools.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the audit ledger through its public API as an auditor: {@code GET /api/v1/audit/events?type=…&after=…} in
 * NDJSON (streamed from a database cursor), always from the last leaf index seen, so each poll reads only what was
 * appended since. A full page is followed at once by the next; otherwise the next poll waits for the interval.
 * <p>
 * When was an event appended: by default the ledger's own {@code appendedAt} (taken in the append's transaction, just
 * before its commit), so the poll interval does not inflate the figure; with {@code observed}, when this poller saw it.
 */
final class LedgerWatch implements AutoCloseable {

    /** Which clock says when an entry was appended. */
    enum AuditClock {
        /** the ledger's {@code appendedAt}, compared with the due time through the {@link ClockAnchor} */
        server,
        /** when the poll that returned the entry was answered */
        observed
    }

    @FunctionalInterface
    interface Sink {
        void appended(String aggregateId, long atNanos);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int PAGE = 5_000;

    private final URI events;
    private final HttpClient http;
    private final Supplier<String> token;
    private final String type;
    private final Duration interval;
    private final AuditClock auditClock;
    private final ClockAnchor anchor;
    private final Ticker ticker;
    private final Sink sink;
    private final Counters failures = new Counters();
    private volatile boolean running = true;
    private volatile long after;
    private Thread poller;

    LedgerWatch(URI auditBase, HttpClient http, Supplier<String> token, String type, Duration interval,
            AuditClock auditClock, ClockAnchor anchor, Ticker ticker, Sink sink) {
        this.events = auditBase.resolve("/api/v1/audit/events");
        this.http = http;
        this.token = token;
        this.type = type;
        this.interval = interval;
        this.auditClock = auditClock;
        this.anchor = anchor;
        this.ticker = ticker;
        this.sink = sink;
    }

    /** The ledger's size now: the next entry gets this leaf index. */
    static long treeSize(URI auditBase, HttpClient http, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(auditBase.resolve("/api/v1/audit/tree"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the audit service answered GET /api/v1/audit/tree with "
                        + TransferApi.describe(response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8)));
            }
            return JSON.readTree(response.body()).path("treeSize").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit service at " + auditBase + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Follows the entries from leaf index {@code treeSize} on. */
    void start(long treeSize) {
        after = treeSize - 1;
        poller = Thread.ofPlatform().name("load-ledger-" + type).daemon().start(this::run);
    }

    /** Failed polls by kind (they are retried after the interval). */
    Counters failures() {
        return failures;
    }

    private void run() {
        while (running) {
            long started = ticker.nanoTime();
            int read;
            try {
                read = pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                read = 0;
            }
            if (read < PAGE) {
                try {
                    ticker.parkUntil(started + interval.toNanos());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One page; returns how many entries it held. */
    int pollOnce() {
        String query = "?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8) + "&limit=" + PAGE
                + (after >= 0 ? "&after=" + after : "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(events + query)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get()).header("Accept", "application/x-ndjson").GET()
                .build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException("audit poll failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                String body = String.join("\n", lines.toList());
                throw new IllegalStateException("audit poll: " + TransferApi.describe(response.statusCode(),
                        body.getBytes(StandardCharsets.UTF_8)));
            }
            int read = 0;
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isBlank()) {
                    continue;
                }
                long seen = ticker.nanoTime();
                JsonNode entry = JSON.readTree(line);
                read++;
                after = Math.max(after, entry.path("leafIndex").asLong(after));
                String aggregateId = entry.path("aggregateId").asString(null);
                if (aggregateId == null) {
                    continue;
                }
                long at = seen;
                if (auditClock == AuditClock.server) {
                    String appendedAt = entry.path("appendedAt").asString(null);
                    if (appendedAt != null) {
                        at = anchor.toNanos(OffsetDateTime.parse(appendedAt).toInstant());
                    }
                }
                sink.appended(aggregateId, at);
            }
            return read;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (poller != null) {
            poller.interrupt();
            poller.join(Duration.ofSeconds(35));
        }
    }
}
