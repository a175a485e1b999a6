package org.cbdf.transfer.request;

import java.time.Instant;

import org.cbdf.policy.events.Assessment;
import org.cbdf.transfer.events.TransferRequest;

/** A transfer as the API shows it. */
record TransferView(String id, String organization, String submittedBy, TransferStatus status,
        TransferRequest request, String assessmentId, Assessment assessment, Instant submittedAt, Instant updatedAt,
        long version) {

    static TransferView of(Transfer transfer) {
        return new TransferView(transfer.id().toString(), transfer.organization(), transfer.submittedBy(),
                transfer.status(), transfer.request(), transfer.assessmentId(), transfer.assessment(),
                transfer.submittedAt(), transfer.updatedAt(), transfer.version());
    }
}
