package org.cbdf.policy.events;

import java.time.Instant;

/** The policy service assessed a transfer ({@value PolicyEvents#ASSESSMENT_COMPLETED_V1}). */
public record AssessmentCompleted(String assessmentId, String transferId, String organization, Instant assessedAt,
        Assessment assessment) {
}
