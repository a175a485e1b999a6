package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * The reviewing authority asked named regulators for their opinion on its draft
 * ({@value PolicyEvents#ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1}); each files one by {@code deadline}.
 */
public record AdequacyReviewOpinionsRequested(String reviewId, String authority, List<String> from, Instant deadline,
        List<FindingRating> findings, String requestedBy, Instant requestedAt) {

    public AdequacyReviewOpinionsRequested {
        from = List.copyOf(from);
        findings = List.copyOf(findings);
    }
}
