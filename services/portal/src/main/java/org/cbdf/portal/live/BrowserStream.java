package org.cbdf.portal.live;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A browser's server-sent event stream that the portal feeds from a service (a relayed stream, a poll): events are
 * sent one at a time until the browser goes away or the feed ends; closing it once releases what feeds it.
 */
abstract class BrowserStream {

    final SseEmitter emitter;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean keepingAlive = new AtomicBoolean();

    BrowserStream(SseEmitter emitter) {
        this.emitter = emitter;
    }

    boolean isClosed() {
        return closed.get();
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

    /**
     * Sends a keep-alive comment on a virtual thread of its own, so that whoever keeps every browser's stream alive
     * never waits for one browser that stopped reading (its write blocks until the socket times out, and holds this
     * stream's lock meanwhile). While the last one is still under way, another would only queue behind it: skipped.
     */
    void keepAlive(SseEmitter.SseEventBuilder comment) {
        if (!closed.get() && keepingAlive.compareAndSet(false, true)) {
            Thread.ofVirtual().name("browser-keep-alive").start(() -> {
                try {
                    send(comment);
                } finally {
                    keepingAlive.set(false);
                }
            });
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

    /** Stops feeding the browser; the first call releases the feed ({@link #release()}), later ones do nothing. */
    final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** Stops what feeds this stream: an upstream connection, a scheduled poll. Called once. */
    abstract void release();
}
