package org.cbdf.portal.live;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cbdf.portal.session.PortalUser;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Browsers' live streams of one kind, each fed from a service for what it follows ({@code F}: a page's transfers,
 * every transfer a list may show, a dispute): the portal follows with the user's own token, which never reaches
 * the browser; the browser gets one stream from the portal, with the session cookie. The {@link Source} opens the
 * feed or says why there is none; this relay holds the browsers' streams: at most {@code capacity} at once per
 * portal instance, each for at most {@link #BROWSER_TIMEOUT}, kept alive every {@code keepAlive} (if the feed does
 * not), and each closed once — when the browser goes away (noticed at the latest by the next keep-alive), when the
 * feed ends (the browser reconnects and follows afresh, with a fresh token) or when the portal stops (before the web
 * server shuts down gracefully, so browsers reconnect to another replica at once).
 */
final class LiveRelay<F> implements SmartLifecycle {

    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(30);
    static final Duration RECONNECT = Duration.ofSeconds(3);

    /** Opens what feeds a browser's stream of {@code followed} for the user, or says why there is none. */
    @FunctionalInterface
    interface Source<F> {
        Opening open(PortalUser user, F followed);
    }

    /** A feed for the browser (with the comment that opens its stream), or why there is none. */
    sealed interface Opening {
        record Feeding(String comment, Feed feed) implements Opening {
        }

        /** @param refusal never {@link Opened.Streaming} */
        record Refused(Opened refusal) implements Opening {
        }
    }

    /** What feeds one browser's stream: an upstream stream, a poll. */
    interface Feed {
        /** Starts sending to the stream, once it is open; it may be closed already (then it only lets go). */
        void start(BrowserStream stream);

        /** Stops sending: called once, when the stream closes. */
        void release();
    }

    private final String name;
    private final Source<F> source;
    private final int capacity;
    /** null: the feeds keep their streams alive themselves */
    private final Duration keepAlive;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    /** Streams held now, a slot each: taken before opening the feed, given back when the stream closes. */
    private final AtomicInteger held = new AtomicInteger();
    private volatile ScheduledExecutorService keepAlives;
    private volatile boolean running;

    LiveRelay(String name, Source<F> source, int capacity, Duration keepAlive) {
        this.name = name;
        this.source = source;
        this.capacity = capacity;
        this.keepAlive = keepAlive;
        keepAlives();
    }

    private void keepAlives() {
        if (keepAlive == null) {
            return;
        }
        keepAlives = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-keep-alive").daemon().factory());
        keepAlives.scheduleWithFixedDelay(
                () -> streams.forEach(stream -> stream.keepAlive(SseEmitter.event().comment("keep-alive"))),
                keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }

    Opened follow(PortalUser user, F followed) {
        if (held.incrementAndGet() > capacity) {
            held.decrementAndGet();
            return new Opened.Busy();
        }
        boolean streaming = false;
        try {
            return switch (source.open(user, followed)) {
                case Opening.Refused refused -> refused.refusal();
                case Opening.Feeding feeding -> {
                    SseEmitter emitter = new SseEmitter(BROWSER_TIMEOUT.toMillis());
                    Stream stream = new Stream(emitter, feeding.feed());
                    streams.add(stream);
                    streaming = true; // the stream holds the slot from now on, and gives it back when it closes
                    emitter.onCompletion(stream::close);
                    emitter.onTimeout(stream::close);
                    emitter.onError(error -> stream.close());
                    stream.send(SseEmitter.event().comment(feeding.comment()).reconnectTime(RECONNECT.toMillis()));
                    feeding.feed().start(stream);
                    yield new Opened.Streaming(emitter);
                }
            };
        } finally {
            if (!streaming) {
                held.decrementAndGet();
            }
        }
    }

    /** Browsers' streams held now, for the tests and the curious. */
    int following() {
        return held.get();
    }

    /** Also after a {@link #stop()} (a test framework pauses and resumes contexts it keeps). */
    @Override
    public synchronized void start() {
        if (keepAlives != null && keepAlives.isShutdown()) {
            keepAlives();
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        streams.forEach(Stream::finish);
        if (keepAlives != null) {
            keepAlives.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One browser's stream and its feed. */
    private final class Stream extends BrowserStream {

        private final Feed feed;

        Stream(SseEmitter emitter, Feed feed) {
            super(emitter);
            this.feed = feed;
        }

        @Override
        void release() {
            streams.remove(this);
            held.decrementAndGet();
            feed.release();
        }
    }
}
