package org.cbdf.transfer.live.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.requests.SubmittedTransfers;
import org.cbdf.transfer.requests.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The status streams' writes off the committing thread: a client that stops reading (its emitter's write blocks,
 * holding the emitter's lock as Spring's blocked socket write does) holds up neither the consumer that commits a
 * change nor any other client, is dropped once its buffer is full, and counts in the metrics.
 */
class StatusFeedsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int BUFFER = 4;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The clients the next subscriptions answer with, in order. */
    private final Deque<SseEmitter> clients = new ArrayDeque<>();
    private final StatusFeeds streams = new StatusFeeds(
            new StatusFeedLimits(2, 100, 1000, BUFFER, Duration.ofHours(1)), meters, clients::removeFirst);
    /** The Kafka consumer's thread, committing one change after another. */
    private final ExecutorService consumer = Executors.newSingleThreadExecutor();
    private final StalledClient stalled = new StalledClient();

    @AfterEach
    void stop() {
        stalled.reads.countDown();
        consumer.shutdownNow();
        streams.destroy();
    }

    @Test
    @Timeout(60)
    void aClientThatStopsReadingDelaysNeitherTheConsumersCommitsNorTheOtherClientsAndIsDropped() {
        ReadingClient reading = new ReadingClient();
        clients.add(stalled);
        clients.add(reading);
        streams.followVisible(caller("auditor", Role.AUDITOR), transfer -> true, "every transfer");
        streams.followVisible(caller("enterprise-acme-cn", Role.ENTERPRISE), transfer -> true, "acme-cn's");
        stalled.stopReading();

        // one commit after another, each as soon as the reading client has the one before
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < 3 * BUFFER; i++) {
            Transfer transfer = Transfer.submit("acme-cn", "enterprise-cn", SubmittedTransfers.request(), SubmittedTransfers.NOW);
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> commit(transfer), consumer);
            committed.add(transfer.id().toString());
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(commit).as("committed, not waiting for the client that stopped reading").isCompleted();
                assertThat(reading.changes()).as("the reading client got every change")
                        .containsExactlyElementsOf(committed);
            });
        }
        assertThat(meters.counter("cbdf.transfers.streams.dropped").count()).isEqualTo(1);
        assertThat(stalled.completed).as("not ended while its write is stuck").isFalse();

        // the client reads again: it gets the last event that says why its stream ends, and the stream ends
        stalled.reads.countDown();
        await().atMost(PATIENCE).until(() -> stalled.completed);
        assertThat(stalled.names).last().isEqualTo("dropped");
        assertThat(stalled.names).filteredOn("status"::equals)
                .as("what waited when the buffer was full is not written, only the change it was stuck on")
                .hasSizeLessThan(2);
        // its slot is given back: the auditor may open two streams again
        clients.add(new ReadingClient());
        clients.add(new ReadingClient());
        streams.followVisible(caller("auditor", Role.AUDITOR), transfer -> true, "every transfer");
        streams.followVisible(caller("auditor", Role.AUDITOR), transfer -> true, "every transfer");
    }

    @Test
    @Timeout(60)
    void aUserGetsAtMostItsShareOfStreamsAndTheReplicaAtMostItsTotal() {
        StatusFeeds small = new StatusFeeds(new StatusFeedLimits(2, 1, 3, BUFFER, Duration.ofHours(1)), meters,
                ReadingClient::new);
        try {
            Caller acme = caller("enterprise-acme-cn", Role.ENTERPRISE);
            Transfer transfer = Transfer.submit("acme-cn", "enterprise-cn", SubmittedTransfers.request(), SubmittedTransfers.NOW);
            small.followVisible(acme, t -> true, "acme-cn's");
            small.followVisible(acme, t -> true, "acme-cn's");
            assertThatThrownBy(() -> small.followVisible(acme, t -> true, "acme-cn's"))
                    .isInstanceOfSatisfying(StatusFeedsBusy.class, busy -> {
                        assertThat(busy.getStatusCode().value()).isEqualTo(429);
                        assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("30");
                    });
            small.followTransfer(acme, transfer);
            assertThatThrownBy(() -> small.followTransfer(acme, transfer)).isInstanceOf(StatusFeedsBusy.class);
            assertThatThrownBy(() -> small.followVisible(caller("auditor", Role.AUDITOR), t -> true, "every transfer"))
                    .as("a user with none open, over the replica's total").isInstanceOf(StatusFeedsBusy.class);
            assertThat(meters.counter("cbdf.transfers.streams.refused", "cap", "user").count()).isEqualTo(2);
            assertThat(meters.counter("cbdf.transfers.streams.refused", "cap", "total").count()).isEqualTo(1);
        } finally {
            small.destroy();
        }
    }

    /** What a consumer's transaction does for each change it commits: the change goes out after commit. */
    private void commit(Transfer transfer) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            streams.saved(transfer);
            TransactionSynchronizationUtils.triggerAfterCommit();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static Caller caller(String username, Role role) {
        return new Caller(java.util.UUID.nameUUIDFromBytes(username.getBytes()).toString(), username, Set.of(role),
                role == Role.ENTERPRISE ? Optional.of("acme-cn") : Optional.empty(), Optional.empty());
    }

    /** A client that reads: what it received, in order. */
    static final class ReadingClient extends SseEmitter {

        private final List<Object> received = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder event) {
            event.build().forEach(part -> received.add(part.getData()));
        }

        List<String> changes() {
            return received.stream().filter(StatusFeeds.StatusChange.class::isInstance)
                    .map(change -> ((StatusFeeds.StatusChange) change).transferId()).toList();
        }
    }

    /**
     * A client that stopped reading: a write waits until it reads again, holding the emitter's write lock as Spring's
     * {@code send} does while the socket write is blocked — so a {@code complete()} waits too.
     */
    static final class StalledClient extends SseEmitter {

        final CountDownLatch reads = new CountDownLatch(1);
        final List<String> names = new CopyOnWriteArrayList<>();
        volatile boolean completed;
        private volatile boolean stopped;

        void stopReading() {
            stopped = true;
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            writeLock.lock();
            try {
                if (stopped) {
                    reads.await();
                }
                String text = event.build().stream().map(part -> String.valueOf(part.getData()))
                        .reduce("", String::concat);
                names.add(text.startsWith("event:") ? text.substring(6, text.indexOf('\n')) : text.strip());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", interrupted);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void complete() {
            writeLock.lock();
            try {
                super.complete();
                completed = true;
            } finally {
                writeLock.unlock();
            }
        }
    }
}
