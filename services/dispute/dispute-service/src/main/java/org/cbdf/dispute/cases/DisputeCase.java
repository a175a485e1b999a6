package org.cbdf.dispute.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.cbdf.dispute.events.Trigger;

/**
 * A dispute on a transfer.
 *
 * @param parties  ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to it
 * @param deadline when the current step of the procedure times out; null once the case is closed
 * @param version  1 when opened, +1 per event of the case
 */
public record DisputeCase(UUID id, String transferId, Trigger trigger, CaseStatus status, List<String> parties,
        String grounds, Instant openedAt, Instant deadline, long version) {

    public DisputeCase {
        parties = List.copyOf(parties);
    }
}
