package org.cbdf.transfer.events;

import java.time.Instant;
import java.util.List;

/**
 * The dispute opened by an appeal reached its binding outcome and the transfer took it
 * ({@value TransferEvents#APPEAL_DECIDED_V1}): {@code resolution} is the dispute's ({@code UPHOLD},
 * {@code OVERTURN}, {@code APPROVE_WITH_CONDITIONS}), {@code status} the transfer's new status ({@code REJECTED}
 * or {@code APPROVED}).
 */
public record AppealDecided(String transferId, String organization, String disputeId, String resolution,
        List<String> conditions, String status, Instant decidedAt) {
}
