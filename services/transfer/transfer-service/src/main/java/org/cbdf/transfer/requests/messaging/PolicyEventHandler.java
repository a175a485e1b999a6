package org.cbdf.transfer.requests.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.requests.Assessment;
import org.cbdf.transfer.requests.Transfer;
import org.cbdf.transfer.requests.TransferId;
import org.cbdf.transfer.requests.Transfers;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the policy service's assessments to transfers: reads {@code policy.assessment-completed.v1} into the
 * domain's {@link Assessment} and lets the transfer take it. An event the transfer cannot take (no outcome, an unknown
 * transfer, another organisation's) is an {@link InvalidEventException}: dead-lettered with the reason.
 */
public class PolicyEventHandler {

    /** The idempotent-consumer name under which this service records the policy events it handled. */
    public static final String CONSUMER = "transfer.policyEvents";

    private final ProcessedEvents processed;
    private final Transfers transfers;
    private final JsonMapper json;
    private final Clock clock;

    PolicyEventHandler(ProcessedEvents processed, Transfers transfers, JsonMapper json, Clock clock) {
        this.processed = processed;
        this.transfers = transfers;
        this.json = json;
        this.clock = clock;
    }

    void handle(IncomingEvent event) {
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
        processed.handleOnce(CONSUMER, event, e -> apply(completed, Instant.now(clock)));
    }

    private void apply(AssessmentCompleted completed, Instant now) {
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
        transfer.assessed(completed.assessmentId(), assessment(completed.assessment()), completed.reason(), now);
        transfers.save(transfer);
    }

    /** The policy's assessment in the domain's terms, member for member (absent lists stay absent). */
    static Assessment assessment(org.cbdf.policy.events.Assessment wire) {
        return new Assessment(Assessment.Outcome.valueOf(wire.outcome().name()),
                map(wire.requiredApprovals(), a -> a == null ? null
                        : new Assessment.RequiredApproval(a.jurisdiction(), a.procedure())),
                wire.acceptedMechanisms() == null ? null : List.copyOf(wire.acceptedMechanisms()),
                map(wire.obligations(), o -> o == null ? null : new Assessment.Obligation(o.code(), o.text())),
                wire.validUntil(),
                map(wire.trace(), t -> t == null ? null : new Assessment.TraceEntry(t.rule(), t.jurisdiction(),
                        t.matched(), t.citation(), t.explanation())),
                wire.policyVersion());
    }

    private static <A, B> List<B> map(List<A> values, Function<A, B> mapping) {
        return values == null ? null : values.stream().map(mapping).toList();
    }
}
