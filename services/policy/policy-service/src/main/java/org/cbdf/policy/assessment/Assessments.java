package org.cbdf.policy.assessment;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.transfer.events.TransferRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The stored assessments, newest version last. */
@Repository
public class Assessments {

    private static final String COLUMNS = """
            id, transfer_id, version, organization, request::text as request, assessment::text as assessment,
            assessed_at, relied_on, reason, year_individuals_before, year_sensitive_before
            """;

    /** A stored assessment with the ledger counts it was made with, to make it again under another policy. */
    record WithYearToDate(StoredAssessment stored, YearToDate before) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Assessments(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The version the next assessment of {@code transferId} takes: 1 for the first. */
    int nextVersion(String transferId) {
        return jdbc.sql("select coalesce(max(version), 0) + 1 from assessment where transfer_id = :transferId")
                .param("transferId", transferId).query(Integer.class).single();
    }

    void add(StoredAssessment stored, String sourceEventId, YearToDate before) {
        jdbc.sql("""
                insert into assessment (id, transfer_id, version, organization, request, assessment, outcome,
                                        policy_version, source_event_id, assessed_at, relied_on, reason,
                                        year_individuals_before, year_sensitive_before)
                values (:id, :transferId, :version, :organization, cast(:request as jsonb), cast(:assessment as jsonb),
                        :outcome, :policyVersion, :sourceEventId, :assessedAt, cast(:reliedOn as text[]), :reason,
                        :yearBefore, :sensitiveBefore)
                """)
                .param("id", stored.assessmentId().value())
                .param("transferId", stored.transferId())
                .param("version", stored.version())
                .param("organization", stored.organization())
                .param("request", json.writeValueAsString(stored.request()))
                .param("assessment", json.writeValueAsString(stored.assessment()))
                .param("outcome", stored.assessment().outcome().name())
                .param("policyVersion", stored.assessment().policyVersion())
                .param("sourceEventId", sourceEventId)
                .param("assessedAt", Timestamp.from(stored.assessedAt()))
                .param("reliedOn", "{" + String.join(",", stored.reliedOn()) + "}")
                .param("reason", stored.reason())
                .param("yearBefore", before.individuals())
                .param("sensitiveBefore", before.sensitiveIndividuals())
                .update();
    }

    public Optional<StoredAssessment> latest(String transferId) {
        return jdbc.sql("select " + COLUMNS + " from assessment where transfer_id = :transferId order by version desc limit 1")
                .param("transferId", transferId).query(this::toStored).optional();
    }

    List<StoredAssessment> all(String transferId) {
        return jdbc.sql("select " + COLUMNS + " from assessment where transfer_id = :transferId order by version")
                .param("transferId", transferId).query(this::toStored).list();
    }

    /** The newest assessment of every transfer whose newest assessment relied on {@code id}, locked for update. */
    List<WithYearToDate> latestRelyingOn(String id) {
        return latestRelyingOn(id, "for update");
    }

    /**
     * The same as {@link #latestRelyingOn(String)} without locking anything, for a preview that stores nothing (a
     * read-only transaction may not lock rows).
     */
    List<WithYearToDate> latestRelyingOnToRead(String id) {
        return latestRelyingOn(id, "");
    }

    private List<WithYearToDate> latestRelyingOn(String id, String locking) {
        return jdbc.sql("""
                select %s from assessment a
                where :id = any(a.relied_on)
                  and a.version = (select max(b.version) from assessment b where b.transfer_id = a.transfer_id)
                order by a.transfer_id
                %s
                """.formatted(COLUMNS, locking))
                .param("id", id)
                .query((rs, row) -> new WithYearToDate(toStored(rs, row),
                        new YearToDate(rs.getLong("year_individuals_before"), rs.getLong("year_sensitive_before"))))
                .list();
    }

    long count(String transferId) {
        return jdbc.sql("select count(*) from assessment where transfer_id = :transferId")
                .param("transferId", transferId).query(Long.class).single();
    }

    private StoredAssessment toStored(ResultSet rs, int row) throws SQLException {
        Array reliedOn = rs.getArray("relied_on");
        return new StoredAssessment(new AssessmentId(rs.getObject("id", UUID.class)), rs.getString("transfer_id"), rs.getInt("version"),
                rs.getString("organization"), rs.getTimestamp("assessed_at").toInstant(),
                json.readValue(rs.getString("request"), TransferRequest.class),
                json.readValue(rs.getString("assessment"), Assessment.class),
                reliedOn == null ? List.of() : Arrays.asList((String[]) reliedOn.getArray()), rs.getString("reason"));
    }
}
