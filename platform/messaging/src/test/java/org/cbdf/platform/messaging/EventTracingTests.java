package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace an event carries is continued by its consumer, with the real OpenTelemetry SDK behind Micrometer. */
class EventTracingTests {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final List<SpanData> exported = new ArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final EventTracing tracing = new EventTracing(
            new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
            }),
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    private static IncomingEvent event(String traceparent) {
        Map<String, String> extensions = traceparent == null ? Map.of() : Map.of("traceparent", traceparent);
        return new IncomingEvent("e-1", "transfer.submitted.v1", URI.create("urn:cbdf:transfer-service"), "t-1",
                OffsetDateTime.now(), "transfer", "t-1", 1, extensions, new byte[0]);
    }

    @Test
    void eventsAppendedWhileHandlingAnEventCarryItsTraceOnAndTheConsumerSpanIsExported() {
        String carriedOn = tracing.continueTrace(PARENT, "policy-service transfer.submitted.v1", event(PARENT),
                tracing::currentTraceparent);

        assertThat(carriedOn).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .isNotEqualTo(PARENT);
        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(span.getName()).isEqualTo("policy-service transfer.submitted.v1");
            assertThat(span.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CONSUMER);
            assertThat(carriedOn).contains(span.getSpanId());
        });
    }

    @Test
    void anEventWithoutATraceStartsOne() {
        String carriedOn = tracing.continueTrace(null, "audit-service ledger", event(null), tracing::currentTraceparent);

        assertThat(TraceContext.isValid(carriedOn)).isTrue();
        assertThat(exported).singleElement()
                .satisfies(span -> assertThat(carriedOn).contains(span.getTraceId()).contains(span.getSpanId()));
    }

    @Test
    void aFailureIsRecordedOnTheSpanAndRethrown() {
        assertThatIllegalStateException().isThrownBy(() -> tracing.continueTrace(PARENT, "x", event(PARENT), () -> {
            throw new IllegalStateException("broken");
        })).withMessage("broken");

        assertThat(exported).singleElement()
                .satisfies(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }

    @Test
    void aBatchRecordsOneSpanPerEventInItsOwnTraceOverTheBatchsTime() {
        String other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        java.time.Instant start = java.time.Instant.parse("2026-11-28T10:00:00Z");
        java.time.Instant end = start.plusMillis(12);

        tracing.recordBatch(List.of(event(PARENT), event(other), event(null)), "audit-service ledger append", start, end);

        assertThat(exported).extracting(SpanData::getTraceId)
                .containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c");
        assertThat(exported).allSatisfy(span -> {
            assertThat(span.getStartEpochNanos()).isEqualTo(start.getEpochSecond() * 1_000_000_000L);
            assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isEqualTo(12_000_000L);
            assertThat(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("cbdf.aggregate_id")))
                    .isEqualTo("t-1");
        });
    }

    @Test
    void withoutATracerTheThreadLocalContextCarriesTheTraceId() {
        EventTracing off = EventTracing.withoutTracer();

        String carriedOn = off.continueTrace(PARENT, "x", event(PARENT), off::currentTraceparent);

        assertThat(carriedOn).isEqualTo(PARENT);
        assertThat(TraceContext.isValid(off.currentTraceparent())).isTrue();
    }
}
