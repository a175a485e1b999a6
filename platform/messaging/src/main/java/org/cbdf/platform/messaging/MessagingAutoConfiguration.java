package org.cbdf.platform.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.cbdf.platform.observability.QueryGauges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

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

    /** Makes every producer binding send asynchronously and hand its futures to the relay, which pipelines. */
    @Bean
    RelaySends relaySends() {
        return new RelaySends();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, JsonMapper json, StreamBridge streamBridge,
            MessagingProperties properties, TransactionTemplate transactions, MeterRegistry meters,
            RelaySends sends) {
        if (properties.source() == null) {
            throw new IllegalStateException("cbdf.messaging.source must name this service, e.g. urn:cbdf:transfer-service");
        }
        return new OutboxRelay(jdbc, json, streamBridge, properties, transactions, meters, sends);
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

    @Bean
    EventBatches eventBatches(TransactionTemplate transactions) {
        return new EventBatches(transactions);
    }

    /**
     * Retries and dead letters of every consumer binding by the kind of failure ({@link ConsumerErrorHandling}):
     * refused events dead-lettered at once, infrastructure failures retried until the infrastructure is back.
     */
    @Bean
    @ConditionalOnMissingBean(ListenerContainerWithDlqAndRetryCustomizer.class)
    ConsumerErrorHandling consumerErrorHandling(Environment environment, MeterRegistry meters) {
        Binder binder = Binder.get(environment);
        String brokers = binder.bind("spring.cloud.stream.kafka.binder.brokers", String.class)
                .orElseGet(() -> binder.bind("spring.kafka.bootstrap-servers", String.class).orElse("localhost:9092"));
        Map<String, String> clientConfiguration = binder.bind("spring.cloud.stream.kafka.binder.configuration",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return new ConsumerErrorHandling(brokers, clientConfiguration, meters);
    }
}
