package org.cbdf.portal.live;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.DisputeApi;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.apis.SessionExpired;
import org.cbdf.portal.session.PortalUser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates of a dispute page. The dispute service has no event stream, so for each browser that follows a case
 * the portal reads the case from the dispute API (with the user's own token, which never reaches the browser) every
 * {@code cbdf.portal.live.dispute-poll} and sends the browser an event named {@code dispute} ({@code disputeId},
 * {@code status}, {@code version}, {@code steps}) when the case's version is past the one its page shows. The page's
 * script (static/js/live.js) then reloads the case's state part, which says that the case took a step.
 *
 * <p>Each poll runs on a virtual thread and goes through the dispute service's timeouts and circuit breaker
 * ({@link ServiceCalls}): a slow or failing dispute service delays the next poll, never a request thread, and an open
 * circuit costs nothing. A case the user may no longer see, or a token the service no longer takes, ends the
 * browser's stream (it reconnects and learns which: 204 or 401); so does the browser's 30 minute limit. Polling stops
 * as soon as the browser goes away (noticed at the latest by the next poll's keep-alive comment). At most
 * {@link #MAX_FOLLOWED} cases are followed at once per portal instance.
 */
@Component
class DisputeRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DisputeRelay.class);

    static final int MAX_FOLLOWED = 500;
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(30);
    static final Duration RECONNECT = Duration.ofSeconds(3);

    /** How following went: a stream, nothing the user may see, a token that ran out, a service that failed, or too many. */
    sealed interface Opened {
        record Streaming(SseEmitter emitter) implements Opened {
        }

        record NothingToFollow() implements Opened {
        }

        record Unauthorized() implements Opened {
        }

        record Unavailable(ServiceUnavailable.Reason reason) implements Opened {
        }

        record Busy() implements Opened {
        }
    }

    private final DisputeApi disputes;
    private final JsonMapper json;
    private final Duration poll;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;
    private volatile ExecutorService polls;
    private volatile boolean running;

    DisputeRelay(DisputeApi disputes, JsonMapper json, PortalProperties properties) {
        this.disputes = disputes;
        this.json = json;
        this.poll = properties.live().disputePoll();
        executors();
    }

    private void executors() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dispute-relay-timer").daemon().factory());
        polls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dispute-relay-poll-", 0).factory());
    }

    /** Follows the case {@code disputeId} whose page shows {@code shownVersion} ({@code -1}: changes from now on). */
    Opened follow(PortalUser user, String disputeId, long shownVersion) {
        if (relays.size() >= MAX_FOLLOWED) {
            return new Opened.Busy();
        }
        Optional<JsonNode> now;
        try {
            now = disputes.dispute(user, disputeId);
        } catch (SessionExpired expired) {
            return new Opened.Unauthorized();
        } catch (ServiceUnavailable unavailable) {
            return new Opened.Unavailable(unavailable.reason());
        }
        if (now.isEmpty()) {
            return new Opened.NothingToFollow();
        }
        SseEmitter emitter = new SseEmitter(BROWSER_TIMEOUT.toMillis());
        Relay relay = new Relay(emitter, user, disputeId, shownVersion < 0 ? version(now.get()) : shownVersion);
        relays.add(relay);
        emitter.onCompletion(relay::close);
        emitter.onTimeout(relay::close);
        emitter.onError(error -> relay.close());
        relay.send(SseEmitter.event().comment("following dispute " + disputeId).reconnectTime(RECONNECT.toMillis()));
        relay.observe(now.get());
        relay.start();
        return new Opened.Streaming(emitter);
    }

    /** Cases followed now, for the tests and the curious. */
    int following() {
        return relays.size();
    }

    private static long version(JsonNode dispute) {
        return dispute.path("version").asLong(dispute.path("timeline").size());
    }

    /** Also after a {@link #stop()} (a test framework pauses and resumes contexts it keeps). */
    @Override
    public synchronized void start() {
        if (timer.isShutdown()) {
            executors();
        }
        running = true;
    }

    /** Before the web server shuts down gracefully: browsers reconnect to another replica at once. */
    @Override
    public synchronized void stop() {
        running = false;
        relays.forEach(Relay::finish);
        timer.shutdownNow();
        polls.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One browser's stream of one case, and its polling. */
    private final class Relay extends BrowserStream {

        private final PortalUser user;
        private final String disputeId;
        /** a poll still under way (a slow dispute service) is not joined by another */
        private final AtomicBoolean polling = new AtomicBoolean();
        private volatile long shown;
        private volatile ScheduledFuture<?> schedule;

        Relay(SseEmitter emitter, PortalUser user, String disputeId, long shown) {
            super(emitter);
            this.user = user;
            this.disputeId = disputeId;
            this.shown = shown;
        }

        void start() {
            schedule = timer.scheduleWithFixedDelay(() -> {
                if (!isClosed() && polling.compareAndSet(false, true)) {
                    polls.execute(this::poll);
                }
            }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
            if (isClosed()) {
                schedule.cancel(false);
            }
        }

        private void poll() {
            try {
                Optional<JsonNode> now = disputes.dispute(user, disputeId);
                if (now.isEmpty()) {
                    // no longer the user's to see: the browser reconnects and gets 204
                    finish();
                    return;
                }
                observe(now.get());
                send(SseEmitter.event().comment("keep-alive"));
            } catch (SessionExpired expired) {
                // the browser reconnects with the session's renewed token, or gets 401
                finish();
            } catch (ServiceUnavailable unavailable) {
                log.debug("Dispute {} not polled: {}", disputeId, unavailable.getMessage());
                send(SseEmitter.event().comment("the dispute service is unavailable; trying again"));
            } finally {
                polling.set(false);
            }
        }

        /** A version the page does not show yet goes to the browser, once. */
        void observe(JsonNode dispute) {
            long version = version(dispute);
            if (version <= shown) {
                return;
            }
            shown = version;
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("disputeId", disputeId);
            changed.put("status", dispute.path("status").asString());
            changed.put("version", version);
            changed.put("steps", dispute.path("timeline").size());
            send(SseEmitter.event().name("dispute").data(json.writeValueAsString(changed)));
        }

        /** Stops polling. */
        @Override
        void release() {
            relays.remove(this);
            ScheduledFuture<?> scheduled = schedule;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
