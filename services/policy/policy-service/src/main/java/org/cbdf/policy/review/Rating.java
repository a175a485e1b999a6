package org.cbdf.policy.review;

/** How a criterion is met, measured against the standard of "essential equivalence" (CJEU C-362/14, C-311/18). */
public enum Rating {
    ESSENTIALLY_EQUIVALENT, EQUIVALENT_WITH_CONDITIONS, NOT_EQUIVALENT
}
