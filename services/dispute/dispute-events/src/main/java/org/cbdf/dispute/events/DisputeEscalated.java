package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * The negotiation ended without agreement and the dispute went to a panel of regulators from uninvolved
 * jurisdictions ({@value DisputeEvents#ESCALATED_V1}).
 *
 * @param reason      {@code DEADLINE} (the negotiation deadline passed) or {@code REQUEST} (a party asked)
 * @param requestedBy the party that asked; null on deadline
 * @param panel       the panel's jurisdictions in the order the selection rule ranked them; the first chairs
 * @param panelRule   how the panel was chosen, so that anyone can recompute it
 * @param deadline    when the panel's two-thirds decision is due
 */
public record DisputeEscalated(String disputeId, String transferId, String reason, String requestedBy,
        List<String> panel, String chair, String panelRule, Instant deadline, Instant escalatedAt) {

    public DisputeEscalated {
        panel = panel == null ? List.of() : List.copyOf(panel);
    }
}
