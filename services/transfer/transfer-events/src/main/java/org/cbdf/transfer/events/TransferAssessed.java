package org.cbdf.transfer.events;

import java.time.Instant;

/**
 * The transfer took the outcome of its assessment ({@value TransferEvents#ASSESSED_V1}): {@code status} is
 * the transfer's new status ({@code PERMITTED}, {@code CONDITIONAL}, {@code AWAITING_APPROVAL},
 * {@code PROHIBITED}).
 */
public record TransferAssessed(String transferId, String organization, String status, String outcome,
        String assessmentId, String policyVersion, Instant assessedAt) {
}
