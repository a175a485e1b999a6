package org.cbdf.policy.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An adequacy decision changed status ({@value PolicyEvents#ADEQUACY_DECISION_CHANGED_V1}); {@code policyVersion}
 * is the version in force from now on, {@code reassessedTransfers} how many transfers that relied on it were
 * reassessed (each gets its own {@code policy.assessment-completed.v1}).
 */
public record AdequacyDecisionChanged(String decisionId, String authority, List<String> destinations, String scope,
        String citation, String previousStatus, String status, String reason, LocalDate validUntil,
        String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion,
        int reassessedTransfers) {
}
