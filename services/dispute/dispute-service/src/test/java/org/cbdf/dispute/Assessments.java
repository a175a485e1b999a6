package org.cbdf.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;

/** Object Mother of completed assessments, shaped like the policy service publishes them. */
public final class Assessments {

    public static final String POLICY_VERSION = "sha256:" + "ab".repeat(32);

    private Assessments() {
    }

    /** An assessment that needs the approval of the regulators of {@code approvers} (docs/design.md §3). */
    public static AssessmentCompleted reviewRequired(String transferId, String organization, String... approvers) {
        return completed(transferId, organization, Outcome.REVIEW_REQUIRED, Instant.now(), approvers);
    }

    public static AssessmentCompleted completed(String transferId, String organization, Outcome outcome,
            Instant assessedAt, String... approvers) {
        var assessment = new Assessment(outcome,
                Arrays.stream(approvers).map(j -> new Assessment.RequiredApproval(j, "SECURITY_ASSESSMENT")).toList(),
                List.of("SECURITY_ASSESSMENT"),
                List.of(new Assessment.Obligation("PIPIA",
                        "Keep a personal information protection impact assessment for 3 years")),
                LocalDate.of(2029, 12, 1),
                List.of(new Assessment.TraceEntry("cn.pipl.volume-1m", "CN", true, "CAC Provisions 2024, Art. 7",
                        "1,200,000 individuals this year ≥ 1,000,000")),
                POLICY_VERSION);
        return new AssessmentCompleted("as-" + UUID.randomUUID(), transferId, organization,
                assessedAt.truncatedTo(ChronoUnit.MILLIS), assessment);
    }
}
