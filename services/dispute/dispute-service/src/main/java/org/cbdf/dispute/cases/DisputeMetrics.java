package org.cbdf.dispute.cases;

import java.util.ArrayList;
import java.util.List;

import org.cbdf.platform.observability.QueryGauges;
import org.cbdf.platform.observability.QueryGauges.Row;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dispute service's domain metrics: {@code cbdf_disputes{status}} (cases by status) and
 * {@code cbdf_disputes_deadlines_due{kind,within}}: running deadlines that passed and still wait for the
 * scheduler ({@code within="overdue"}), and those falling due within a day and within a week, by the step
 * whose deadline it is (negotiation, panel vote, …).
 */
@Component
class DisputeMetrics {

    DisputeMetrics(JdbcClient jdbc, QueryGauges gauges) {
        gauges.register("cbdf.disputes", "Dispute cases by status", () -> jdbc.sql(
                "select status, count(*) as cases from dispute_case group by status")
                .query((rs, row) -> Row.of(rs.getLong("cases"), "status", rs.getString("status"))).list());
        gauges.register("cbdf.disputes.deadlines.due", "Running dispute deadlines: overdue, due within a day, a week",
                () -> {
                    List<Row> rows = new ArrayList<>();
                    jdbc.sql("""
                            select deadline_kind,
                                   count(*) filter (where deadline <= now()) as overdue,
                                   count(*) filter (where deadline > now() and deadline <= now() + interval '1 day') as day,
                                   count(*) filter (where deadline > now() and deadline <= now() + interval '7 days') as week
                            from dispute_case where deadline is not null group by deadline_kind
                            """).query((rs, row) -> {
                        String kind = rs.getString("deadline_kind");
                        rows.add(Row.of(rs.getLong("overdue"), "kind", kind, "within", "overdue"));
                        rows.add(Row.of(rs.getLong("day"), "kind", kind, "within", "P1D"));
                        rows.add(Row.of(rs.getLong("week"), "kind", kind, "within", "P7D"));
                        return kind;
                    }).list();
                    return rows;
                });
    }
}
