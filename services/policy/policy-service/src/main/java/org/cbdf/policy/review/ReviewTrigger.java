package org.cbdf.policy.review;

/** Who opened a review. */
public enum ReviewTrigger {
    /** A regulator or a policy administrator. */
    REQUEST,
    /** The platform, ahead of the review date of a decision in force (GDPR Art. 45(3)). */
    PERIODIC,
    /** A recognising jurisdiction, deciding on a flag about the decision it recognised. */
    RECOGNITION_FLAG
}
