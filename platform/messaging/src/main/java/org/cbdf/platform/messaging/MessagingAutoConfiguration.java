package org.cbdf.platform.messaging;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.cbdf.platform.observability.QueryGauges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(after = org.cbdf.platform.observability.ObservabilityAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, JsonMapper json, StreamBridge streamBridge,
            MessagingProperties properties, TransactionTemplate transactions, MeterRegistry meters) {
        if (properties.source() == null) {
            throw new IllegalStateException("cbdf.messaging.source must name this service, e.g. urn:cbdf:transfer-service");
        }
        return new OutboxRelay(jdbc, json, streamBridge, properties, transactions, meters);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, MessagingProperties properties, OutboxRelay relay, Clock clock,
            EventTracing tracing, QueryGauges gauges) {
        Outbox outbox = new Outbox(jdbc, json, properties, relay, clock, tracing);
        gauges.register("cbdf.outbox.backlog", "Events committed to the outbox and not yet acknowledged by the broker",
                () -> List.of(QueryGauges.Row.of(outbox.backlog())));
        gauges.register("cbdf.outbox.oldest.pending.age.seconds", "Seconds the oldest unpublished outbox event has waited",
                () -> List.of(QueryGauges.Row.of(outbox.oldestPendingAgeSeconds())));
        return outbox;
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc, TransactionTemplate transactions, EventTracing tracing,
            MeterRegistry meters) {
        return new ProcessedEvents(jdbc, transactions, tracing, meters);
    }

    /**
     * Counts every record a consumer dead-letters, by consumer group, topic and reason, and keeps the binder's
     * default of the original record's partition.
     */
    @Bean
    @ConditionalOnMissingBean
    DlqPartitionFunction countingDlqPartitionFunction(MeterRegistry meters) {
        return (group, record, exception) -> {
            Throwable cause = exception;
            while (cause.getCause() != null && !(cause instanceof InvalidEventException)) {
                cause = cause.getCause();
            }
            Counter.builder("cbdf.events.dead.lettered")
                    .description("Records sent to a dead-letter topic, by consumer group, topic and reason")
                    .tag("group", group == null ? "" : group)
                    .tag("topic", record.topic())
                    .tag("reason", cause.getClass().getSimpleName())
                    .register(meters).increment();
            return record.partition();
        };
    }
}
