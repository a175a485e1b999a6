package org.cbdf.transfer.request;

import org.cbdf.policy.events.Outcome;

/** The lifecycle of a transfer request (DESIGN §4). */
public enum TransferStatus {
    SUBMITTED, PERMITTED, CONDITIONAL, AWAITING_APPROVAL, PROHIBITED, APPROVED, REJECTED, APPEALED, SUSPENDED,
    EXPIRED, WITHDRAWN;

    static TransferStatus after(Outcome outcome) {
        return switch (outcome) {
            case PERMITTED -> PERMITTED;
            case CONDITIONAL -> CONDITIONAL;
            case REVIEW_REQUIRED -> AWAITING_APPROVAL;
            case PROHIBITED -> PROHIBITED;
        };
    }
}
