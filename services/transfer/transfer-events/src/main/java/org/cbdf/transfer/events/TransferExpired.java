package org.cbdf.transfer.events;

import java.time.Instant;

/**
 * The transfer's period or its assessment's validity ended ({@value TransferEvents#EXPIRED_V1});
 * {@code reason} is {@code PERIOD_ENDED} or {@code VALIDITY_ENDED}.
 */
public record TransferExpired(String transferId, String organization, String previousStatus, String reason,
        Instant expiresAt, Instant expiredAt) {
}
