package org.cbdf.policy.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A policy administrator loaded, replaced or withdrew the negative list of a Chinese pilot free trade zone (CAC
 * Provisions 2024, Art. 6) ({@value PolicyEvents#NEGATIVE_LIST_CHANGED_V1}). {@code change} is {@code LOADED} (none
 * was loaded: {@code previousList} is null), {@code REPLACED} or {@code WITHDRAWN} ({@code negativeList} is null);
 * {@code policyVersion} is the version in force from now on, {@code reassessedTransfers} how many transfers the
 * previous list had exempted were reassessed (each gets its own {@code policy.assessment-completed.v1}).
 */
public record NegativeListChanged(String zone, String zoneName, String jurisdiction, String change,
        NegativeList previousList, NegativeList negativeList, String reason, String changedBy, Instant changedAt,
        String previousPolicyVersion, String policyVersion, int reassessedTransfers) {

    /**
     * A zone's list as published: who published it, its legal reference, when it takes effect, and the request's data
     * categories on it, each with the zone's own items behind it.
     */
    public record NegativeList(String authority, String legalReference, LocalDate effective, List<Entry> entries) {
    }

    public record Entry(String category, List<String> zoneItems) {
    }
}
