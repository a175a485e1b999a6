package org.cbdf.dispute.events;

/** The binding outcome of a dispute for the disputed decision. */
public enum Resolution {
    /** The disputed decision stands. */
    UPHOLD,
    /** The disputed decision is reversed. */
    OVERTURN,
    /** The transfer is approved, subject to the listed conditions. */
    APPROVE_WITH_CONDITIONS
}
