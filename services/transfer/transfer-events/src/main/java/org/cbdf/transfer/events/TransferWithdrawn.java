package org.cbdf.transfer.events;

import java.time.Instant;

/** The exporter withdrew its transfer ({@value TransferEvents#WITHDRAWN_V1}); it will not take place. */
public record TransferWithdrawn(String transferId, String organization, String previousStatus, String withdrawnBy,
        Instant withdrawnAt) {
}
