package org.cbdf.dispute.parties;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model of the transfers a dispute may concern. Each event upserts its half of the row, so the
 * submission and the assessment may arrive in either order; the other half is never overwritten.
 */
@Repository
public class TransferParties {

    private final JdbcClient jdbc;

    TransferParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the route and the owner. The transfer service owns transfers, so its organisation wins over the
     * one an earlier assessment carried.
     */
    public void record(Submission submission) {
        jdbc.sql("""
                insert into transfer_party (transfer_id, organization, origin, destination, onward, submitted_at)
                values (:transferId, :organization, :origin, :destination, :onward, :submittedAt)
                on conflict (transfer_id) do update
                   set organization = excluded.organization,
                       origin       = excluded.origin,
                       destination  = excluded.destination,
                       onward       = excluded.onward,
                       submitted_at = excluded.submitted_at
                """)
                .param("transferId", submission.transferId())
                .param("organization", submission.organization())
                .param("origin", submission.origin())
                .param("destination", submission.destination())
                .param("onward", submission.onward().toArray(String[]::new))
                .param("submittedAt", Timestamp.from(submission.submittedAt()))
                .update();
    }

    /**
     * Records the outcome and the regulators whose approval it requires. A transfer is re-assessed when the
     * policy changes; an older assessment arriving late does not replace a newer one.
     */
    public void record(AssessmentResult assessment) {
        jdbc.sql("""
                insert into transfer_party (transfer_id, organization, outcome, required_approvals, policy_version,
                                            assessed_at)
                values (:transferId, :organization, :outcome, :requiredApprovals, :policyVersion, :assessedAt)
                on conflict (transfer_id) do update
                   set outcome            = excluded.outcome,
                       required_approvals = excluded.required_approvals,
                       policy_version     = excluded.policy_version,
                       assessed_at        = excluded.assessed_at
                 where transfer_party.assessed_at is null or transfer_party.assessed_at <= excluded.assessed_at
                """)
                .param("transferId", assessment.transferId())
                .param("organization", assessment.organization())
                .param("outcome", assessment.outcome().name())
                .param("requiredApprovals", assessment.requiredApprovals().toArray(String[]::new))
                .param("policyVersion", assessment.policyVersion())
                .param("assessedAt", Timestamp.from(assessment.assessedAt()))
                .update();
    }

    /** Records a regulator's decision; a later-arriving older decision of the same regulator does not replace it. */
    public void record(RecordedDecision decision) {
        jdbc.sql("""
                insert into transfer_decision (transfer_id, jurisdiction, organization, decision, reasons, decided_by,
                                               decided_at)
                values (:transferId, :jurisdiction, :organization, :decision, :reasons, :decidedBy, :decidedAt)
                on conflict (transfer_id, jurisdiction) do update
                   set organization = excluded.organization,
                       decision     = excluded.decision,
                       reasons      = excluded.reasons,
                       decided_by   = excluded.decided_by,
                       decided_at   = excluded.decided_at
                 where transfer_decision.decided_at <= excluded.decided_at
                """)
                .param("transferId", decision.transferId())
                .param("jurisdiction", decision.jurisdiction())
                .param("organization", decision.organization())
                .param("decision", decision.decision())
                .param("reasons", decision.reasons())
                .param("decidedBy", decision.decidedBy())
                .param("decidedAt", Timestamp.from(decision.decidedAt()))
                .update();
    }

    /** The latest decision the regulator of {@code jurisdiction} recorded on the transfer, if any. */
    public Optional<RecordedDecision> decision(String transferId, String jurisdiction) {
        return jdbc.sql("select * from transfer_decision where transfer_id = :transferId and jurisdiction = :jurisdiction")
                .param("transferId", transferId)
                .param("jurisdiction", jurisdiction)
                .query((rs, row) -> new RecordedDecision(rs.getString("transfer_id"), rs.getString("organization"),
                        rs.getString("jurisdiction"), rs.getString("decision"), rs.getString("reasons"),
                        rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public Optional<TransferParty> find(String transferId) {
        return jdbc.sql("select * from transfer_party where transfer_id = :transferId")
                .param("transferId", transferId)
                .query((rs, row) -> map(rs))
                .optional();
    }

    private static TransferParty map(ResultSet rs) throws SQLException {
        String transferId = rs.getString("transfer_id");
        String organization = rs.getString("organization");
        Optional<Submission> submission = Optional.empty();
        if (rs.getString("origin") != null) {
            submission = Optional.of(new Submission(transferId, organization, rs.getString("origin"),
                    rs.getString("destination"), strings(rs.getArray("onward")),
                    rs.getObject("submitted_at", OffsetDateTime.class).toInstant()));
        }
        Optional<AssessmentResult> assessment = Optional.empty();
        if (rs.getString("outcome") != null) {
            assessment = Optional.of(new AssessmentResult(transferId, organization,
                    AssessmentOutcome.valueOf(rs.getString("outcome")), strings(rs.getArray("required_approvals")),
                    rs.getString("policy_version"), rs.getObject("assessed_at", OffsetDateTime.class).toInstant()));
        }
        return new TransferParty(transferId, organization, submission, assessment);
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
