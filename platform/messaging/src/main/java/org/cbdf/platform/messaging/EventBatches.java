package org.cbdf.platform.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles a poll of a binding in batch mode ({@code batch-mode: true}) in one transaction instead of one per event:
 * one commit, one WAL flush and one offset commit for the whole poll. When the platform is quiet a poll holds the one
 * event that arrived (the consumer does not wait to fill it), so batching adds no latency; under load it holds what
 * queued while the previous poll was handled, and the cost per event falls as the load rises.
 * <p>
 * Each record is handled exactly as it would be on its own ({@link ProcessedEvents#handleOnce} joins the poll's
 * transaction, so its effect and the record that it was handled still commit together). Should any record fail, the
 * whole transaction rolls back and the poll is handled again one record at a time, each in its own transaction: the
 * records before the failing one commit, and a {@link BatchListenerFailedException} names the failing one's index,
 * so that the container's error handler ({@link ConsumerErrorHandling}) commits the offsets before it, retries or
 * dead-letters it by the kind of failure, and redelivers the records after it. Nothing is applied twice: what the
 * rolled-back transaction did is gone, and a redelivered record is dropped by its event id.
 */
public class EventBatches {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final TransactionTemplate transactions;

    public EventBatches(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** A batch-mode binding's consumer that hands each record of a poll to {@code handler}, in poll order. */
    public Consumer<Message<List<byte[]>>> inOneTransaction(Consumer<Message<?>> handler) {
        return batch -> handle(ConsumedBatch.records(batch), handler);
    }

    void handle(List<Message<?>> records, Consumer<Message<?>> handler) {
        if (records.size() > 1) {
            try {
                transactions.executeWithoutResult(status -> records.forEach(handler));
                return;
            } catch (RuntimeException batchFailed) {
                // which record it was, and whether it fails on its own, is found out one record at a time below
                log.info("A poll of {} records failed in one transaction ({}); handling them one at a time",
                        records.size(), String.valueOf(batchFailed));
            }
        }
        for (int index = 0; index < records.size(); index++) {
            try {
                handler.accept(records.get(index));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, index);
            }
        }
    }
}
