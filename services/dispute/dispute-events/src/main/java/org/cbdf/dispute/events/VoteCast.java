package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/** A panel member voted on a dispute ({@value DisputeEvents#VOTE_CAST_V1}); each member votes once. */
public record VoteCast(String disputeId, String transferId, String jurisdiction, Resolution resolution,
        List<String> conditions, Instant castAt) {

    public VoteCast {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
