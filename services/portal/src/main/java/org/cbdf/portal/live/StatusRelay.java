package org.cbdf.portal.live;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.Downstream;
import org.cbdf.portal.apis.ServerSentEvents;
import org.cbdf.portal.apis.ServiceCircuits;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays the transfer service's status streams (server-sent events named {@code status}) to a browser. The portal
 * opens them with the user's own access token, which never reaches the browser; the browser gets one stream from the
 * portal, with the session cookie, carrying {@code transferId}, {@code status}, {@code version} and {@code type} of
 * each change (never the organisation or the token). Two kinds:
 * <ul>
 * <li>a page that shows transfers ({@link #follow}): {@code GET /api/v1/transfers/{id}/events} of each, relaying
 * only the changes after the version the page shows;</li>
 * <li>a list of transfers, an inbox or a search ({@link #followVisible}): {@code GET /api/v1/transfers/stream}, every
 * change of every transfer the transfer service lets the user see (an enterprise its organisation's, a regulator
 * those involving its jurisdiction, an auditor all: the service filters it, the portal relays what it is given),
 * new transfers included. At most {@code cbdf.portal.live.max-transfer-streams} of these per portal instance.</li>
 * </ul>
 * Opening goes through the transfer service's circuit breaker and timeouts ({@link ServiceCircuits}).
 *
 * <p>When an upstream stream ends (the transfer service's 30 minute limit, a restart) the browser's stream is
 * completed and the browser reconnects, which opens fresh upstream streams with a fresh token. When the
 * browser goes away (noticed at the latest by the keep-alive every 20 seconds) the upstream streams are closed.
 */
@Component
class StatusRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusRelay.class);

    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(30);
    static final Duration RECONNECT = Duration.ofSeconds(3);

    /** A transfer a page shows, and the version it shows ({@code -1}: only changes from now on). */
    record Followed(String transferId, long shownVersion) {
    }

    /**
     * How following went: a stream for the browser, nothing visible to follow, a token that ran out, or a transfer
     * service that cannot be reached, does not answer in time or whose circuit is open.
     */
    sealed interface Opened {
        record Streaming(SseEmitter emitter) implements Opened {
        }

        record NothingToFollow() implements Opened {
        }

        record Unauthorized() implements Opened {
        }

        /** @param retryAfter how long the circuit stays open, or the timeout waited */
        record Unavailable(ServiceUnavailable.Reason reason, Duration retryAfter) implements Opened {

            Unavailable(ServiceUnavailable unavailable) {
                this(unavailable.reason(), unavailable.waited());
            }
        }

        /**
         * The portal instance follows as many lists as it may ({@code cbdf.portal.live.max-transfer-streams}), or the
         * transfer service refused the user's streams with 429 (as many open as one user or the service may hold).
         */
        record Busy() implements Opened {
        }
    }

    private volatile HttpClient http;
    /** How long opening the upstream streams may take, until their first answer. */
    private final Duration openTimeout;
    private final ServiceCircuits circuits;
    private final JsonMapper json;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openUpstreams = new AtomicInteger();
    /** Lists followed now (each one upstream {@code /api/v1/transfers/stream}), and how many may be. */
    private final AtomicInteger visibleStreams = new AtomicInteger();
    private final int maxVisibleStreams;
    private final Duration connectTimeout;
    private volatile ScheduledExecutorService keepAlive;
    private volatile boolean running;

    StatusRelay(JsonMapper json, PortalProperties properties, ServiceCircuits circuits) {
        this.json = json;
        this.circuits = circuits;
        this.openTimeout = properties.calls().readTimeout();
        this.connectTimeout = properties.calls().connectTimeout();
        this.maxVisibleStreams = properties.live().maxTransferStreams();
        clients();
    }

    private void clients() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("status-relay-keep-alive").daemon().factory());
        keepAlive.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the upstream streams, all at once; opening them counts as one call to the transfer service for its
     * circuit breaker: it worked if any of them was answered (a refusal too), it failed if none was — no connection,
     * no answer within the read timeout, or only server errors.
     */
    Opened follow(PortalUser user, URI transferService, List<Followed> transfers) {
        try {
            circuits.permit(Downstream.TRANSFER);
        } catch (ServiceUnavailable open) {
            return new Opened.Unavailable(open);
        }
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<InputStream>>> pending = transfers.stream()
                .map(followed -> http.sendAsync(HttpRequest.newBuilder(
                                        transferService.resolve("/api/v1/transfers/" + followed.transferId() + "/events"))
                                .header("Authorization", "Bearer " + user.token())
                                .header("Accept", "text/event-stream").timeout(openTimeout).GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream()))
                .toList();
        Map<Followed, HttpResponse<InputStream>> open = new LinkedHashMap<>();
        boolean unauthorized = false;
        boolean busy = false;
        boolean answered = false;
        Throwable failure = null;
        for (int i = 0; i < transfers.size(); i++) {
            try {
                HttpResponse<InputStream> response = pending.get(i).join();
                boolean eventStream = response.headers().firstValue("Content-Type")
                        .filter(type -> type.startsWith("text/event-stream")).isPresent();
                if (response.statusCode() >= 500) {
                    failure = new IOException("the transfer service answered " + response.statusCode());
                } else {
                    answered = true;
                }
                if (response.statusCode() == 200 && eventStream) {
                    open.put(transfers.get(i), response);
                } else {
                    // 404: not (or no longer) the user's to see; 401: the token ran out
                    unauthorized |= response.statusCode() == 401;
                    busy |= response.statusCode() == 429;
                    response.body().close();
                }
            } catch (CompletionException | IOException failed) {
                failure = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
                log.debug("Could not follow transfer {}: {}", transfers.get(i).transferId(), failed.toString());
            }
        }
        if (answered || failure == null) {
            circuits.succeeded(Downstream.TRANSFER, started);
        } else {
            circuits.failed(Downstream.TRANSFER, started, failure);
            return new Opened.Unavailable(ServiceCircuits.unavailable(Downstream.TRANSFER, openTimeout, false, failure));
        }
        if (unauthorized || open.isEmpty()) {
            open.values().forEach(StatusRelay::closeQuietly);
            return unauthorized ? new Opened.Unauthorized() : busy ? new Opened.Busy() : new Opened.NothingToFollow();
        }
        Relay relay = relay(false, "following " + open.size() + " transfer(s)");
        open.forEach(relay::start);
        return new Opened.Streaming(relay.emitter);
    }

    /**
     * Follows every transfer the user may see: one upstream {@code GET /api/v1/transfers/stream} with the user's token,
     * whose {@code status} events all go to the browser (the transfer service sends the user only what it may see).
     * Opening it is one call to the transfer service for its circuit breaker: no connection, no answer within the read
     * timeout, a server error or an answer that is not an event stream count as failed; a refusal as working. 401: the
     * token ran out; any other refusal (403: a role the stream does not serve, 404) leaves nothing to follow.
     */
    Opened followVisible(PortalUser user, URI transferService) {
        if (visibleStreams.incrementAndGet() > maxVisibleStreams) {
            visibleStreams.decrementAndGet();
            return new Opened.Busy();
        }
        boolean following = false;
        try {
            CircuitBreaker breaker;
            try {
                breaker = circuits.permit(Downstream.TRANSFER);
            } catch (ServiceUnavailable open) {
                return new Opened.Unavailable(open);
            }
            long started = System.nanoTime();
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(transferService.resolve("/api/v1/transfers/stream"))
                        .header("Authorization", "Bearer " + user.token())
                        .header("Accept", "text/event-stream").timeout(openTimeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException failed) {
                ServiceUnavailable unavailable = ServiceCircuits.unavailable(Downstream.TRANSFER, openTimeout, false, failed);
                circuits.failed(Downstream.TRANSFER, started, unavailable);
                log.debug("Could not follow the transfers of {}: {}", user.username(), failed.toString());
                return new Opened.Unavailable(unavailable);
            } catch (InterruptedException interrupted) {
                // the portal is shutting down: nothing the transfer service did
                breaker.releasePermission();
                Thread.currentThread().interrupt();
                return new Opened.Unavailable(ServiceUnavailable.Reason.UNREACHABLE, openTimeout);
            }
            int status = response.statusCode();
            boolean eventStream = response.headers().firstValue("Content-Type")
                    .filter(type -> type.startsWith("text/event-stream")).isPresent();
            if (status >= 500 || (status == 200 && !eventStream)) {
                closeQuietly(response);
                ServiceUnavailable.Reason reason = status >= 500 ? ServiceUnavailable.Reason.SERVER_ERROR
                        : ServiceUnavailable.Reason.BAD_ANSWER;
                circuits.failed(Downstream.TRANSFER, started, new IOException(status >= 500
                        ? "the transfer service's stream answered " + status
                        : "the transfer service's stream answered without an event stream"));
                return new Opened.Unavailable(reason, openTimeout);
            }
            circuits.succeeded(Downstream.TRANSFER, started);
            if (status != 200) {
                closeQuietly(response);
                log.debug("The transfer service refused {} its stream: {}", user.username(), status);
                // 429: the user follows as many lists as the transfer service allows one user (other tabs), or the
                // service as many as it holds: come back later, like a portal instance that follows too many
                return status == 401 ? new Opened.Unauthorized()
                        : status == 429 ? new Opened.Busy() : new Opened.NothingToFollow();
            }
            following = true; // the relay holds the slot from now on, and gives it back when it closes
            Relay relay = relay(true, "following the transfers you may see");
            relay.startVisible(response);
            return new Opened.Streaming(relay.emitter);
        } finally {
            if (!following) {
                visibleStreams.decrementAndGet();
            }
        }
    }

    /** A browser's stream, registered for the keep-alive and closed with the upstream streams it relays. */
    private Relay relay(boolean visible, String following) {
        SseEmitter emitter = new SseEmitter(BROWSER_TIMEOUT.toMillis());
        Relay relay = new Relay(emitter, visible);
        relays.add(relay);
        emitter.onCompletion(relay::close);
        emitter.onTimeout(relay::close);
        emitter.onError(error -> relay.close());
        relay.send(SseEmitter.event().comment(following).reconnectTime(RECONNECT.toMillis()));
        return relay;
    }

    /** Lists followed now, for the tests and the curious. */
    int visibleStreams() {
        return visibleStreams.get();
    }

    /** Upstream status streams currently open, for the tests and the curious. */
    int openUpstreams() {
        return openUpstreams.get();
    }

    private void keepAlive() {
        relays.forEach(relay -> relay.keepAlive(SseEmitter.event().comment("keep-alive")));
    }

    /** Also after a {@link #stop()} (a test framework pauses and resumes contexts it keeps). */
    @Override
    public synchronized void start() {
        if (keepAlive.isShutdown()) {
            clients();
        }
        running = true;
    }

    /** Before the web server shuts down gracefully: browsers reconnect to another replica at once. */
    @Override
    public synchronized void stop() {
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
    private final class Relay extends BrowserStream {

        /** a list's stream of every visible transfer, which holds one of the instance's {@code visibleStreams} */
        private final boolean visible;
        private final List<Thread> readers = new ArrayList<>();
        private final List<HttpResponse<InputStream>> upstreams = new ArrayList<>();
        Relay(SseEmitter emitter, boolean visible) {
            super(emitter);
            this.visible = visible;
        }

        /** One transfer's stream: what the page shows already is not relayed. */
        void start(Followed followed, HttpResponse<InputStream> upstream) {
            long[] shown = {followed.shownVersion()};
            read("status-relay-" + followed.transferId(), upstream, change -> {
                long version = change.path("version").asLong(-1);
                if (shown[0] < 0 && "current".equals(change.path("type").asString())) {
                    shown[0] = version;
                    return false;
                }
                if (version <= shown[0]) {
                    return false;
                }
                shown[0] = version;
                return true;
            });
        }

        /** The stream of every transfer the user may see: each change is relayed. */
        void startVisible(HttpResponse<InputStream> upstream) {
            read("status-relay-visible", upstream, change -> true);
        }

        private synchronized void read(String name, HttpResponse<InputStream> upstream, Predicate<JsonNode> wanted) {
            if (isClosed()) {
                // another upstream stream ended already and took the browser's stream with it
                closeQuietly(upstream);
                return;
            }
            openUpstreams.incrementAndGet();
            upstreams.add(upstream);
            readers.add(Thread.ofVirtual().name(name).start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(upstream.body(), StandardCharsets.UTF_8))) {
                    ServerSentEvents.read(reader, event -> {
                        if ("status".equals(event.name())) {
                            relayStatus(event.data(), wanted);
                        }
                    });
                } catch (IOException | RuntimeException ended) {
                    log.debug("Status stream {} ended: {}", name, ended.toString());
                } finally {
                    openUpstreams.decrementAndGet();
                    // the transfer service ended the stream: the browser reconnects and follows afresh
                    finish();
                }
            }));
        }

        /** A change of a transfer, as the browser gets it: never the organisation, never the token. */
        private void relayStatus(String data, Predicate<JsonNode> wanted) {
            JsonNode change;
            try {
                change = json.readTree(data);
            } catch (RuntimeException unreadable) {
                log.debug("Ignoring an unreadable status event: {}", unreadable.toString());
                return;
            }
            if (!TransferApi.TRANSFER_ID.matcher(change.path("transferId").asString()).matches()
                    || !wanted.test(change)) {
                return;
            }
            long version = change.path("version").asLong(-1);
            Map<String, Object> relayed = new LinkedHashMap<>();
            relayed.put("transferId", change.path("transferId").asString());
            relayed.put("status", change.path("status").asString());
            relayed.put("version", version);
            relayed.put("type", change.path("type").asString());
            send(SseEmitter.event().name("status").data(json.writeValueAsString(relayed)));
        }

        /** Closes the upstream streams; their readers end. */
        @Override
        void release() {
            relays.remove(this);
            if (visible) {
                visibleStreams.decrementAndGet();
            }
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
