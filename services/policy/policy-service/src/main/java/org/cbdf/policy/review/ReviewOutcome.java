package org.cbdf.policy.review;

import org.cbdf.policy.rules.DecisionStatus;

/** What an adopted review decides about its decision or agreement. */
public enum ReviewOutcome {
    /** Adequate (or equivalent): the instrument is adopted, or renewed, in force. */
    ADEQUATE,
    /** Suspended: nothing may rely on it for now, with immediate effect (Schrems II). */
    SUSPENDED,
    /** Revoked. */
    REVOKED;

    DecisionStatus status(DecisionStatus current) {
        return switch (this) {
            // a review does not end a court challenge: a challenged decision stays UNDER_CHALLENGE, still in force
            case ADEQUATE -> current == DecisionStatus.UNDER_CHALLENGE ? DecisionStatus.UNDER_CHALLENGE : DecisionStatus.ACTIVE;
            case SUSPENDED -> DecisionStatus.SUSPENDED;
            case REVOKED -> DecisionStatus.REVOKED;
        };
    }
}
