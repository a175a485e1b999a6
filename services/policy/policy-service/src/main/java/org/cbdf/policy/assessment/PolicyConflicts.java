package org.cbdf.policy.assessment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.cbdf.policy.rules.AssessmentEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conflicts published per transfer, so that a reassessment does not open the same dispute twice. */
@Repository
class PolicyConflicts {

    static final String AGGREGATE_TYPE = "policy-conflict";

    private final JdbcClient jdbc;

    PolicyConflicts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean published(String transferId, AssessmentEngine.Conflict conflict) {
        return jdbc.sql("""
                select count(*) from policy_conflict
                where transfer_id = :transferId and rules = cast(:rules as text[]) and jurisdictions = cast(:jurisdictions as text[])
                """).param("transferId", transferId).param("rules", array(conflict.rules()))
                .param("jurisdictions", array(conflict.jurisdictions())).query(Long.class).single() > 0;
    }

    /** @return the aggregate version of the conflict event: 1 for the transfer's first conflict, 2 … */
    int add(UUID conflictId, String transferId, AssessmentEngine.Conflict conflict, String policyVersion, Instant at) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from policy_conflict where transfer_id = :transferId")
                .param("transferId", transferId).query(Integer.class).single();
        jdbc.sql("""
                insert into policy_conflict (conflict_id, transfer_id, version, jurisdictions, rules, description,
                                             policy_version, detected_at)
                values (:id, :transferId, :version, cast(:jurisdictions as text[]), cast(:rules as text[]), :description,
                        :policyVersion, :at)
                """)
                .param("id", conflictId).param("transferId", transferId).param("version", version)
                .param("jurisdictions", array(conflict.jurisdictions())).param("rules", array(conflict.rules()))
                .param("description", conflict.description()).param("policyVersion", policyVersion)
                .param("at", Timestamp.from(at)).update();
        return version;
    }

    private static String array(java.util.List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v.replace("\"", "") + "\"").toList()) + "}";
    }
}
