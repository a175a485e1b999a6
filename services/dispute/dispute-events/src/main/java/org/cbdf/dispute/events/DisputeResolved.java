package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * A dispute reached its binding outcome ({@value DisputeEvents#RESOLVED_V1}).
 *
 * @param conditions what the transfer must satisfy; empty unless {@code resolution} is
 *                   {@link Resolution#APPROVE_WITH_CONDITIONS}
 */
public record DisputeResolved(String disputeId, String transferId, Resolution resolution, List<String> conditions,
        DecidedBy decidedBy, Instant resolvedAt) {

    public DisputeResolved {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
