package org.cbdf.transfer.request;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the binding outcome of a dispute to the appealed transfer: {@code UPHOLD} keeps the rejection,
 * {@code OVERTURN} and {@code APPROVE_WITH_CONDITIONS} approve it. Disputes that were not opened by an appeal
 * (a regulator's objection, a policy conflict) leave the transfer's status alone. Batch mode: a poll is handled in
 * one transaction ({@link EventBatches}).
 */
@Configuration(proxyBeanMethods = false)
class DisputeEventsConsumer {

    static final String CONSUMER = "transfer.disputeEvents";
    private static final Logger log = LoggerFactory.getLogger(DisputeEventsConsumer.class);

    @Bean
    Consumer<Message<List<byte[]>>> disputeEvents(ProcessedEvents processed, Transfers transfers, JsonMapper json,
            Clock clock, EventBatches batches) {
        return batches.inOneTransaction(message -> {
            IncomingEvent event = IncomingEvent.from(message);
            if (!DisputeEvents.RESOLVED_V1.equals(event.type())) {
                return; // opened, and types newer than this consumer: nothing for the transfer to do
            }
            processed.handleOnce(CONSUMER, event, e -> apply(e.data(json, DisputeResolved.class),
                    e.extension(CloudEventExtensions.ORGANIZATION), transfers, Instant.now(clock)));
        });
    }

    private static void apply(DisputeResolved resolved, String claimedOrganization, Transfers transfers,
            Instant now) {
        if (resolved.resolution() == null) {
            throw new InvalidEventException("dispute " + resolved.disputeId() + " was resolved without a resolution");
        }
        Transfer transfer = TransferId.parse(resolved.transferId()).flatMap(transfers::find)
                .orElseThrow(() -> new InvalidEventException("dispute " + resolved.disputeId()
                        + " names unknown transfer " + resolved.transferId()));
        if (claimedOrganization != null && !claimedOrganization.equals(transfer.organization())) {
            throw new InvalidEventException("dispute " + resolved.disputeId() + " claims organization "
                    + claimedOrganization + " but transfer " + transfer.id() + " belongs to another");
        }
        if (transfer.status() != TransferStatus.APPEALED) {
            log.info("Dispute {} resolved ({}) for transfer {} which is {}, not APPEALED: status unchanged",
                    resolved.disputeId(), resolved.resolution(), transfer.id(), transfer.status());
            return;
        }
        transfer.appealDecided(resolved.disputeId(), resolved.resolution().name(), resolved.conditions(), now);
        transfers.save(transfer);
    }
}
