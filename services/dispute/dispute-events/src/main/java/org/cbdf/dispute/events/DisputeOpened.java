package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * A dispute on a transfer was opened ({@value DisputeEvents#OPENED_V1}).
 *
 * @param parties        the ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to the dispute
 * @param grounds        why the dispute was opened, in the words of whoever opened it
 * @param organization   the exporting organisation, party to the dispute (added in v1, optional for readers)
 * @param rules          the rules or standards in conflict, where the trigger names them (added, may be empty)
 * @param openedBy       who opened it: the appealing user, the objecting regulator's jurisdiction, or the policy
 *                       service (added, optional)
 * @param deadline       when the negotiation between the parties' regulators ends (added, optional)
 */
public record DisputeOpened(String disputeId, String transferId, Trigger trigger, List<String> parties,
        Instant openedAt, String grounds, String organization, List<String> rules, String openedBy,
        Instant deadline) {

    public DisputeOpened {
        parties = parties == null ? List.of() : List.copyOf(parties);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The foundation's shape, without the fields added by the dispute procedure. */
    public DisputeOpened(String disputeId, String transferId, Trigger trigger, List<String> parties,
            Instant openedAt, String grounds) {
        this(disputeId, transferId, trigger, parties, openedAt, grounds, null, List.of(), null, null);
    }
}
