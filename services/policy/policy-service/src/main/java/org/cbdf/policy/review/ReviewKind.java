package org.cbdf.policy.review;

/** What a review is. */
public enum ReviewKind {
    /** Of a subject the authority has no decision or agreement on yet: adopting it produces one. */
    INITIAL,
    /** Of an existing decision or agreement (periodically, after a court ruling, on a flag): renewed, suspended, revoked. */
    FOLLOW_UP,
    /** Recognition by reference of another jurisdiction's completed review, with the authority's own scope and conditions. */
    RECOGNITION
}
