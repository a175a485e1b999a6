package org.cbdf.policy.events;

/** Topic and logical event types of the policy service. A breaking change is a new version, never an edit. */
public final class PolicyEvents {

    public static final String TOPIC = "policy.events";
    /** Assessments are keyed by the transfer they assess, so they share its partition and order. */
    public static final String ASSESSMENT_AGGREGATE_TYPE = "transfer-assessment";

    public static final String ASSESSMENT_COMPLETED_V1 = "policy.assessment-completed.v1";
    public static final String CONFLICT_DETECTED_V1 = "policy.conflict-detected.v1";

    private PolicyEvents() {
    }
}
