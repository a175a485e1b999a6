package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * A mutual-recognition agreement changed ({@value PolicyEvents#RECOGNITION_AGREEMENT_CHANGED_V1}): its status
 * through the admin API, or anything about it through a review's outcome (standards equivalence, recognition by
 * reference).
 *
 * @param previousStatus      null when the agreement is new (adopted by a review)
 * @param reviewId            the review whose outcome this is; null for a change through the admin API
 * @param conditions          the conditions the review attached
 * @param reassessedTransfers how many transfers that relied on it were reassessed (0 when none or not reported)
 */
public record RecognitionAgreementChanged(String agreementId, String name, List<String> parties, String accepting,
        List<String> certifications, String citation, String previousStatus, String status, String reason,
        String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion, String reviewId,
        List<String> conditions, Integer reassessedTransfers) {

    /** {@code reassessedTransfers} came in after the first events were written: absent reads as 0. */
    public RecognitionAgreementChanged {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        reassessedTransfers = reassessedTransfers == null ? 0 : reassessedTransfers;
    }

    /** A status change through the admin API: no review. */
    public RecognitionAgreementChanged(String agreementId, String name, List<String> parties, String accepting,
            List<String> certifications, String citation, String previousStatus, String status, String reason,
            String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion) {
        this(agreementId, name, parties, accepting, certifications, citation, previousStatus, status, reason, changedBy,
                changedAt, previousPolicyVersion, policyVersion, null, List.of(), 0);
    }
}
