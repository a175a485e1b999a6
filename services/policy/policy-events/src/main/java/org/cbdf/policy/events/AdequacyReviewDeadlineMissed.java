package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * The opinions' deadline passed with opinions missing ({@value PolicyEvents#ADEQUACY_REVIEW_DEADLINE_MISSED_V1}): the
 * reviewing authority may now conclude without them.
 *
 * @param step    {@code OPINIONS}
 * @param missing the jurisdictions whose opinion did not come
 */
public record AdequacyReviewDeadlineMissed(String reviewId, String step, Instant deadline, List<String> missing,
        String consequence, Instant detectedAt) {

    public AdequacyReviewDeadlineMissed {
        missing = List.copyOf(missing);
    }
}
