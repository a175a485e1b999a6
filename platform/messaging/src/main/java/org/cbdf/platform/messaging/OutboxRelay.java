package org.cbdf.platform.messaging;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox events to Kafka, in commit order, and marks each one published once the
 * broker acknowledged it (idempotent producer, acks=all, synchronous send configured on the binding).
 * A crash between commit and publish leaves the event unpublished, so it goes out after restart; a crash
 * between the broker's acknowledgement and the mark re-sends it with the same id, which consumers drop.
 * Only one relay per database works at a time (a PostgreSQL advisory lock), so order holds across replicas.
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
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(JdbcClient jdbc, JsonMapper json, StreamBridge streamBridge, MessagingProperties properties,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
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
                List<Long> sent = new java.util.ArrayList<>(batch.size());
                try {
                    for (PendingEvent event : batch) {
                        send(event);
                        recordPublished(event);
                        sent.add(event.id());
                    }
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

    private void send(PendingEvent event) {
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
        boolean sent = streamBridge.send(event.binding(), MessageBuilder.withPayload(cloudEvent)
                .setHeader(KafkaHeaders.KEY, event.aggregateId().getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
        if (!sent) {
            throw new IllegalStateException("binding " + event.binding() + " refused event " + event.eventId());
        }
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
