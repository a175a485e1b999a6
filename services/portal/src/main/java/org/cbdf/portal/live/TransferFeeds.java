package org.cbdf.portal.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.apis.TransferStreams;
import org.cbdf.portal.session.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds from the transfer service's status streams ({@link TransferStreams}): each of their events named
 * {@code status} goes to the browser as an event named {@code status} with the change's {@code transferId},
 * {@code status}, {@code version} and {@code type} (never the organisation or the token). Two sources:
 * <ul>
 * <li>{@link #page}: a page that shows transfers, each one's stream, relaying only the changes after the version the
 * page shows;</li>
 * <li>{@link #list}: a list of transfers (an inbox, a search), the stream of every transfer the user may see, new
 * transfers included: the service decides what that is, the portal relays what it is given.</li>
 * </ul>
 * When an upstream stream ends (the transfer service's 30 minute limit, a restart) the browser's stream ends too.
 */
@Component
class TransferFeeds {

    private static final Logger log = LoggerFactory.getLogger(TransferFeeds.class);

    /** A transfer a page shows, and the version it shows ({@code -1}: only changes from now on). */
    record Followed(String transferId, long shownVersion) {
    }

    /** What a list follows: every transfer the user may see. */
    record Visible() {
    }

    private final TransferStreams streams;
    private final JsonMapper json;
    private final AtomicInteger openUpstreams = new AtomicInteger();

    TransferFeeds(TransferStreams streams, JsonMapper json) {
        this.streams = streams;
        this.json = json;
    }

    LiveRelay.Opening page(PortalUser user, List<Followed> transfers) {
        return switch (streams.transfers(user, transfers.stream().map(Followed::transferId).toList())) {
            case TransferStreams.Opening.Open open -> {
                List<Reading> readings = open.streams().stream().map(upstream -> {
                    Followed followed = transfers.get(upstream.position());
                    return new Reading("status-relay-" + followed.transferId(), upstream, after(followed.shownVersion()));
                }).toList();
                yield new LiveRelay.Opening.Feeding("following " + readings.size() + " transfer(s)", new Relaying(readings));
            }
            case TransferStreams.Opening.Refused refused -> new LiveRelay.Opening.Refused(refusal(refused.refusal()));
            case TransferStreams.Opening.Unavailable unavailable ->
                    new LiveRelay.Opening.Refused(new Opened.Unavailable(unavailable.reason(), unavailable.retryAfter()));
        };
    }

    LiveRelay.Opening list(PortalUser user, Visible visible) {
        return switch (streams.visible(user)) {
            case TransferStreams.Opening.Open open -> new LiveRelay.Opening.Feeding("following the transfers you may see",
                    new Relaying(List.of(new Reading("status-relay-visible", open.streams().getFirst(), change -> true))));
            case TransferStreams.Opening.Refused refused -> new LiveRelay.Opening.Refused(refusal(refused.refusal()));
            case TransferStreams.Opening.Unavailable unavailable ->
                    new LiveRelay.Opening.Refused(new Opened.Unavailable(unavailable.reason(), unavailable.retryAfter()));
        };
    }

    /** Upstream status streams open now, for the tests and the curious. */
    int openUpstreams() {
        return openUpstreams.get();
    }

    private static Opened refusal(TransferStreams.Refusal refusal) {
        return switch (refusal) {
            case UNAUTHORIZED -> new Opened.Unauthorized();
            // 429: the user follows as many as the transfer service allows one user (other tabs), or the service as
            // many as it holds: come back later, like a portal instance that follows too many
            case TOO_MANY -> new Opened.Busy();
            case NOTHING_VISIBLE -> new Opened.NothingToFollow();
        };
    }

    /** One transfer's changes: what the page shows already is not relayed. */
    private static Predicate<JsonNode> after(long shownVersion) {
        long[] shown = {shownVersion};
        return change -> {
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
        };
    }

    private record Reading(String name, TransferStreams.Upstream upstream, Predicate<JsonNode> wanted) {
    }

    /** One browser's upstream streams, each read on a virtual thread of its own. */
    private final class Relaying implements LiveRelay.Feed {

        private final List<Reading> readings;
        private final List<Thread> readers = new ArrayList<>();

        Relaying(List<Reading> readings) {
            this.readings = readings;
        }

        @Override
        public synchronized void start(BrowserStream stream) {
            for (Reading reading : readings) {
                if (stream.isClosed()) {
                    // another upstream stream ended already and took the browser's stream with it
                    reading.upstream().close();
                    continue;
                }
                openUpstreams.incrementAndGet();
                readers.add(Thread.ofVirtual().name(reading.name()).start(() -> {
                    try {
                        reading.upstream().read("status", data -> relay(stream, data, reading.wanted()));
                    } catch (IOException | RuntimeException ended) {
                        log.debug("Status stream {} ended: {}", reading.name(), ended.toString());
                    } finally {
                        openUpstreams.decrementAndGet();
                        // the transfer service ended the stream: the browser reconnects and follows afresh
                        stream.finish();
                    }
                }));
            }
        }

        /** A change of a transfer, as the browser gets it: never the organisation, never the token. */
        private void relay(BrowserStream stream, String data, Predicate<JsonNode> wanted) {
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
            Map<String, Object> relayed = new LinkedHashMap<>();
            relayed.put("transferId", change.path("transferId").asString());
            relayed.put("status", change.path("status").asString());
            relayed.put("version", change.path("version").asLong(-1));
            relayed.put("type", change.path("type").asString());
            stream.send(SseEmitter.event().name("status").data(json.writeValueAsString(relayed)));
        }

        /** Closes the upstream streams; their readers end. */
        @Override
        public void release() {
            List<Thread> threads;
            synchronized (this) {
                threads = List.copyOf(readers);
            }
            readings.forEach(reading -> reading.upstream().close());
            threads.forEach(Thread::interrupt);
        }
    }
}
