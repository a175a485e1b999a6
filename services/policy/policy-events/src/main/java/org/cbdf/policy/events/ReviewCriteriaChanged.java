package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * The criteria adequacy reviews are assessed against changed ({@value PolicyEvents#REVIEW_CRITERIA_CHANGED_V1}); reviews
 * already open keep theirs.
 */
public record ReviewCriteriaChanged(List<Criterion> jurisdiction, List<Criterion> standard, String reason,
        String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion) {

    /** One criterion: id, what it asks, where the law asks it. */
    public record Criterion(String id, String title, String citation, String description) {
    }

    public ReviewCriteriaChanged {
        jurisdiction = List.copyOf(jurisdiction);
        standard = List.copyOf(standard);
    }
}
