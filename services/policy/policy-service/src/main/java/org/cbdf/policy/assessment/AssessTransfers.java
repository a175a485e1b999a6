package org.cbdf.policy.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.transfer.events.TransferSubmitted;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Assesses submitted transfers: the assessment and its event commit together. */
@Service
class AssessTransfers {

    static final String BINDING = "policy-events";

    private final AssessmentEngine engine;
    private final Assessments assessments;
    private final Outbox outbox;
    private final Clock clock;

    AssessTransfers(AssessmentEngine engine, Assessments assessments, Outbox outbox, Clock clock) {
        this.engine = engine;
        this.assessments = assessments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs inside the idempotent consumer's transaction, so a redelivered submission changes nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    StoredAssessment assess(TransferSubmitted submitted, String sourceEventId) {
        Assessment assessment = engine.assess(submitted.request());
        StoredAssessment stored = new StoredAssessment(UUID.randomUUID(), submitted.transferId(),
                assessments.nextVersion(submitted.transferId()), submitted.organization(), Instant.now(clock),
                submitted.request(), assessment);
        assessments.add(stored, sourceEventId);
        outbox.append(OutgoingEvent.to(BINDING)
                .type(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .aggregate(PolicyEvents.ASSESSMENT_AGGREGATE_TYPE, stored.transferId(), stored.version())
                .data(new AssessmentCompleted(stored.assessmentId().toString(), stored.transferId(),
                        stored.organization(), stored.assessedAt(), assessment))
                .extension(CloudEventExtensions.POLICY_VERSION, assessment.policyVersion())
                .extension(CloudEventExtensions.ORGANIZATION, stored.organization())
                .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", stored.jurisdictions()))
                .build());
        return stored;
    }
}
