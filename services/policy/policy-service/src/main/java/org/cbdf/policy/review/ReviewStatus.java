package org.cbdf.policy.review;

/**
 * Where an adequacy review stands.
 *
 * <pre>
 * DRAFT ──opinions requested──▶ OPINIONS_REQUESTED ──adopted──▶ ADOPTED ──entry into force──▶ IN_FORCE ──▶ SUPERSEDED
 *   │                                   │                                                        ▲
 *   └────────── rejected ───────────────┴──▶ REJECTED              (adopted with immediate effect)┘
 * </pre>
 */
public enum ReviewStatus {
    DRAFT, OPINIONS_REQUESTED, ADOPTED, IN_FORCE, REJECTED, SUPERSEDED;

    /** Still to produce an outcome, or produced one not yet in force: one such review per instrument at a time. */
    public boolean open() {
        return this == DRAFT || this == OPINIONS_REQUESTED || this == ADOPTED;
    }

    /** Adopted: the outcome is public, and so is the review. */
    public boolean adopted() {
        return this == ADOPTED || this == IN_FORCE || this == SUPERSEDED;
    }
}
