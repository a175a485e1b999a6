package org.cbdf.transfer.events;

import java.time.Instant;

/**
 * A reassessment under changed policy removed the transfer's basis ({@value TransferEvents#SUSPENDED_V1}):
 * it may not take place until a later reassessment permits it again.
 */
public record TransferSuspended(String transferId, String organization, String previousStatus, String outcome,
        String reason, String assessmentId, String policyVersion, Instant suspendedAt) {
}
