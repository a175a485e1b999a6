package org.cbdf.transfer.requests;

import java.util.EnumSet;
import java.util.Set;

import org.cbdf.transfer.requests.Assessment.Outcome;

/**
 * The lifecycle of a transfer request (docs/design.md §4). {@code PERMITTED} and {@code APPROVED} are the active
 * statuses: the transfer may take place. A {@code CONDITIONAL} transfer becomes {@code PERMITTED} once the
 * exporter has recorded the fulfilment of every obligation.
 */
public enum TransferStatus {
    SUBMITTED, PERMITTED, CONDITIONAL, AWAITING_APPROVAL, PROHIBITED, APPROVED, REJECTED, APPEALED, SUSPENDED,
    EXPIRED, WITHDRAWN;

    static final Set<TransferStatus> ACTIVE = EnumSet.of(PERMITTED, APPROVED);

    /** Statuses whose period or approval validity can still run out. */
    static final Set<TransferStatus> EXPIRABLE = EnumSet.of(PERMITTED, CONDITIONAL, AWAITING_APPROVAL, APPROVED,
            SUSPENDED);

    /** Statuses the exporter may still withdraw from. */
    static final Set<TransferStatus> WITHDRAWABLE = EnumSet.of(SUBMITTED, PERMITTED, CONDITIONAL,
            AWAITING_APPROVAL, APPROVED, SUSPENDED);

    static TransferStatus after(Outcome outcome) {
        return switch (outcome) {
            case PERMITTED -> PERMITTED;
            case CONDITIONAL -> CONDITIONAL;
            case REVIEW_REQUIRED -> AWAITING_APPROVAL;
            case PROHIBITED -> PROHIBITED;
        };
    }

    /** Whether a reassessment with {@code outcome} takes away the basis a transfer in this status relies on. */
    boolean losesBasisUnder(Outcome outcome) {
        return outcome == Outcome.PROHIBITED || (outcome == Outcome.REVIEW_REQUIRED && ACTIVE.contains(this));
    }
}
