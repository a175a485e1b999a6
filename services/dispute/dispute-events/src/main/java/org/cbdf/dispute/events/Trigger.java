package org.cbdf.dispute.events;

/** What opened a dispute (docs/design.md §4). */
public enum Trigger {
    /** An enterprise appealed a rejection of its transfer. */
    APPEAL,
    /** A regulator raised a reasoned objection to another regulator's decision on a transfer both are party to. */
    OBJECTION,
    /** The policy service found that the origin's and the destination's rules conflict. */
    POLICY_CONFLICT
}
