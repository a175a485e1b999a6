package org.cbdf.policy.events;

import java.time.Instant;

/**
 * The recognising jurisdiction decided about a flag ({@value PolicyEvents#RECOGNITION_FLAG_RESOLVED_V1}).
 *
 * @param decision       {@code MAINTAIN} (its own instrument stays), {@code SUSPEND} or {@code REVOKE} (through a
 *                       follow-up review adopted at once), or {@code REVIEW} (a follow-up review decides)
 * @param followUpReview the follow-up review, for every decision but {@code MAINTAIN}
 * @param late           whether the decision came after the flag's deadline
 */
public record RecognitionFlagResolved(String flagId, String recognisingJurisdiction, String decision, String reason,
        String followUpReview, boolean late, String resolvedBy, Instant resolvedAt) {
}
