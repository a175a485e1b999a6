package org.cbdf.policy.rules;

/** Status of an adequacy decision or a mutual-recognition agreement. */
public enum DecisionStatus {
    /** In force. */
    ACTIVE,
    /** In force while a court or authority examines it: transfers may rely on it, the trace says so. */
    UNDER_CHALLENGE,
    /** Not in force for now: nothing may rely on it (Schrems II: with immediate effect). */
    SUSPENDED,
    /** No longer in force. */
    REVOKED;

    public boolean inForce() {
        return this == ACTIVE || this == UNDER_CHALLENGE;
    }
}
