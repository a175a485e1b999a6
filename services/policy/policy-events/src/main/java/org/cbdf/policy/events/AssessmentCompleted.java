package org.cbdf.policy.events;

import java.time.Instant;

/**
 * The policy service assessed a transfer ({@value PolicyEvents#ASSESSMENT_COMPLETED_V1}). A reassessment (the
 * event's {@code aggregateversion} 2, 3 …) carries the {@code reason}: which policy change made it, e.g.
 * "adequacy decision eu-us-dpf REVOKED: …"; the first assessment has none.
 */
public record AssessmentCompleted(String assessmentId, String transferId, String organization, Instant assessedAt,
        Assessment assessment, String reason) {

    /** A first assessment: no reason. */
    public AssessmentCompleted(String assessmentId, String transferId, String organization, Instant assessedAt,
            Assessment assessment) {
        this(assessmentId, transferId, organization, assessedAt, assessment, null);
    }
}
