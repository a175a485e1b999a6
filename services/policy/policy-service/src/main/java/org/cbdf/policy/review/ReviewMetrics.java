package org.cbdf.policy.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.cbdf.platform.observability.QueryGauges;
import org.cbdf.platform.observability.QueryGauges.Row;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The review procedure's metrics, read on the gauges' schedule against the service's clock (so that a test moving the
 * clock sees reviews fall due):
 * <ul>
 * <li>{@code cbdf_adequacy_reviews_overdue{kind}}: {@code review-date} — adequate outcomes in force past their review
 * date (GDPR Art. 45(3)) with no follow-up adopted; {@code opinions} — reviews whose opinions' deadline passed with
 * opinions missing, still undecided; {@code recognition-flag} — flags past their deadline without the recognising
 * jurisdiction's decision;</li>
 * <li>{@code cbdf_adequacy_reviews{status}}: reviews by status.</li>
 * </ul>
 */
@Component
class ReviewMetrics {

    ReviewMetrics(JdbcClient jdbc, QueryGauges gauges, Clock clock) {
        gauges.register("cbdf.adequacy.reviews.overdue", "Overdue adequacy reviews: past the review date, opinions "
                + "missing after their deadline, recognition flags undecided after theirs", () -> {
                    Instant now = clock.instant();
                    return jdbc.sql("""
                            select (select count(*) from adequacy_review where status = 'IN_FORCE' and outcome = 'ADEQUATE'
                                      and review_date < cast(:today as date)) as review_date,
                                   (select count(*) from adequacy_review where status = 'OPINIONS_REQUESTED'
                                      and deadline <= :now and cardinality(opinions_from) < cardinality(opinion_givers))
                                      as opinions,
                                   (select count(*) from recognition_flag where status = 'OPEN' and deadline <= :now)
                                      as flags
                            """)
                            .param("today", ReviewRules.today(now))
                            .param("now", Timestamp.from(now))
                            .query((rs, row) -> List.of(Row.of(rs.getLong("review_date"), "kind", "review-date"),
                                    Row.of(rs.getLong("opinions"), "kind", "opinions"),
                                    Row.of(rs.getLong("flags"), "kind", "recognition-flag")))
                            .single();
                });
        gauges.register("cbdf.adequacy.reviews", "Adequacy reviews by status", () -> jdbc.sql(
                "select status, count(*) as reviews from adequacy_review group by status")
                .query((rs, row) -> Row.of(rs.getLong("reviews"), "status", rs.getString("status"))).list());
    }
}
