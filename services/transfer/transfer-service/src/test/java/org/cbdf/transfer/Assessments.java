package org.cbdf.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;

/** Object Mother for the policy service's assessments. */
final class Assessments {

    static final String POLICY_VERSION = "sha256:" + "ab".repeat(32);
    static final String NEXT_POLICY_VERSION = "sha256:" + "cd".repeat(32);
    static final LocalDate VALID_UNTIL = LocalDate.of(2029, 12, 1);

    private Assessments() {
    }

    static Assessment permitted() {
        return assessment(Outcome.PERMITTED, List.of(), List.of());
    }

    static Assessment prohibited() {
        return assessment(Outcome.PROHIBITED, List.of(), List.of());
    }

    /** Review required by the regulators of the given jurisdictions. */
    static Assessment approvalBy(String... jurisdictions) {
        return assessment(Outcome.REVIEW_REQUIRED, Arrays.stream(jurisdictions)
                .map(j -> new Assessment.RequiredApproval(j, "SECURITY_ASSESSMENT")).toList(), List.of());
    }

    /** Conditional on the obligations with the given codes. */
    static Assessment conditionalOn(String... codes) {
        return assessment(Outcome.CONDITIONAL, List.of(),
                Arrays.stream(codes).map(code -> new Assessment.Obligation(code, "Fulfil " + code)).toList());
    }

    static Assessment assessment(Outcome outcome, List<Assessment.RequiredApproval> approvals,
            List<Assessment.Obligation> obligations) {
        return new Assessment(outcome, approvals, List.of("STANDARD_CONTRACT"), obligations, VALID_UNTIL,
                List.of(new Assessment.TraceEntry("cn.pipl.volume-1m", "CN", true, "CAC Provisions 2024, Art. 7",
                        "test")),
                POLICY_VERSION);
    }

    static Assessment underNextPolicy(Assessment assessment) {
        return new Assessment(assessment.outcome(), assessment.requiredApprovals(), assessment.acceptedMechanisms(),
                assessment.obligations(), assessment.validUntil(), assessment.trace(), NEXT_POLICY_VERSION);
    }

    static AssessmentCompleted completed(String transferId, String organization, Assessment assessment) {
        return new AssessmentCompleted(UUID.randomUUID().toString(), transferId, organization, Instant.now(),
                assessment);
    }
}
