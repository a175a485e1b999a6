package org.cbdf.transfer.request;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.PolicyEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/** Applies the policy service's assessments to transfers; a poll in one transaction ({@link EventBatches}). */
@Configuration(proxyBeanMethods = false)
class PolicyEventsConsumer {

    static final String CONSUMER = "transfer.policyEvents";

    @Bean
    Consumer<Message<List<byte[]>>> policyEvents(ProcessedEvents processed, Transfers transfers, JsonMapper json,
            Clock clock, EventBatches batches) {
        return batches.inOneTransaction(message -> {
            IncomingEvent event = IncomingEvent.from(message);
            if (!PolicyEvents.ASSESSMENT_COMPLETED_V1.equals(event.type())) {
                return; // not ours to act on; newer types are ignored (forward compatible)
            }
            AssessmentCompleted completed = event.data(json, AssessmentCompleted.class);
            String claimed = event.extension(CloudEventExtensions.ORGANIZATION);
            if (claimed != null && !claimed.equals(completed.organization())) {
                // a forged or confused envelope: the event says one organisation outside and another inside
                throw new InvalidEventException("assessment " + completed.assessmentId() + " claims organization "
                        + claimed + " in its envelope but " + completed.organization() + " in its payload");
            }
            processed.handleOnce(CONSUMER, event, e -> apply(completed, transfers, Instant.now(clock)));
        });
    }

    private static void apply(AssessmentCompleted completed, Transfers transfers, Instant now) {
        if (completed.assessment() == null || completed.assessment().outcome() == null) {
            throw new InvalidEventException("assessment " + completed.assessmentId() + " has no outcome");
        }
        Transfer transfer = TransferId.parse(completed.transferId()).flatMap(transfers::find)
                .orElseThrow(() -> new InvalidEventException("assessment " + completed.assessmentId()
                        + " names unknown transfer " + completed.transferId()));
        if (!transfer.organization().equals(completed.organization())) {
            throw new InvalidEventException("assessment " + completed.assessmentId() + " claims organization "
                    + completed.organization() + " but transfer " + transfer.id() + " belongs to another");
        }
        transfer.assessed(completed, now);
        transfers.save(transfer);
    }
}
