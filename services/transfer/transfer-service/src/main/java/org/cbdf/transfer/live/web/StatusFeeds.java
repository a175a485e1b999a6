package org.cbdf.transfer.live.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.security.Caller;
import org.cbdf.transfer.requests.Transfer;
import org.cbdf.transfer.requests.TransferChangeListener;
import org.cbdf.transfer.requests.TransferStatus;
import org.cbdf.transfer.requests.TransferVisibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of status changes, per transfer and of every transfer a caller may see (an enterprise its
 * organisation's, a regulator those involving its jurisdiction, an auditor all: {@link TransferVisibility}). A change is sent after the
 * transaction that made it commits, so a client never sees a status that was rolled back. The subscribers
 * live in this process: a client connected to another replica hears of the change through its own replica
 * only if that replica made it (the CLI and the portal reconnect and read the current status, which is
 * always sent first).
 * <p>
 * The thread that commits a change (a Kafka consumer's, a request's) only queues it: each subscriber has a queue of
 * {@link StatusFeedLimits#buffer()} events that a virtual thread of its own writes to the client, so a client that
 * stops reading holds up nobody but itself. A subscriber whose queue is full is dropped (counted in
 * {@code cbdf.transfers.streams.dropped}): its writer sends a last event named {@code dropped} once the client takes
 * it and ends the stream, and the client reconnects to the current status. Each user may hold
 * {@link StatusFeedLimits#perUser()} streams of every visible transfer and
 * {@link StatusFeedLimits#transfersPerUser()} of single transfers, the replica {@link StatusFeedLimits#total()} of both; more are refused with 429
 * ({@link StatusFeedsBusy}, counted in {@code cbdf.transfers.streams.refused{cap}}).
 */
@Component
@EnableConfigurationProperties(StatusFeedLimits.class)
class StatusFeeds implements DisposableBean, TransferChangeListener {

    private static final Logger log = LoggerFactory.getLogger(StatusFeeds.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** What a subscriber receives: the event that changed the transfer and the status it is in now. */
    record StatusChange(String transferId, String organization, String type, long version, TransferStatus status,
            Instant at) {
    }

    private final StatusFeedLimits limits;
    private final Supplier<SseEmitter> emitters;
    private final Counter dropped;
    private final MeterRegistry meters;
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("status-stream-writer-", 0).factory());
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("status-stream-keep-alive").daemon().factory());

    private final Map<String, Set<Subscriber>> byTransfer = new ConcurrentHashMap<>();
    /** Followers of every transfer they may see, each with the test of what that is. */
    private final Map<Subscriber, Predicate<Transfer>> followers = new ConcurrentHashMap<>();
    /** Every open subscriber, for the keep-alive. */
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** Open streams per user, of every visible transfer and of single transfers; changed under this' lock. */
    private final Map<String, Integer> visibleByUser = new HashMap<>();
    private final Map<String, Integer> transfersByUser = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    @Autowired
    StatusFeeds(StatusFeedLimits limits, MeterRegistry meters) {
        this(limits, meters, () -> new SseEmitter(TIMEOUT.toMillis()));
    }

    /** @param emitters the stream each subscription answers with (a test's stands in for a client) */
    StatusFeeds(StatusFeedLimits limits, MeterRegistry meters, Supplier<SseEmitter> emitters) {
        this.limits = limits;
        this.emitters = emitters;
        this.meters = meters;
        this.dropped = Counter.builder("cbdf.transfers.streams.dropped")
                .description("Status stream subscribers dropped because " + limits.buffer()
                        + " events were waiting for them")
                .register(meters);
        Gauge.builder("cbdf.transfers.streams.open", open, AtomicInteger::get)
                .description("Status streams open on this replica").register(meters);
        long every = limits.keepAlive().toMillis();
        keepAlive.scheduleWithFixedDelay(() -> subscribers.forEach(subscriber -> subscriber.offer(
                SseEmitter.event().comment("keep-alive"))), every, every, TimeUnit.MILLISECONDS);
    }

    SseEmitter followTransfer(Caller caller, Transfer transfer) {
        String key = transfer.id().toString();
        Subscriber subscriber = new Subscriber(reserve(caller, false), self -> byTransfer.computeIfPresent(key,
                (k, set) -> {
                    set.remove(self);
                    return set.isEmpty() ? null : set;
                }));
        byTransfer.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(subscriber);
        subscriber.offer(status(new StatusChange(key, transfer.organization(), "current", transfer.version(),
                transfer.status(), transfer.updatedAt())));
        return subscriber.emitter;
    }

    /**
     * Every change of a transfer {@code sees} accepts, from now on.
     *
     * @param whose what the stream follows, in the comment that opens it
     */
    SseEmitter followVisible(Caller caller, Predicate<Transfer> sees, String whose) {
        Subscriber subscriber = new Subscriber(reserve(caller, true), followers::remove);
        followers.put(subscriber, sees);
        // a comment opens the stream at once, so the client knows it is following before any change
        subscriber.offer(SseEmitter.event().comment("following " + whose));
        return subscriber.emitter;
    }

    /** Sends the transfer's recorded events once the current transaction commits. */
    @Override
    public void saved(Transfer transfer) {
        List<StatusChange> changes = transfer.recordedEvents().stream()
                .map(event -> new StatusChange(transfer.id().toString(), transfer.organization(), event.type(),
                        event.version(), transfer.status(), transfer.updatedAt()))
                .toList();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("status changes are sent after commit: save needs a transaction");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                changes.forEach(change -> publish(transfer, change));
            }
        });
    }

    /** Queues the change for every subscriber who may see it; never waits for one. */
    void publish(Transfer transfer, StatusChange change) {
        byTransfer.getOrDefault(change.transferId(), Set.of()).forEach(subscriber -> subscriber.offer(status(change)));
        followers.forEach((subscriber, sees) -> {
            if (sees.test(transfer)) {
                subscriber.offer(status(change));
            }
        });
    }

    private static SseEmitter.SseEventBuilder status(StatusChange change) {
        return SseEmitter.event().name("status").id(change.transferId() + ":" + change.version()).data(change);
    }

    /** A slot for one more stream of the caller's, or 429; the runnable gives it back (once). */
    private synchronized Runnable reserve(Caller caller, boolean visible) {
        Map<String, Integer> byUser = visible ? visibleByUser : transfersByUser;
        int cap = visible ? limits.perUser() : limits.transfersPerUser();
        String user = caller.subject();
        if (byUser.getOrDefault(user, 0) >= cap) {
            refused("user");
            throw new StatusFeedsBusy("You have " + cap + (visible ? " streams of every transfer you may see"
                    : " streams of single transfers") + " open, as many as one user may.");
        }
        if (open.get() >= limits.total()) {
            refused("total");
            throw new StatusFeedsBusy("This replica holds as many status streams open as it may (" + limits.total()
                    + ").");
        }
        byUser.merge(user, 1, Integer::sum);
        open.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(byUser, user);
            }
        };
    }

    private synchronized void release(Map<String, Integer> byUser, String user) {
        byUser.computeIfPresent(user, (k, streams) -> streams == 1 ? null : streams - 1);
        open.decrementAndGet();
    }

    private void refused(String cap) {
        Counter.builder("cbdf.transfers.streams.refused")
                .description("Status streams refused with 429, by the cap they would have exceeded (user, total)")
                .tag("cap", cap).register(meters).increment();
    }

    @Override
    public void destroy() {
        keepAlive.shutdownNow();
        writers.shutdownNow();
    }

    /** One client's stream: its queue, and the writer that empties it on a virtual thread. */
    private final class Subscriber {

        final SseEmitter emitter = emitters.get();
        private final BlockingQueue<SseEmitter.SseEventBuilder> queue = new ArrayBlockingQueue<>(limits.buffer());
        private final Runnable release;
        private final Consumer<Subscriber> unregister;
        /** a writer is running, or about to: the one who sets it starts one */
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean behind;

        Subscriber(Runnable release, Consumer<Subscriber> unregister) {
            this.release = release;
            this.unregister = unregister;
            subscribers.add(this);
            // however the stream ends (completed, timed out, broken), its subscriber is forgotten
            emitter.onCompletion(this::end);
            emitter.onTimeout(this::end);
            emitter.onError(error -> end());
        }

        /** Queues the event without waiting; a full queue drops the subscriber. */
        void offer(SseEmitter.SseEventBuilder event) {
            if (ended.get() || behind) {
                return;
            }
            if (!queue.offer(event)) {
                behind = true;
                dropped.increment();
                log.debug("Dropping a status subscriber {} events behind", limits.buffer());
                // no more events for it; its slot is given back when its writer has ended the stream
                forget();
            }
            wake();
        }

        private void wake() {
            if (writing.compareAndSet(false, true)) {
                try {
                    writers.execute(this::write);
                } catch (RejectedExecutionException shuttingDown) {
                    end();
                }
            }
        }

        private void write() {
            try {
                while (true) {
                    if (behind) {
                        queue.clear();
                        emitter.send(SseEmitter.event().name("dropped").data("More than " + limits.buffer()
                                + " events were waiting for this stream; reconnect to follow from the current "
                                + "status."));
                        emitter.complete();
                        end();
                        return;
                    }
                    SseEmitter.SseEventBuilder event = queue.poll();
                    if (event != null) {
                        emitter.send(event);
                        continue;
                    }
                    writing.set(false);
                    // an event queued between the poll and now found a writer still running: take it on
                    if ((queue.isEmpty() && !behind) || !writing.compareAndSet(false, true)) {
                        return;
                    }
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away: its next reconnect starts from the current status
                log.debug("Dropping a status subscriber that went away: {}", gone.toString());
                end();
                emitter.completeWithError(gone);
            }
        }

        private void forget() {
            subscribers.remove(this);
            unregister.accept(this);
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                forget();
                release.run();
            }
        }
    }
}
