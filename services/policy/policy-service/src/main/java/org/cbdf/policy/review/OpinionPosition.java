package org.cbdf.policy.review;

/** A named regulator's opinion on a draft. */
public enum OpinionPosition {
    FAVOURABLE, FAVOURABLE_WITH_CONDITIONS, UNFAVOURABLE
}
