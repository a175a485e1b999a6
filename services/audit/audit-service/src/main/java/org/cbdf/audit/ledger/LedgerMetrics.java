package org.cbdf.audit.ledger;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cbdf.platform.observability.QueryGauges;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger's metrics: {@code cbdf_ledger_size} (leaves in the Merkle tree, from the tree head),
 * {@code cbdf_ledger_appended_total} (events appended; duplicates skipped are not counted) and
 * {@code cbdf_ledger_append_duration_seconds} (one committed batch, a histogram).
 */
public class LedgerMetrics {

    private final Counter appended;
    private final Timer appendDuration;

    LedgerMetrics(JdbcClient jdbc, QueryGauges gauges, MeterRegistry meters) {
        this.appended = Counter.builder("cbdf.ledger.appended")
                .description("Events appended to the audit ledger (duplicates skipped are not counted)")
                .register(meters);
        this.appendDuration = Timer.builder("cbdf.ledger.append.duration")
                .description("Time to append one batch of consumed events in one transaction")
                .register(meters);
        gauges.register("cbdf.ledger.size", "Leaves in the audit ledger's Merkle tree", () -> List.of(
                QueryGauges.Row.of(jdbc.sql("select tree_size from tree_head")
                        .query(Long.class).single())));
    }

    public void batchCommitted(int appendedEvents, Duration took) {
        this.appended.increment(appendedEvents);
        this.appendDuration.record(took);
    }
}
