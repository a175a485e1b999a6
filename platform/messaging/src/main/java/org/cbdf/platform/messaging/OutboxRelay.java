package org.cbdf.platform.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox events to Kafka, in commit order, and marks each one published once the
 * broker acknowledged it (idempotent producer, acks=all). A crash between commit and publish leaves the event
 * unpublished, so it goes out after restart; a crash between the broker's acknowledgement and the mark re-sends it
 * with the same id, which consumers drop. Only one relay per database works at a time (a PostgreSQL advisory lock),
 * so order holds across replicas.
 * <p>
 * A round's events are <em>pipelined</em>: all of them are handed to the producer, then their acknowledgements are
 * awaited in order ({@link RelaySends}: the binding's handler sends asynchronously and hands each send's future
 * back). The idempotent producer keeps them in order per partition while several requests are in flight, so a round
 * costs about one round trip to the broker instead of one per event. The acknowledged prefix is marked in one commit;
 * after the first failed acknowledgement the rest of the round counts as not sent (re-sent later with the same ids,
 * which consumers drop). After a failed round the relay sends one event at a time until a round succeeds again, so
 * that an event the broker keeps refusing does not make it re-send the events behind it again and again.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x0cbdf_0ab0L;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StreamBridge streamBridge;
    private final MessagingProperties properties;
    private final TransactionTemplate lockTransaction;
    private final TransactionTemplate markTransaction;
    private final MeterRegistry meters;
    private final RelaySends sends;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread worker;
    private volatile boolean running;
    /** Whether the last round failed: then events go out one at a time until a round succeeds. */
    private volatile boolean careful;

    public OutboxRelay(JdbcClient jdbc, JsonMapper json, StreamBridge streamBridge, MessagingProperties properties,
            TransactionTemplate transactions, MeterRegistry meters, RelaySends sends) {
        this.jdbc = jdbc;
        this.sends = sends;
        this.meters = meters;
        this.json = json;
        this.streamBridge = streamBridge;
        this.properties = properties;
        this.lockTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.markTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.markTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Relays what is pending now; returns how many events went out. Public so that tests and operators can
     * drain the outbox deterministically.
     */
    public int relayPending() {
        Integer relayed = lockTransaction.execute(status -> {
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0; // another replica is relaying
            }
            int total = 0;
            List<PendingEvent> batch;
            do {
                batch = pending();
                int window = careful ? 1 : batch.size();
                List<Long> sent = new ArrayList<>(batch.size());
                try {
                    for (int from = 0; from < batch.size(); from += window) {
                        List<PendingEvent> chunk = batch.subList(from, Math.min(batch.size(), from + window));
                        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(chunk.size());
                        RuntimeException refused = null;
                        for (PendingEvent event : chunk) {
                            try {
                                acknowledgements.add(send(event));
                            } catch (RuntimeException e) {
                                refused = e; // the ones handed over before it still count once acknowledged
                                break;
                            }
                        }
                        for (int i = 0; i < acknowledgements.size(); i++) {
                            awaitAcknowledgement(chunk.get(i), acknowledgements.get(i));
                            recordPublished(chunk.get(i));
                            sent.add(chunk.get(i).id());
                        }
                        if (refused != null) {
                            throw refused;
                        }
                    }
                    careful = false;
                } catch (RuntimeException failed) {
                    careful = true;
                    throw failed;
                } finally {
                    // what the broker acknowledged is marked in one commit, also when a later send of the batch
                    // failed; a crash before this commit re-sends those events with their ids, which consumers drop
                    markPublished(sent);
                }
                total += sent.size();
            } while (batch.size() == properties.relayBatch());
            return total;
        });
        return relayed == null ? 0 : relayed;
    }

    private void awaitAcknowledgement(PendingEvent event, CompletableFuture<?> acknowledgement) {
        try {
            acknowledgement.get(properties.relaySendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker to acknowledge event "
                    + event.eventId(), e);
        } catch (ExecutionException e) {
            Throwable reason = NestedExceptionUtils.getMostSpecificCause(e);
            throw new IllegalStateException("the broker did not take event " + event.eventId() + " of binding "
                    + event.binding() + ": " + reason, reason);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement of event " + event.eventId() + " within "
                    + properties.relaySendTimeout(), e);
        }
    }

    private void markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        markTransaction.executeWithoutResult(s -> jdbc
                .sql("update outbox_event set published_at = now() where id = any(cast(:ids as bigint[]))")
                .param("ids", ids.toArray(Long[]::new)).update());
    }

    private List<PendingEvent> pending() {
        return jdbc.sql("""
                select id, event_id, binding, type, source, subject, occurred_at, aggregate_type, aggregate_id,
                       aggregate_version, extensions::text as extensions, data
                from outbox_event where published_at is null order by id limit :limit
                """).param("limit", properties.relayBatch()).query(this::toPending).list();
    }

    private PendingEvent toPending(ResultSet rs, int row) throws SQLException {
        return new PendingEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("binding"),
                rs.getString("type"), rs.getString("source"), rs.getString("subject"),
                rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("aggregate_type"),
                rs.getString("aggregate_id"), rs.getLong("aggregate_version"),
                json.readValue(rs.getString("extensions"), new TypeReference<Map<String, String>>() {
                }), rs.getBytes("data"));
    }

    private CompletableFuture<?> send(PendingEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.eventId().toString())
                .withType(event.type())
                .withSource(URI.create(event.source()))
                .withSubject(event.subject())
                .withTime(event.occurredAt())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, event.aggregateId())
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, event.aggregateType())
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, event.aggregateVersion())
                .withData(event.data());
        event.extensions().forEach(builder::withExtension);
        CloudEvent cloudEvent = builder.build();
        String token = event.eventId().toString();
        boolean handed;
        try {
            handed = streamBridge.send(event.binding(), MessageBuilder.withPayload(cloudEvent)
                    .setHeader(KafkaHeaders.KEY, event.aggregateId().getBytes(StandardCharsets.UTF_8))
                    .setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, token).build());
        } catch (RuntimeException e) {
            sends.forget(token); // had the handler made a future before failing, nobody would take it
            // the framework's exception carries the whole message; the reason is its innermost cause
            Throwable reason = NestedExceptionUtils.getMostSpecificCause(e);
            throw new IllegalStateException("the producer refused event " + event.eventId() + " of binding "
                    + event.binding() + ": " + reason, reason);
        }
        if (!handed) {
            throw new IllegalStateException("binding " + event.binding() + " refused event " + event.eventId());
        }
        return sends.take(token, event.binding());
    }

    private void recordPublished(PendingEvent event) {
        Timer.builder("cbdf.outbox.publish.delay")
                .description("From an event's commit to the outbox to the broker's acknowledgement")
                .tag("binding", event.binding())
                .register(meters)
                .record(Duration.between(event.occurredAt().toInstant(), Instant.now()));
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (running) {
                    relayPending();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The event stays unpublished and is retried next round, in order; the broker or the
                // database may be down for a while, so log once per round rather than failing the thread.
                log.warn("Outbox relay round failed, retrying in {}", properties.relayInterval(), e);
            }
        }
    }

    @Override
    public void start() {
        if (!properties.relayEnabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the bindings, stop before them
        return Integer.MAX_VALUE - 100;
    }

    record PendingEvent(long id, UUID eventId, String binding, String type, String source, String subject,
            OffsetDateTime occurredAt, String aggregateType, String aggregateId, long aggregateVersion,
            Map<String, String> extensions, byte[] data) {
    }
}
