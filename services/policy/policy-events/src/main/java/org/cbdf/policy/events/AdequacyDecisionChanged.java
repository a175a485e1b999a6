package org.cbdf.policy.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An adequacy decision changed ({@value PolicyEvents#ADEQUACY_DECISION_CHANGED_V1}): its status through the admin
 * API, or anything about it through an adequacy review's outcome. {@code policyVersion} is the version in force from
 * now on, {@code reassessedTransfers} how many transfers that relied on it were reassessed (each gets its own
 * {@code policy.assessment-completed.v1}).
 *
 * @param previousStatus null when the decision is new (adopted by a review)
 * @param reviewId       the adequacy review whose outcome this is; null for a change through the admin API
 * @param adopted        from when the decision applies (null if not recorded)
 * @param reviewDate     when the decision is due for its periodic review (GDPR Art. 45(3)), if set
 * @param conditions     the conditions the review attached to the decision
 */
public record AdequacyDecisionChanged(String decisionId, String authority, List<String> destinations, String scope,
        String citation, String previousStatus, String status, String reason, LocalDate validUntil,
        String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion,
        int reassessedTransfers, String reviewId, LocalDate adopted, LocalDate reviewDate, List<String> conditions) {

    public AdequacyDecisionChanged {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A status change through the admin API: no review. */
    public AdequacyDecisionChanged(String decisionId, String authority, List<String> destinations, String scope,
            String citation, String previousStatus, String status, String reason, LocalDate validUntil,
            String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion,
            int reassessedTransfers) {
        this(decisionId, authority, destinations, scope, citation, previousStatus, status, reason, validUntil, changedBy,
                changedAt, previousPolicyVersion, policyVersion, reassessedTransfers, null, null, null, List.of());
    }
}
