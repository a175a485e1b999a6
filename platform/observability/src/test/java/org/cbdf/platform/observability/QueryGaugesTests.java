package org.cbdf.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cbdf.platform.observability.QueryGauges.Row;
import org.junit.jupiter.api.Test;

class QueryGaugesTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QueryGauges gauges = new QueryGauges(registry, Duration.ofMinutes(1));

    @Test
    void aGaugeShowsTheRowsOfItsLastRefreshAndDropsRowsThatDisappeared() {
        AtomicReference<List<Row>> rows = new AtomicReference<>(List.of(
                Row.of(3, "status", "SUBMITTED"), Row.of(1, "status", "APPROVED")));
        gauges.register("cbdf.transfers", "transfers by status", rows::get);

        assertThat(registry.get("cbdf.transfers").tag("status", "SUBMITTED").gauge().value()).isEqualTo(3);
        assertThat(registry.get("cbdf.transfers").tag("status", "APPROVED").gauge().value()).isEqualTo(1);

        rows.set(List.of(Row.of(4, "status", "APPROVED")));
        gauges.refreshNow();

        assertThat(registry.get("cbdf.transfers").tag("status", "APPROVED").gauge().value()).isEqualTo(4);
        assertThat(registry.find("cbdf.transfers").tag("status", "SUBMITTED").gauge()).isNull();
    }

    @Test
    void aFailedRefreshKeepsTheLastValuesAndIsCounted() {
        AtomicReference<Supplier<List<Row>>> query = new AtomicReference<>(() -> List.of(Row.of(7)));
        gauges.register("cbdf.outbox.backlog", "backlog", () -> query.get().get());

        query.set(() -> {
            throw new IllegalStateException("database refused the connection");
        });
        gauges.refreshNow();

        assertThat(registry.get("cbdf.outbox.backlog").gauge().value()).isEqualTo(7);
        assertThat(registry.get("cbdf.gauge.refresh.failures").tag("gauge", "cbdf.outbox.backlog").counter().count())
                .isEqualTo(1);
    }

    @Test
    void theScheduleRefreshesUntilStopped() {
        QueryGauges scheduled = new QueryGauges(registry, Duration.ofMillis(20));
        AtomicReference<Double> value = new AtomicReference<>(1.0);
        scheduled.register("cbdf.disputes.deadlines.due", "due", () -> List.of(Row.of(value.get())));
        scheduled.start();
        try {
            value.set(5.0);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    registry.get("cbdf.disputes.deadlines.due").gauge().value()).isEqualTo(5));
        }
        finally {
            scheduled.stop();
        }
        assertThat(scheduled.isRunning()).isFalse();
    }

    @Test
    void aNameIsRegisteredOnce() {
        gauges.register("cbdf.ledger.size", "size", List::of);
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> gauges.register("cbdf.ledger.size", "size", List::of))
                .withMessageContaining("cbdf.ledger.size");
    }
}
