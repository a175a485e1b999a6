package org.cbdf.policy.assessment;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;

import org.cbdf.policy.rules.YearToDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cumulative individuals (and sensitive individuals) per exporting organisation per calendar year (UTC), one
 * entry per assessed transfer: CAC 2024 counts since 1 January, so splitting a transfer does not slip under a
 * threshold. Fed in the transaction of the transfer's first assessment, so it is exactly-once with it.
 */
@Repository
public class VolumeLedger {

    private final JdbcClient jdbc;

    VolumeLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static int yearOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).getYear();
    }

    /** What the organisation exported in {@code year} so far, without taking a lock (dry runs). */
    public YearToDate soFar(String organization, int year) {
        return jdbc.sql("""
                select individuals, sensitive_individuals as sensitive
                from volume_total where organization = :organization and year = :year
                """).param("organization", organization).param("year", year)
                .query((rs, row) -> new YearToDate(rs.getLong("individuals"), rs.getLong("sensitive"))).optional()
                .orElse(new YearToDate(0, 0));
    }

    /**
     * What the organisation exported in {@code year} before this transfer, holding a transaction-scoped lock on
     * (organisation, year) so that two concurrent submissions of one exporter are counted one after the other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    YearToDate soFarLocked(String organization, int year) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked")
                .param("key", "volume:" + organization + ":" + year).query(Integer.class).single();
        return soFar(organization, year);
    }

    /**
     * Adds the transfer's counts, to its entry and to the exporter's totals of the year; a transfer already in the
     * ledger is not counted twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(SubmittedTransfer submitted, int year, Instant at) {
        int added = jdbc.sql("""
                insert into volume_entry (transfer_id, organization, year, individuals, sensitive_individuals, recorded_at)
                values (:transferId, :organization, :year, :individuals, :sensitive, :at)
                on conflict (transfer_id) do nothing
                """)
                .param("transferId", submitted.transferId())
                .param("organization", submitted.organization())
                .param("year", year)
                .param("individuals", submitted.request().dataSubjects().count())
                .param("sensitive", submitted.request().dataSubjects().sensitiveCount())
                .param("at", Timestamp.from(at))
                .update();
        if (added == 0) {
            return;
        }
        // bigint arithmetic fails ("bigint out of range") rather than wrapping; the engine's YearToDate.adding has
        // refused such a total before this runs
        jdbc.sql("""
                insert into volume_total (organization, year, individuals, sensitive_individuals)
                values (:organization, :year, :individuals, :sensitive)
                on conflict (organization, year) do update
                set individuals = volume_total.individuals + excluded.individuals,
                    sensitive_individuals = volume_total.sensitive_individuals + excluded.sensitive_individuals
                """)
                .param("organization", submitted.organization())
                .param("year", year)
                .param("individuals", submitted.request().dataSubjects().count())
                .param("sensitive", submitted.request().dataSubjects().sensitiveCount())
                .update();
    }
}
