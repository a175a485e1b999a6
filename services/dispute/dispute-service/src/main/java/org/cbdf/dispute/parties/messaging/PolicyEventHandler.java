package org.cbdf.dispute.parties.messaging;

import org.cbdf.dispute.parties.AssessmentResult;
import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.PolicyEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the outcome of every assessment and the regulators whose approval it requires. */
class PolicyEventHandler {

    /** The idempotent consumer's id: {@code <service>.<binding>}. */
    static final String CONSUMER = "dispute.policyEvents";

    private static final Logger log = LoggerFactory.getLogger(PolicyEventHandler.class);

    private final PartyEventMapping mapping;
    private final ProcessedEvents processedEvents;
    private final TransferParties parties;

    PolicyEventHandler(PartyEventMapping mapping, ProcessedEvents processedEvents, TransferParties parties) {
        this.mapping = mapping;
        this.processedEvents = processedEvents;
        this.parties = parties;
    }

    void handle(IncomingEvent event) {
        switch (event.type()) {
            case PolicyEvents.ASSESSMENT_COMPLETED_V1 -> {
                AssessmentResult assessment = mapping.assessment(event);
                processedEvents.handleOnce(CONSUMER, event, e -> parties.record(assessment));
            }
            default -> log.debug("Skipping {} event {}: not needed for dispute parties", event.type(), event.id());
        }
    }
}
