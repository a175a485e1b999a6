package org.cbdf.portal.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.DisputeApi;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.apis.SessionExpired;
import org.cbdf.portal.session.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds of a dispute page. The dispute service has no event stream, so for each browser that follows a case the
 * portal reads the case from the dispute API every {@code cbdf.portal.live.dispute-poll} and sends the browser an
 * event named {@code dispute} ({@code disputeId}, {@code status}, {@code version}, {@code steps}) when the case's
 * version is past the one its page shows. The page's script (static/js/live.js) then reloads the case's state part,
 * which says that the case took a step.
 *
 * <p>Each poll runs on a virtual thread and goes through the dispute service's timeouts and circuit breaker
 * ({@link DisputeApi}): a slow or failing dispute service delays the next poll, never a request thread, and an open
 * circuit costs nothing. A case the user may no longer see, or a token the service no longer takes, ends the
 * browser's stream (it reconnects and learns which: 204 or 401). Each poll ends with a keep-alive comment, so polling
 * stops as soon as the browser goes away.
 */
@Component
class DisputePolls implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DisputePolls.class);

    /** A case a page shows, and the version it shows ({@code -1}: changes from now on). */
    record Followed(String disputeId, long shownVersion) {
    }

    private final DisputeApi disputes;
    private final JsonMapper json;
    private final Duration poll;
    private volatile ScheduledExecutorService timer;
    private volatile ExecutorService polls;
    private volatile boolean running;

    DisputePolls(DisputeApi disputes, JsonMapper json, PortalProperties properties) {
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

    LiveRelay.Opening open(PortalUser user, Followed followed) {
        Optional<JsonNode> now;
        try {
            now = disputes.dispute(user, followed.disputeId());
        } catch (SessionExpired expired) {
            return new LiveRelay.Opening.Refused(new Opened.Unauthorized());
        } catch (ServiceUnavailable unavailable) {
            return new LiveRelay.Opening.Refused(new Opened.Unavailable(unavailable));
        }
        if (now.isEmpty()) {
            return new LiveRelay.Opening.Refused(new Opened.NothingToFollow());
        }
        long shown = followed.shownVersion() < 0 ? version(now.get()) : followed.shownVersion();
        return new LiveRelay.Opening.Feeding("following dispute " + followed.disputeId(),
                new Polling(user, followed.disputeId(), shown, now.get()));
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

    @Override
    public synchronized void stop() {
        running = false;
        timer.shutdownNow();
        polls.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One browser's polling of one case. */
    private final class Polling implements LiveRelay.Feed {

        private final PortalUser user;
        private final String disputeId;
        private final JsonNode first;
        /** a poll still under way (a slow dispute service) is not joined by another */
        private final AtomicBoolean polling = new AtomicBoolean();
        private volatile long shown;
        private volatile ScheduledFuture<?> schedule;
        private volatile boolean released;

        Polling(PortalUser user, String disputeId, long shown, JsonNode first) {
            this.user = user;
            this.disputeId = disputeId;
            this.shown = shown;
            this.first = first;
        }

        @Override
        public void start(BrowserStream stream) {
            observe(stream, first);
            schedule = timer.scheduleWithFixedDelay(() -> {
                if (!stream.isClosed() && polling.compareAndSet(false, true)) {
                    polls.execute(() -> poll(stream));
                }
            }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
            if (released || stream.isClosed()) {
                schedule.cancel(false);
            }
        }

        private void poll(BrowserStream stream) {
            try {
                Optional<JsonNode> now = disputes.dispute(user, disputeId);
                if (now.isEmpty()) {
                    // no longer the user's to see: the browser reconnects and gets 204
                    stream.finish();
                    return;
                }
                observe(stream, now.get());
                stream.send(SseEmitter.event().comment("keep-alive"));
            } catch (SessionExpired expired) {
                // the browser reconnects with the session's renewed token, or gets 401
                stream.finish();
            } catch (ServiceUnavailable unavailable) {
                log.debug("Dispute {} not polled: {}", disputeId, unavailable.getMessage());
                stream.send(SseEmitter.event().comment("the dispute service is unavailable; trying again"));
            } finally {
                polling.set(false);
            }
        }

        /** A version the page does not show yet goes to the browser, once. */
        private void observe(BrowserStream stream, JsonNode dispute) {
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
            stream.send(SseEmitter.event().name("dispute").data(json.writeValueAsString(changed)));
        }

        /** Stops polling. */
        @Override
        public void release() {
            released = true;
            ScheduledFuture<?> scheduled = schedule;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
