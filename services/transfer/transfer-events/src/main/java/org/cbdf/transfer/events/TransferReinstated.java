package org.cbdf.transfer.events;

import java.time.Instant;

/**
 * A later reassessment permits a suspended transfer again ({@value TransferEvents#REINSTATED_V1});
 * {@code status} is the status it had before the suspension.
 */
public record TransferReinstated(String transferId, String organization, String status, String outcome,
        String assessmentId, String policyVersion, Instant reinstatedAt) {
}
