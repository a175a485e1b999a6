package org.cbdf.transfer.events;

import java.time.Instant;

/**
 * The exporter recorded the fulfilment of one obligation of a conditional transfer
 * ({@value TransferEvents#OBLIGATION_FULFILLED_V1}); {@code status} is {@code PERMITTED} once every obligation
 * is fulfilled, {@code CONDITIONAL} while some remain.
 */
public record ObligationFulfilled(String transferId, String organization, String code, String reference,
        String fulfilledBy, Instant fulfilledAt, String status) {
}
