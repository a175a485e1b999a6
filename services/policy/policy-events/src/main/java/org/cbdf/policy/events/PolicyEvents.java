package org.cbdf.policy.events;

/** Topic and logical event types of the policy service. A breaking change is a new version, never an edit. */
public final class PolicyEvents {

    public static final String TOPIC = "policy.events";
    /** Assessments are keyed by the transfer they assess, so they share its partition and order. */
    public static final String ASSESSMENT_AGGREGATE_TYPE = "transfer-assessment";

    public static final String ASSESSMENT_COMPLETED_V1 = "policy.assessment-completed.v1";
    public static final String CONFLICT_DETECTED_V1 = "policy.conflict-detected.v1";
    public static final String ADEQUACY_DECISION_CHANGED_V1 = "policy.adequacy-decision-changed.v1";
    public static final String RECOGNITION_AGREEMENT_CHANGED_V1 = "policy.recognition-agreement-changed.v1";
    public static final String RULE_PACK_PUBLISHED_V1 = "policy.rule-pack-published.v1";
    public static final String NEGATIVE_LIST_CHANGED_V1 = "policy.negative-list-changed.v1";
    public static final String REVIEW_CRITERIA_CHANGED_V1 = "policy.review-criteria-changed.v1";

    /** The adequacy review procedure (keyed by the review id, versions 1, 2, 3 … per review). */
    public static final String ADEQUACY_REVIEW_OPENED_V1 = "policy.adequacy-review-opened.v1";
    public static final String ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1 = "policy.adequacy-review-opinions-requested.v1";
    public static final String ADEQUACY_REVIEW_OPINION_FILED_V1 = "policy.adequacy-review-opinion-filed.v1";
    public static final String ADEQUACY_REVIEW_DEADLINE_MISSED_V1 = "policy.adequacy-review-deadline-missed.v1";
    public static final String ADEQUACY_REVIEW_CONCLUDED_V1 = "policy.adequacy-review-concluded.v1";
    public static final String ADEQUACY_REVIEW_STATUS_CHANGED_V1 = "policy.adequacy-review-status-changed.v1";
    /** Flags to a jurisdiction that recognised a decision by reference (keyed by the flag id). */
    public static final String RECOGNITION_FLAG_RAISED_V1 = "policy.recognition-flag-raised.v1";
    public static final String RECOGNITION_FLAG_RESOLVED_V1 = "policy.recognition-flag-resolved.v1";

    /**
     * Aggregate types of the policy changes: keyed by the decision id, the agreement id, the pack's jurisdiction, the
     * free trade zone's code.
     */
    public static final String ADEQUACY_DECISION_AGGREGATE_TYPE = "adequacy-decision";
    public static final String RECOGNITION_AGREEMENT_AGGREGATE_TYPE = "recognition-agreement";
    public static final String RULE_PACK_AGGREGATE_TYPE = "rule-pack";
    public static final String FREE_TRADE_ZONE_AGGREGATE_TYPE = "free-trade-zone";
    /** The review criteria are one aggregate, keyed {@code criteria}. */
    public static final String REVIEW_CRITERIA_AGGREGATE_TYPE = "review-criteria";
    public static final String ADEQUACY_REVIEW_AGGREGATE_TYPE = "adequacy-review";
    public static final String RECOGNITION_FLAG_AGGREGATE_TYPE = "recognition-flag";

    private PolicyEvents() {
    }
}
