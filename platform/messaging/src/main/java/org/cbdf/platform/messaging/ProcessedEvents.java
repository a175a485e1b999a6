package org.cbdf.platform.messaging;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent consumer: an event's effect and the record that it was handled commit in one transaction,
 * so a redelivered event changes nothing.
 */
public class ProcessedEvents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventTracing tracing;
    private final MeterRegistry meters;

    public ProcessedEvents(JdbcClient jdbc, TransactionTemplate transactions, EventTracing tracing,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tracing = tracing;
        this.meters = meters;
    }

    /**
     * Runs {@code effect} once per consumer and event id.
     *
     * @return {@code true} if the effect ran, {@code false} if the event had been handled before
     */
    public boolean handleOnce(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
        Timer.Sample sample = Timer.start(meters);
        Boolean handled = tracing.continueTrace(event.extension(CloudEventExtensions.TRACEPARENT),
                consumer + " " + event.type(), event, () -> transactions.execute(status -> {
                    int inserted = jdbc.sql("""
                            insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                            on conflict do nothing
                            """).param("consumer", consumer).param("eventId", event.id()).update();
                    if (inserted == 0) {
                        return false;
                    }
                    effect.accept(event);
                    log.debug("{} applied {} {} of {} {}", consumer, event.type(), event.id(), event.aggregateType(),
                            event.aggregateId());
                    return true;
                }));
        boolean applied = Boolean.TRUE.equals(handled);
        sample.stop(Timer.builder("cbdf.events.handled")
                .description("Consumed events by consumer, type and result (applied, or a duplicate dropped)")
                .tag("consumer", consumer).tag("type", event.type()).tag("result", applied ? "applied" : "duplicate")
                .register(meters));
        return applied;
    }

    public boolean wasHandled(String consumer, String eventId) {
        return jdbc.sql("select count(*) from processed_event where consumer = :consumer and event_id = :eventId")
                .param("consumer", consumer).param("eventId", eventId).query(Long.class).single() > 0;
    }
}
