package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * The rules of two or more jurisdictions contradict each other on a transfer in a way no mechanism resolves
 * ({@value PolicyEvents#CONFLICT_DETECTED_V1}); the dispute service opens a case. {@code rules} are the ids
 * of the rules in conflict, {@code jurisdictions} the jurisdictions whose rules they are.
 */
public record PolicyConflictDetected(String conflictId, String transferId, String organization,
        List<String> jurisdictions, List<String> rules, String description, String policyVersion,
        Instant detectedAt) {
}
