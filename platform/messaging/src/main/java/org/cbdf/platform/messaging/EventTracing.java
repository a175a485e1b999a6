package org.cbdf.platform.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace across Kafka through the events' {@code traceparent} extension (W3C Trace Context), with
 * Micrometer Tracing: an event appended to the outbox carries the span in progress (the HTTP request that
 * caused it, or the handling of the event that caused it), and handling a consumed event opens a consumer
 * span that continues the event's trace, so that logs (MDC {@code traceId}) and exported spans of every
 * service share one trace id from the submit to the audit append. Where tracing is switched off the
 * thread-local {@link TraceContext} still carries the trace id from event to event.
 */
public class EventTracing {

    private static final Propagator.Getter<Map<String, String>> GETTER = Map::get;

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing switched off: only the thread-local trace context. */
    public static EventTracing withoutTracer() {
        return new EventTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** The {@code traceparent} an event appended now must carry. */
    public String currentTraceparent() {
        Span span = this.tracer.currentSpan();
        if (span != null && !span.isNoop()) {
            io.micrometer.tracing.TraceContext context = span.context();
            return "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.FALSE.equals(context.sampled()) ? "00" : "01");
        }
        return TraceContext.currentOrNew();
    }

    /**
     * For consumers that handle a batch of events in one transaction (the audit ledger): records, for each
     * event, a consumer span in the event's own trace covering the batch's work, from {@code start} to
     * {@code end}, so that every event's trace shows where and when it was handled.
     */
    public void recordBatch(List<IncomingEvent> events, String name, Instant start, Instant end) {
        if (this.tracer == Tracer.NOOP) {
            return;
        }
        for (IncomingEvent event : events) {
            String traceparent = event.extension(CloudEventExtensions.TRACEPARENT);
            if (traceparent == null || !TraceContext.isValid(traceparent)) {
                continue; // no trace to continue: a span of its own would explain nothing
            }
            Span span = builder(traceparent, name, event)
                    .startTimestamp(ChronoUnit.MICROS.between(Instant.EPOCH, start), TimeUnit.MICROSECONDS)
                    .start();
            span.end(ChronoUnit.MICROS.between(Instant.EPOCH, end), TimeUnit.MICROSECONDS);
        }
    }

    private Span.Builder builder(String traceparent, String name, IncomingEvent event) {
        return this.propagator.extract(Map.of("traceparent", traceparent), GETTER)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("cloudevents.event_id", event.id())
                .tag("cloudevents.event_type", event.type())
                .tag("cbdf.aggregate_type", event.aggregateType())
                .tag("cbdf.aggregate_id", event.aggregateId());
    }

    /**
     * Runs {@code work} in a consumer span that continues {@code traceparent} (a new trace when it is missing
     * or malformed), named {@code name}, tagged with the event's id and type and its aggregate's type and id
     * (so that a transfer's spans are found by its id).
     */
    public <T> T continueTrace(String traceparent, String name, IncomingEvent event, Supplier<T> work) {
        return TraceContext.within(traceparent, () -> {
            if (this.tracer == Tracer.NOOP) {
                return work.get();
            }
            Span span = builder(TraceContext.currentOrNew(), name, event).start();
            try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
                return work.get();
            }
            catch (RuntimeException | Error ex) {
                span.error(ex);
                throw ex;
            }
            finally {
                span.end();
            }
        });
    }
}
