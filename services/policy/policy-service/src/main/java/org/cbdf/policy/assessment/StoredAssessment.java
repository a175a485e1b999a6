package org.cbdf.policy.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.cbdf.policy.events.Assessment;
import org.cbdf.transfer.visibility.TransferReaders;
import org.cbdf.transfer.events.TransferRequest;

/**
 * An assessment of a submitted transfer as the service keeps it.
 *
 * @param version  1 for the first assessment of the transfer, 2 for a reassessment, …
 * @param reliedOn the adequacy decisions and recognition agreements its matched rules relied on
 * @param reason   why it was reassessed; null for the first assessment
 */
public record StoredAssessment(AssessmentId assessmentId, String transferId, int version, String organization,
        Instant assessedAt, TransferRequest request, Assessment assessment, List<String> reliedOn, String reason) {

    public StoredAssessment {
        reliedOn = reliedOn == null ? List.of() : List.copyOf(reliedOn);
    }

    /** Origin, destination, onward destinations: the jurisdictions the transfer concerns, in that order. */
    Set<String> jurisdictions() {
        return request.involvedJurisdictions();
    }

    /**
     * A regulator sees the assessment where it sees the transfer ({@link TransferReaders}): its jurisdiction is
     * origin, destination, onward or asked to approve.
     */
    public boolean concernsRegulatorOf(String jurisdiction) {
        return TransferReaders.regulatorReads(jurisdiction, request,
                assessment.requiredApprovals().stream().map(Assessment.RequiredApproval::jurisdiction).toList());
    }
}
