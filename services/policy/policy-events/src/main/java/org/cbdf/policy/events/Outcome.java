package org.cbdf.policy.events;

/** From least to most strict: combining outcomes keeps the strictest. */
public enum Outcome {
    PERMITTED, CONDITIONAL, REVIEW_REQUIRED, PROHIBITED;

    public Outcome strictest(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
