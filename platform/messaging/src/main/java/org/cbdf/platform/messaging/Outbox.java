package org.cbdf.platform.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. {@link #append} must run inside the transaction that changes the state the
 * event announces, so that both commit or neither does; the {@link OutboxRelay} publishes after commit.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessagingProperties properties;
    private final OutboxRelay relay;
    private final Clock clock;
    private final EventTracing tracing;

    public Outbox(JdbcClient jdbc, JsonMapper json, MessagingProperties properties, OutboxRelay relay, Clock clock,
            EventTracing tracing) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.relay = relay;
        this.clock = clock;
        this.tracing = tracing;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        Map<String, String> extensions = new LinkedHashMap<>(event.extensions());
        extensions.putIfAbsent(CloudEventExtensions.TRACEPARENT, tracing.currentTraceparent());
        jdbc.sql("""
                insert into outbox_event (event_id, binding, type, source, subject, occurred_at, aggregate_type,
                                          aggregate_id, aggregate_version, extensions, data)
                values (:eventId, :binding, :type, :source, :subject, :occurredAt, :aggregateType,
                        :aggregateId, :aggregateVersion, cast(:extensions as jsonb), :data)
                """)
                .param("eventId", event.id())
                .param("binding", event.binding())
                .param("type", event.type())
                .param("source", properties.source().toString())
                .param("subject", event.subject())
                .param("occurredAt", Timestamp.from(Instant.now(clock)))
                .param("aggregateType", event.aggregateType())
                .param("aggregateId", event.aggregateId())
                .param("aggregateVersion", event.aggregateVersion())
                .param("extensions", json.writeValueAsString(extensions))
                .param("data", json.writeValueAsBytes(event.data()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }

    /** Events committed but not yet acknowledged by the broker. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
    }

    /** Seconds since the oldest event still waiting for the broker was committed; 0 when none waits. */
    public double oldestPendingAgeSeconds() {
        return jdbc.sql("""
                select coalesce(extract(epoch from (now() - min(occurred_at))), 0)
                from outbox_event where published_at is null
                """).query(Double.class).single();
    }
}
