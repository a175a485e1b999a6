package org.cbdf.transfer.requests.messaging;

import java.time.Clock;
import java.time.Instant;

import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.transfer.requests.Transfer;
import org.cbdf.transfer.requests.TransferId;
import org.cbdf.transfer.requests.TransferStatus;
import org.cbdf.transfer.requests.Transfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the binding outcome of a dispute to the appealed transfer: {@code UPHOLD} keeps the rejection,
 * {@code OVERTURN} and {@code APPROVE_WITH_CONDITIONS} approve it. Disputes that were not opened by an appeal
 * (a regulator's objection, a policy conflict) leave the transfer's status alone.
 */
public class DisputeEventHandler {

    /** The idempotent-consumer name under which this service records the dispute events it handled. */
    public static final String CONSUMER = "transfer.disputeEvents";

    private static final Logger log = LoggerFactory.getLogger(DisputeEventHandler.class);

    private final ProcessedEvents processed;
    private final Transfers transfers;
    private final JsonMapper json;
    private final Clock clock;

    DisputeEventHandler(ProcessedEvents processed, Transfers transfers, JsonMapper json, Clock clock) {
        this.processed = processed;
        this.transfers = transfers;
        this.json = json;
        this.clock = clock;
    }

    void handle(IncomingEvent event) {
        if (!DisputeEvents.RESOLVED_V1.equals(event.type())) {
            return; // opened, and types newer than this consumer: nothing for the transfer to do
        }
        processed.handleOnce(CONSUMER, event, e -> apply(e.data(json, DisputeResolved.class),
                e.extension(CloudEventExtensions.ORGANIZATION), Instant.now(clock)));
    }

    private void apply(DisputeResolved resolved, String claimedOrganization, Instant now) {
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
        // the domain takes the outcome in its own words: the resolution's name and the conditions
        transfer.appealDecided(resolved.disputeId(), resolved.resolution().name(), resolved.conditions(), now);
        transfers.save(transfer);
    }
}
