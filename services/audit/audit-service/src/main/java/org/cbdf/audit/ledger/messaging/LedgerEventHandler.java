package org.cbdf.audit.ledger.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;

import org.cbdf.audit.ledger.Ledger;
import org.cbdf.audit.ledger.LedgerMetrics;
import org.cbdf.platform.messaging.ConsumedBatch;
import org.cbdf.platform.messaging.EventTracing;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.KafkaCloudEvents;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Appends one poll of the {@code ledger-in-0} binding: every record read and checked first, then all of them in
 * one transaction ({@link Ledger#appendAll(List)}).
 * <p>
 * A record that can never be appended (not a CloudEvent, no envelope, a payload that is not canonical JSON) does not
 * take its batch with it: the records before it are appended and committed, and a {@link BatchListenerFailedException}
 * names its index. The container's error handler (platform messaging's {@code ConsumerErrorHandling}) then commits the offsets before it,
 * sends it to the dead-letter topic with the reason, and redelivers the records after it, which the next call
 * appends. Nothing is appended twice: what was committed is not redelivered, and were it redelivered the ledger
 * would skip it by its identity.
 * <p>
 * Public, with its constructor and {@link #append}, only for the JMH {@code AppendBenchmark} ({@code src/jmh}, in the
 * domain's package {@code ledger} to build the ledger from its package-private parts); Spring builds it in
 * {@link LedgerStreams}.
 */
public class LedgerEventHandler {

    static final String SPAN_NAME = "audit-service ledger append";

    private final Ledger ledger;
    private final LedgerMetrics metrics;
    private final EventTracing tracing;

    public LedgerEventHandler(Ledger ledger, LedgerMetrics metrics, EventTracing tracing) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    public void append(Message<? extends List<?>> batch) {
        List<Message<?>> records = ConsumedBatch.records(batch);
        List<Ledger.Candidate> candidates = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            Message<?> record = records.get(index);
            try {
                candidates.add(ledger.prepare(KafkaCloudEvents.read(record), topicOf(record)));
            } catch (InvalidEventException refused) {
                appendInOrder(candidates);
                throw new BatchListenerFailedException(refused.getMessage(), refused, index);
            }
        }
        appendInOrder(candidates);
    }

    /**
     * Appends {@code candidates}, the first records of the batch, in one transaction. Should that fail, they are
     * appended one by one, so that the one the database refuses is named by its index and goes the way of a record
     * that cannot be read (retried, then dead-lettered) instead of failing its whole batch again and again.
     */
    private void appendInOrder(List<Ledger.Candidate> candidates) {
        try {
            committed(candidates);
        } catch (RuntimeException batchFailed) {
            for (int index = 0; index < candidates.size(); index++) {
                try {
                    committed(List.of(candidates.get(index)));
                } catch (RuntimeException failed) {
                    failed.addSuppressed(batchFailed);
                    throw new BatchListenerFailedException(failed.getMessage(), failed, index);
                }
            }
        }
    }

    /** Appends in one transaction, then counts what was appended and records each event's span in its trace. */
    private void committed(List<Ledger.Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Instant start = Instant.now();
        long started = System.nanoTime();
        List<Optional<Long>> indexes = ledger.appendAll(candidates);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<IncomingEvent> fresh = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (indexes.get(i).isPresent()) {
                fresh.add(candidates.get(i).event());
            }
        }
        metrics.batchCommitted(fresh.size(), took);
        tracing.recordBatch(fresh, SPAN_NAME, start, start.plus(took));
    }

    private static String topicOf(Message<?> record) {
        String topic = record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
        if (topic == null) {
            throw new IllegalStateException("the Kafka binder gave no " + KafkaHeaders.RECEIVED_TOPIC + " header");
        }
        return topic;
    }
}
