package org.cbdf.platform.messaging;

import java.util.Map;
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
     * Runs {@code work} in a consumer span that continues {@code traceparent} (a new trace when it is missing
     * or malformed), named {@code name}, tagged with the event's id and type and its aggregate's type and id
     * (so that a transfer's spans are found by its id).
     */
    public <T> T continueTrace(String traceparent, String name, IncomingEvent event, Supplier<T> work) {
        return TraceContext.within(traceparent, () -> {
            if (this.tracer == Tracer.NOOP) {
                return work.get();
            }
            Span span = this.propagator.extract(Map.of("traceparent", TraceContext.currentOrNew()), GETTER)
                    .name(name)
                    .kind(Span.Kind.CONSUMER)
                    .tag("messaging.system", "kafka")
                    .tag("cloudevents.event_id", event.id())
                    .tag("cloudevents.event_type", event.type())
                    .tag("cbdf.aggregate_type", event.aggregateType())
                    .tag("cbdf.aggregate_id", event.aggregateId())
                    .start();
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
