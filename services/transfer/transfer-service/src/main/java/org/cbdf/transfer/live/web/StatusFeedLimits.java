package org.cbdf.transfer.live.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of this replica the status streams may take ({@code cbdf.transfer.streams}).
 *
 * @param perUser          streams of every visible transfer ({@code /api/v1/transfers/stream}) one user may hold
 *                         open at once (a browser tab each, through the portal)
 * @param transfersPerUser streams of single transfers ({@code /api/v1/transfers/{id}/events}) one user may hold open at
 *                         once (a portal page follows up to 50)
 * @param total            streams of both kinds this replica holds open at once, whoever opened them
 * @param buffer           events waiting for one subscriber: a subscriber this far behind is dropped (it reconnects
 *                         and starts from the current status) rather than making anyone wait for it
 * @param keepAlive        how often every stream gets a comment, so that a client gone away is noticed and its slot
 *                         given back without waiting for a status change
 */
@ConfigurationProperties("cbdf.transfer.streams")
record StatusFeedLimits(@DefaultValue("5") int perUser, @DefaultValue("100") int transfersPerUser,
        @DefaultValue("1000") int total, @DefaultValue("64") int buffer, @DefaultValue("20s") Duration keepAlive) {

    StatusFeedLimits {
        positive(perUser, "per-user");
        positive(transfersPerUser, "transfers-per-user");
        positive(total, "total");
        positive(buffer, "buffer");
        if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("cbdf.transfer.streams.keep-alive must be positive, was " + keepAlive);
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("cbdf.transfer.streams." + name + " must be at least 1, was " + value);
        }
    }
}
