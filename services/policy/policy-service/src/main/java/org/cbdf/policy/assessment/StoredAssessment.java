package org.cbdf.policy.assessment;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cbdf.policy.events.Assessment;
import org.cbdf.transfer.events.TransferRequest;

/**
 * An assessment of a submitted transfer as the service keeps it.
 *
 * @param version  1 for the first assessment of the transfer, 2 for a reassessment, …
 * @param reliedOn the adequacy decisions and recognition agreements its matched rules relied on
 * @param reason   why it was reassessed; null for the first assessment
 */
record StoredAssessment(UUID assessmentId, String transferId, int version, String organization,
        Instant assessedAt, TransferRequest request, Assessment assessment, List<String> reliedOn, String reason) {

    StoredAssessment {
        reliedOn = reliedOn == null ? List.of() : List.copyOf(reliedOn);
    }

    /** Origin, destination, onward destinations: the jurisdictions the transfer concerns, in that order. */
    Set<String> jurisdictions() {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(request.exporter().jurisdiction());
        codes.add(request.importer().jurisdiction());
        if (request.onwardTransfers() != null) {
            request.onwardTransfers().forEach(o -> codes.add(o.jurisdiction()));
        }
        return codes;
    }

    /** A regulator sees the assessment where its jurisdiction is origin, destination or asked to approve. */
    boolean concernsRegulatorOf(String jurisdiction) {
        return jurisdiction.equals(request.exporter().jurisdiction())
                || jurisdiction.equals(request.importer().jurisdiction())
                || assessment.requiredApprovals().stream().anyMatch(a -> a.jurisdiction().equals(jurisdiction));
    }
}
