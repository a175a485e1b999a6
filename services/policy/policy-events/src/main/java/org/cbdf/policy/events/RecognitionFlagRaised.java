package org.cbdf.policy.events;

import java.time.Instant;

/**
 * A decision or agreement that a jurisdiction recognised by reference was suspended or revoked
 * ({@value PolicyEvents#RECOGNITION_FLAG_RAISED_V1}): the recognising jurisdiction decides about its own instrument by
 * {@code deadline}; nothing changes for it until then.
 *
 * @param ownInstrument     the recognising jurisdiction's decision or agreement, unchanged
 * @param changedInstrument the recognised decision or agreement that changed
 * @param change            {@code SUSPENDED} or {@code REVOKED}
 * @param policyVersion     the policy version that made the change
 */
public record RecognitionFlagRaised(String flagId, String recognisingJurisdiction, String recognisingReview,
        PolicyInstrument ownInstrument, String recognisedAuthority, String recognisedReview,
        PolicyInstrument changedInstrument, String change, String reason, String policyVersion, Instant raisedAt,
        Instant deadline) {
}
