package org.cbdf.policy.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A review ended ({@value PolicyEvents#ADEQUACY_REVIEW_CONCLUDED_V1}): adopted, with the decision or agreement it
 * produced or changed (already in force, or from {@code entryIntoForce}), or rejected with nothing changed.
 *
 * @param status            {@code ADOPTED} (enters into force later), {@code IN_FORCE} or {@code REJECTED}
 * @param outcome           {@code ADEQUATE}, {@code SUSPENDED} or {@code REVOKED}; null when rejected
 * @param instrument        the decision or agreement adopted or changed; null when rejected
 * @param policyVersion     the policy version in force after the change; null when rejected
 * @param reviewDate        the next periodic review (Art. 45(3)) of an adequate outcome
 */
public record AdequacyReviewConcluded(String reviewId, String authority, ReviewSubject subject, String status,
        String outcome, PolicyInstrument instrument, String scope, List<String> conditions, LocalDate entryIntoForce,
        LocalDate reviewDate, LocalDate validUntil, String legalReference, List<FindingRating> findings,
        String reason, String policyVersion, int reassessedTransfers, String concludedBy, Instant concludedAt) {

    public AdequacyReviewConcluded {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
