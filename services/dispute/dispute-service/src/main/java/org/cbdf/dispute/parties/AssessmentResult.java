package org.cbdf.dispute.parties;

import java.time.Instant;
import java.util.List;
import java.util.Objects;


/** What a transfer's assessment tells about its parties: which regulators must approve, under which policy. */
public record AssessmentResult(String transferId, String organization, AssessmentOutcome outcome, List<String> requiredApprovals,
        String policyVersion, Instant assessedAt) {

    public AssessmentResult {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(assessedAt, "assessedAt");
        requiredApprovals = List.copyOf(requiredApprovals);
    }
}
