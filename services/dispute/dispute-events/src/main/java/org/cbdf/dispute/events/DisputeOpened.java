package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * A dispute on a transfer was opened ({@value DisputeEvents#OPENED_V1}).
 *
 * @param parties the ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to the dispute
 * @param grounds why the dispute was opened, in the words of whoever opened it
 */
public record DisputeOpened(String disputeId, String transferId, Trigger trigger, List<String> parties,
        Instant openedAt, String grounds) {

    public DisputeOpened {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }
}
