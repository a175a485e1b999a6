package org.cbdf.platform.messaging;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source        CloudEvents {@code source} of every event this service publishes
 * @param relayInterval how often the relay looks for unpublished events when nothing woke it earlier
 * @param relayBatch    events relayed per round, all in flight at once
 * @param relaySendTimeout how long the relay waits for the broker to acknowledge an event before it counts the rest
 *                      of the round as not sent (they go out again, with the same ids, in the next round)
 * @param relayEnabled  whether this instance relays its outbox (tests switch it off to simulate a crash)
 */
@ConfigurationProperties("cbdf.messaging")
public record MessagingProperties(
        URI source,
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("200") int relayBatch,
        @DefaultValue("30s") Duration relaySendTimeout,
        @DefaultValue("true") boolean relayEnabled) {
}
