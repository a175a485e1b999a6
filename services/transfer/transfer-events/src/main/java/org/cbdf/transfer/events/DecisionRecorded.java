package org.cbdf.transfer.events;

import java.time.Instant;
import java.util.List;

/**
 * A regulator recorded its decision on a transfer ({@value TransferEvents#DECISION_RECORDED_V1});
 * {@code status} is the transfer's status after it (still {@code AWAITING_APPROVAL} while other approvals
 * are missing, {@code APPROVED} or {@code REJECTED} once decided).
 */
public record DecisionRecorded(String transferId, String organization, String jurisdiction, Decision decision,
        String reasons, List<String> conditions, String decidedBy, Instant decidedAt, String status) {
}
