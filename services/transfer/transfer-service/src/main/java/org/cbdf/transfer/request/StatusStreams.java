package org.cbdf.transfer.request;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Component
class StatusStreams {

    private static final Logger log = LoggerFactory.getLogger(StatusStreams.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** What a subscriber receives: the event that changed the transfer and the status it is in now. */
    record StatusChange(String transferId, String organization, String type, long version, TransferStatus status,
            Instant at) {
    }

    private final Map<String, Set<SseEmitter>> byTransfer = new ConcurrentHashMap<>();
    /** Followers of every transfer they may see, each with the test of what that is. */
    private final Map<SseEmitter, java.util.function.Predicate<Transfer>> followers = new ConcurrentHashMap<>();

    SseEmitter followTransfer(Transfer transfer) {
        SseEmitter emitter = subscribe(byTransfer, transfer.id().toString());
        send(emitter, new StatusChange(transfer.id().toString(), transfer.organization(), "current",
                transfer.version(), transfer.status(), transfer.updatedAt()), byTransfer, transfer.id().toString());
        return emitter;
    }

    /**
     * Every change of a transfer {@code sees} accepts, from now on.
     *
     * @param whose what the stream follows, in the comment that opens it
     */
    SseEmitter followVisible(java.util.function.Predicate<Transfer> sees, String whose) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        followers.put(emitter, sees);
        forgetWhenEnded(emitter, () -> followers.remove(emitter));
        try {
            // a comment opens the stream at once, so the client knows it is following before any change
            emitter.send(SseEmitter.event().comment("following " + whose));
        } catch (IOException gone) {
            followers.remove(emitter);
            emitter.completeWithError(gone);
        }
        return emitter;
    }

    /** Sends the transfer's recorded events once the current transaction commits. */
    void afterCommit(Transfer transfer) {
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

    void publish(Transfer transfer, StatusChange change) {
        byTransfer.getOrDefault(change.transferId(), Set.of())
                .forEach(emitter -> send(emitter, change, byTransfer, change.transferId()));
        followers.forEach((emitter, sees) -> {
            if (sees.test(transfer) && !send(emitter, change)) {
                followers.remove(emitter);
            }
        });
    }

    private static SseEmitter subscribe(Map<String, Set<SseEmitter>> registry, String key) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        registry.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(emitter);
        forgetWhenEnded(emitter, () -> registry.computeIfPresent(key, (k, set) -> {
            set.remove(emitter);
            return set.isEmpty() ? null : set;
        }));
        return emitter;
    }

    /** However the stream ends (completed, timed out, broken), its subscriber is forgotten. */
    private static void forgetWhenEnded(SseEmitter emitter, Runnable forget) {
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
    }

    private static void send(SseEmitter emitter, StatusChange change, Map<String, Set<SseEmitter>> registry,
            String key) {
        if (!send(emitter, change)) {
            registry.computeIfPresent(key, (k, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** {@code false} when the client went away: it is forgotten, and its next reconnect starts from the current status. */
    private static boolean send(SseEmitter emitter, StatusChange change) {
        try {
            emitter.send(SseEmitter.event().name("status").id(change.transferId() + ":" + change.version())
                    .data(change));
            return true;
        } catch (IOException | IllegalStateException gone) {
            log.debug("Dropping a status subscriber of {}: {}", change.transferId(), gone.toString());
            emitter.completeWithError(gone);
            return false;
        }
    }
}
