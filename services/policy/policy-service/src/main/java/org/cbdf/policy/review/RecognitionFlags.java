package org.cbdf.policy.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The flags raised to recognising jurisdictions; one per recognition and change of the recognised instrument. */
@Repository
public class RecognitionFlags {

    record Details(RecognitionFlag.Raising raising, RecognitionFlag.Resolution resolution) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RecognitionFlags(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new flag unless this change already flagged this recognition; true if stored. */
    boolean insertIfAbsent(RecognitionFlag flag) {
        var s = flag.snapshot();
        return jdbc.sql("""
                insert into recognition_flag (id, recognising_review, recognising_jurisdiction, changed_instrument,
                                              policy_version, status, raised_at, deadline, details, version)
                values (:id, :review, :jurisdiction, :changed, :policyVersion, :status, :raisedAt, :deadline,
                        cast(:details as jsonb), :version)
                on conflict (recognising_review, policy_version) do nothing
                """)
                .param("id", s.id())
                .param("review", s.raising().recognisingReview())
                .param("jurisdiction", s.raising().recognisingJurisdiction())
                .param("changed", AdequacyReviews.key(s.raising().changedInstrument()))
                .param("policyVersion", s.raising().policyVersion())
                .param("status", s.status().name())
                .param("raisedAt", Timestamp.from(s.raisedAt()))
                .param("deadline", Timestamp.from(s.deadline()))
                .param("details", json.writeValueAsString(new Details(s.raising(), s.resolution())))
                .param("version", s.version())
                .update() == 1;
    }

    void update(RecognitionFlag flag) {
        var s = flag.snapshot();
        jdbc.sql("update recognition_flag set status = :status, details = cast(:details as jsonb), version = :version "
                + "where id = :id")
                .param("id", s.id())
                .param("status", s.status().name())
                .param("details", json.writeValueAsString(new Details(s.raising(), s.resolution())))
                .param("version", s.version())
                .update();
    }

    Optional<RecognitionFlag> lock(UUID id) {
        return jdbc.sql("select * from recognition_flag where id = :id for update").param("id", id)
                .query((rs, row) -> RecognitionFlag.restore(map(rs))).optional();
    }

    public Optional<RecognitionFlag.Snapshot> find(UUID id) {
        return jdbc.sql("select * from recognition_flag where id = :id").param("id", id)
                .query((rs, row) -> map(rs)).optional();
    }

    /** The flags the caller may see, newest first: its jurisdiction's as a regulator, all as auditor or policy admin. */
    public List<RecognitionFlag.Snapshot> visibleTo(Caller caller) {
        if (caller.has(Role.AUDITOR) || caller.has(Role.POLICY_ADMIN)) {
            return jdbc.sql("select * from recognition_flag order by raised_at desc, id").query((rs, row) -> map(rs))
                    .list();
        }
        String jurisdiction = caller.has(Role.REGULATOR) ? caller.jurisdiction().orElse(null) : null;
        if (jurisdiction == null) {
            return List.of();
        }
        return jdbc.sql("select * from recognition_flag where recognising_jurisdiction = :j order by raised_at desc, id")
                .param("j", jurisdiction).query((rs, row) -> map(rs)).list();
    }

    private RecognitionFlag.Snapshot map(ResultSet rs) throws SQLException {
        Details d = json.readValue(rs.getString("details"), Details.class);
        return new RecognitionFlag.Snapshot(rs.getObject("id", UUID.class), d.raising(),
                RecognitionFlag.Status.valueOf(rs.getString("status")),
                rs.getObject("raised_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("deadline", java.time.OffsetDateTime.class).toInstant(), d.resolution(),
                rs.getLong("version"));
    }
}
