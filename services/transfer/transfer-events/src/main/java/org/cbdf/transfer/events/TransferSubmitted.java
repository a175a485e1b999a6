package org.cbdf.transfer.events;

import java.time.Instant;

/** An enterprise submitted a transfer request ({@value TransferEvents#SUBMITTED_V1}). */
public record TransferSubmitted(String transferId, String organization, String submittedBy, Instant submittedAt,
        TransferRequest request) {
}
