package org.cbdf.dispute.parties;

import java.time.Instant;
import java.util.Objects;

/**
 * A regulator's decision on a transfer, as the transfer service recorded it: what another regulator may object to.
 *
 * @param decision {@code APPROVE}, {@code APPROVE_WITH_CONDITIONS} or {@code REJECT}
 */
public record RecordedDecision(String transferId, String organization, String jurisdiction, String decision,
        String reasons, String decidedBy, Instant decidedAt) {

    public RecordedDecision {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
