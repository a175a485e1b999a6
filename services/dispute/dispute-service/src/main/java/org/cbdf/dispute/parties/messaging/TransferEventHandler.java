package org.cbdf.dispute.parties.messaging;

import org.cbdf.dispute.parties.RecordedDecision;
import org.cbdf.dispute.parties.Submission;
import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the owner and the route of every submitted transfer, and each regulator's latest decision on it (what
 * another regulator may object to). Other transfer events tell it nothing it needs.
 */
class TransferEventHandler {

    /** The idempotent consumer's id: {@code <service>.<binding>}. */
    static final String CONSUMER = "dispute.transferEvents";

    private static final Logger log = LoggerFactory.getLogger(TransferEventHandler.class);

    private final PartyEventMapping mapping;
    private final ProcessedEvents processedEvents;
    private final TransferParties parties;

    TransferEventHandler(PartyEventMapping mapping, ProcessedEvents processedEvents, TransferParties parties) {
        this.mapping = mapping;
        this.processedEvents = processedEvents;
        this.parties = parties;
    }

    void handle(IncomingEvent event) {
        switch (event.type()) {
            case TransferEvents.SUBMITTED_V1 -> {
                Submission submission = mapping.submission(event);
                processedEvents.handleOnce(CONSUMER, event, e -> parties.record(submission));
            }
            case TransferEvents.DECISION_RECORDED_V1 -> {
                RecordedDecision decision = mapping.decision(event);
                processedEvents.handleOnce(CONSUMER, event, e -> parties.record(decision));
            }
            default -> log.debug("Skipping {} event {}: not needed for dispute parties", event.type(), event.id());
        }
    }
}
