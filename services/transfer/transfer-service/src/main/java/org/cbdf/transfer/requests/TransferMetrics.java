package org.cbdf.transfer.requests;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.observability.QueryGauges;
import org.cbdf.platform.observability.QueryGauges.Row;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transfer service's domain metrics:
 * <ul>
 * <li>{@code cbdf_transfers{status,outcome}}: transfers stored, by status and assessment outcome (gauge);</li>
 * <li>{@code cbdf_approvals_pending{jurisdiction}} and {@code cbdf_approvals_pending_oldest_age_seconds}: the
 * transfers awaiting each regulator's decision, and how long the oldest has waited since it was submitted;</li>
 * <li>{@code cbdf_transfers_events_total{type}}: lifecycle events committed (submitted, assessed, approved, …).</li>
 * </ul>
 */
@Component
class TransferMetrics implements TransferChangeListener {

    private final MeterRegistry meters;

    TransferMetrics(JdbcClient jdbc, QueryGauges gauges, MeterRegistry meters) {
        this.meters = meters;
        gauges.register("cbdf.transfers", "Transfers by status and assessment outcome", () -> jdbc.sql("""
                select status, coalesce(outcome, 'NONE') as outcome, count(*) as transfers
                from transfer group by status, coalesce(outcome, 'NONE')
                """).query((rs, row) -> Row.of(rs.getLong("transfers"), "status", rs.getString("status"),
                "outcome", rs.getString("outcome"))).list());
        gauges.register("cbdf.approvals.pending", "Transfers awaiting a regulator's decision, by its jurisdiction",
                () -> pendingApprovals(jdbc, "count(*)"));
        gauges.register("cbdf.approvals.pending.oldest.age.seconds",
                "Seconds since the oldest transfer awaiting a regulator's decision was submitted, by jurisdiction",
                () -> pendingApprovals(jdbc, "extract(epoch from now() - min(submitted_at))"));
    }

    private static List<Row> pendingApprovals(JdbcClient jdbc, String aggregate) {
        return jdbc.sql("""
                select approver, %s as value
                from transfer, unnest(approvers) as approver
                where status = 'AWAITING_APPROVAL' and not (approver = any(decided_jurisdictions))
                group by approver
                """.formatted(aggregate))
                .query((rs, row) -> Row.of(rs.getDouble("value"), "jurisdiction", rs.getString("approver")))
                .list();
    }

    /** Counts the transfer's recorded events once its transaction committed. */
    @Override
    public void saved(Transfer transfer) {
        List<String> types = transfer.recordedEvents().stream().map(Transfer.RecordedEvent::type).toList();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("transfer events are counted after their transaction commits");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                types.forEach(type -> Counter.builder("cbdf.transfers.events")
                        .description("Transfer lifecycle events committed, by type")
                        .tag("type", type).register(meters).increment());
            }
        });
    }
}
