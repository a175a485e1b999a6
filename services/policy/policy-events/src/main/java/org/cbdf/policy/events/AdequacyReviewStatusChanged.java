package org.cbdf.policy.events;

import java.time.Instant;

/**
 * An adopted review entered into force on its date, or an in-force review was superseded by a later review of the
 * same decision or agreement ({@value PolicyEvents#ADEQUACY_REVIEW_STATUS_CHANGED_V1}).
 *
 * @param supersededBy the later review, when {@code status} is {@code SUPERSEDED}
 */
public record AdequacyReviewStatusChanged(String reviewId, String previousStatus, String status, String reason,
        String supersededBy, Instant changedAt) {
}
