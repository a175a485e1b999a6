package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * A dispute reached its binding outcome ({@value DisputeEvents#RESOLVED_V1}).
 *
 * @param conditions what the transfer must satisfy; empty unless {@code resolution} is
 *                   {@link Resolution#APPROVE_WITH_CONDITIONS}
 * @param trigger    what opened the dispute (added, may be null from older producers): only an {@code APPEAL}'s
 *                   outcome decides an appealed transfer's status
 */
public record DisputeResolved(String disputeId, String transferId, Resolution resolution, List<String> conditions,
        DecidedBy decidedBy, Instant resolvedAt, Trigger trigger) {

    public DisputeResolved {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** The foundation's shape, without the trigger. */
    public DisputeResolved(String disputeId, String transferId, Resolution resolution, List<String> conditions,
            DecidedBy decidedBy, Instant resolvedAt) {
        this(disputeId, transferId, resolution, conditions, decidedBy, resolvedAt, null);
    }
}
