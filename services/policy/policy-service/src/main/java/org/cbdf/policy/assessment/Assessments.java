package org.cbdf.policy.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.policy.events.Assessment;
import org.cbdf.transfer.events.TransferRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The stored assessments, newest version last. */
@Repository
class Assessments {

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

    void add(StoredAssessment stored, String sourceEventId) {
        jdbc.sql("""
                insert into assessment (id, transfer_id, version, organization, request, assessment, outcome,
                                        policy_version, source_event_id, assessed_at)
                values (:id, :transferId, :version, :organization, cast(:request as jsonb), cast(:assessment as jsonb),
                        :outcome, :policyVersion, :sourceEventId, :assessedAt)
                """)
                .param("id", stored.assessmentId())
                .param("transferId", stored.transferId())
                .param("version", stored.version())
                .param("organization", stored.organization())
                .param("request", json.writeValueAsString(stored.request()))
                .param("assessment", json.writeValueAsString(stored.assessment()))
                .param("outcome", stored.assessment().outcome().name())
                .param("policyVersion", stored.assessment().policyVersion())
                .param("sourceEventId", sourceEventId)
                .param("assessedAt", Timestamp.from(stored.assessedAt()))
                .update();
    }

    Optional<StoredAssessment> latest(String transferId) {
        return jdbc.sql("""
                select id, transfer_id, version, organization, request::text as request,
                       assessment::text as assessment, assessed_at
                from assessment where transfer_id = :transferId order by version desc limit 1
                """).param("transferId", transferId).query(this::toStored).optional();
    }

    long count(String transferId) {
        return jdbc.sql("select count(*) from assessment where transfer_id = :transferId")
                .param("transferId", transferId).query(Long.class).single();
    }

    private StoredAssessment toStored(ResultSet rs, int row) throws SQLException {
        return new StoredAssessment(rs.getObject("id", UUID.class), rs.getString("transfer_id"), rs.getInt("version"),
                rs.getString("organization"), rs.getTimestamp("assessed_at").toInstant(),
                json.readValue(rs.getString("request"), TransferRequest.class),
                json.readValue(rs.getString("assessment"), Assessment.class));
    }
}
