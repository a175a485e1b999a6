package org.cbdf.portal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays the transfer service's status streams ({@code GET /api/v1/transfers/{id}/events}, server-sent
 * events named {@code status}) to a browser. The portal opens them with the user's own access token, which
 * never reaches the browser; the browser gets one stream from the portal, with the session cookie, carrying
 * for each followed transfer only the changes after the version its page shows ({@code transferId},
 * {@code status}, {@code version}, {@code type}).
 *
 * <p>When an upstream stream ends (the transfer service's 30 minute limit, a restart) the browser's stream is
 * completed and the browser reconnects, which opens fresh upstream streams with a fresh token. When the
 * browser goes away (noticed at the latest by the keep-alive every 20 seconds) the upstream streams are closed.
 */
@Component
class StatusRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusRelay.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(30);
    static final Duration RECONNECT = Duration.ofSeconds(3);

    /** A transfer a page shows, and the version it shows ({@code -1}: only changes from now on). */
    record Followed(String transferId, long shownVersion) {
    }

    /** How following went: a stream for the browser, nothing visible to follow, or a token that ran out. */
    sealed interface Opened {
        record Streaming(SseEmitter emitter) implements Opened {
        }

        record NothingToFollow() implements Opened {
        }

        record Unauthorized() implements Opened {
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final JsonMapper json;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openUpstreams = new AtomicInteger();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("status-relay-keep-alive").daemon().factory());
    private volatile boolean running;

    StatusRelay(JsonMapper json) {
        this.json = json;
        keepAlive.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    Opened follow(PortalUser user, URI transferService, List<Followed> transfers) {
        List<CompletableFuture<HttpResponse<InputStream>>> pending = transfers.stream()
                .map(followed -> http.sendAsync(HttpRequest.newBuilder(
                                        transferService.resolve("/api/v1/transfers/" + followed.transferId() + "/events"))
                                .header("Authorization", "Bearer " + user.token())
                                .header("Accept", "text/event-stream").timeout(CONNECT_TIMEOUT.multipliedBy(2)).GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream()))
                .toList();
        Map<Followed, HttpResponse<InputStream>> open = new LinkedHashMap<>();
        boolean unauthorized = false;
        for (int i = 0; i < transfers.size(); i++) {
            try {
                HttpResponse<InputStream> response = pending.get(i).join();
                boolean eventStream = response.headers().firstValue("Content-Type")
                        .filter(type -> type.startsWith("text/event-stream")).isPresent();
                if (response.statusCode() == 200 && eventStream) {
                    open.put(transfers.get(i), response);
                } else {
                    // 404: not (or no longer) the user's to see; 401: the token ran out
                    unauthorized |= response.statusCode() == 401;
                    response.body().close();
                }
            } catch (CompletionException | IOException failed) {
                log.debug("Could not follow transfer {}: {}", transfers.get(i).transferId(), failed.toString());
            }
        }
        if (unauthorized || open.isEmpty()) {
            open.values().forEach(StatusRelay::closeQuietly);
            return unauthorized ? new Opened.Unauthorized() : new Opened.NothingToFollow();
        }
        SseEmitter emitter = new SseEmitter(BROWSER_TIMEOUT.toMillis());
        Relay relay = new Relay(emitter);
        relays.add(relay);
        emitter.onCompletion(relay::close);
        emitter.onTimeout(relay::close);
        emitter.onError(error -> relay.close());
        relay.send(SseEmitter.event().comment("following " + open.size() + " transfer(s)")
                .reconnectTime(RECONNECT.toMillis()));
        open.forEach(relay::start);
        return new Opened.Streaming(emitter);
    }

    /** Upstream status streams currently open, for the tests and the curious. */
    int openUpstreams() {
        return openUpstreams.get();
    }

    private void keepAlive() {
        relays.forEach(relay -> relay.send(SseEmitter.event().comment("keep-alive")));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Before the web server shuts down gracefully: browsers reconnect to another replica at once. */
    @Override
    public void stop() {
        running = false;
        relays.forEach(Relay::finish);
        keepAlive.shutdownNow();
        http.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a stream nobody reads any more
        }
    }

    /** One browser's stream and the upstream streams it relays. */
    private final class Relay {

        private final SseEmitter emitter;
        private final List<Thread> readers = new ArrayList<>();
        private final List<HttpResponse<InputStream>> upstreams = new ArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();

        Relay(SseEmitter emitter) {
            this.emitter = emitter;
        }

        synchronized void start(Followed followed, HttpResponse<InputStream> upstream) {
            if (closed.get()) {
                // another upstream stream ended already and took the browser's stream with it
                closeQuietly(upstream);
                return;
            }
            openUpstreams.incrementAndGet();
            upstreams.add(upstream);
            readers.add(Thread.ofVirtual().name("status-relay-" + followed.transferId()).start(() -> {
                long[] shown = {followed.shownVersion()};
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(upstream.body(), StandardCharsets.UTF_8))) {
                    ServerSentEvents.read(reader, event -> {
                        if ("status".equals(event.name())) {
                            relayStatus(event.data(), shown);
                        }
                    });
                } catch (IOException | RuntimeException ended) {
                    log.debug("Status stream of {} ended: {}", followed.transferId(), ended.toString());
                } finally {
                    openUpstreams.decrementAndGet();
                    // the transfer service ended the stream: the browser reconnects and follows afresh
                    finish();
                }
            }));
        }

        /** A change the page does not show yet goes to the browser; what it already shows does not. */
        private void relayStatus(String data, long[] shown) {
            JsonNode change;
            try {
                change = json.readTree(data);
            } catch (RuntimeException unreadable) {
                log.debug("Ignoring an unreadable status event: {}", unreadable.toString());
                return;
            }
            long version = change.path("version").asLong(-1);
            if (shown[0] < 0 && "current".equals(change.path("type").asString())) {
                shown[0] = version;
                return;
            }
            if (version <= shown[0]) {
                return;
            }
            shown[0] = version;
            Map<String, Object> relayed = new LinkedHashMap<>();
            relayed.put("transferId", change.path("transferId").asString());
            relayed.put("status", change.path("status").asString());
            relayed.put("version", version);
            relayed.put("type", change.path("type").asString());
            send(SseEmitter.event().name("status").data(json.writeValueAsString(relayed)));
        }

        synchronized void send(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                // the browser went away
                close();
            }
        }

        /** Ends the browser's stream too (it reconnects). */
        void finish() {
            if (!closed.get()) {
                close();
                try {
                    emitter.complete();
                } catch (IllegalStateException alreadyDone) {
                    // completed meanwhile by the browser's side
                }
            }
        }

        /** Closes the upstream streams; their readers end. */
        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            relays.remove(this);
            List<HttpResponse<InputStream>> streams;
            List<Thread> threads;
            synchronized (this) {
                streams = List.copyOf(upstreams);
                threads = List.copyOf(readers);
            }
            streams.forEach(StatusRelay::closeQuietly);
            threads.forEach(Thread::interrupt);
        }
    }
}
