package org.cbdf.policy.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.PolicyConflictDetected;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.policy.versions.PolicyVersions;
import org.cbdf.transfer.events.TransferRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assesses submitted transfers under the policy in force: the assessment, the volume ledger entry and the event
 * commit together. Reassesses the transfers that relied on an adequacy decision or agreement that changed.
 */
@Service
public class AssessTransfers {

    static final String BINDING = "policy-events";

    private final PolicyVersions policies;
    private final Assessments assessments;
    private final VolumeLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final PolicyConflicts conflicts;
    private final AssessmentMetrics metrics;

    AssessTransfers(PolicyVersions policies, Assessments assessments, VolumeLedger ledger, Outbox outbox, Clock clock,
            PolicyConflicts conflicts, AssessmentMetrics metrics) {
        this.conflicts = conflicts;
        this.metrics = metrics;
        this.policies = policies;
        this.assessments = assessments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs inside the idempotent consumer's transaction, so a redelivered submission changes nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredAssessment assess(SubmittedTransfer submitted, String sourceEventId) {
        long started = System.nanoTime();
        Instant now = Instant.now(clock);
        int year = VolumeLedger.yearOf(submitted.submittedAt() == null ? now : submitted.submittedAt());
        policies.lockForAssessment();
        YearToDate before = ledger.soFarLocked(submitted.organization(), year);
        var evaluation = policies.current().evaluate(submitted.request(), before);
        StoredAssessment stored = new StoredAssessment(AssessmentId.random(), submitted.transferId(),
                assessments.nextVersion(submitted.transferId()), submitted.organization(), now,
                submitted.request(), evaluation.assessment(), evaluation.reliedOn(), null);
        assessments.add(stored, sourceEventId, before);
        ledger.record(submitted, year, now);
        publish(stored);
        publishConflicts(stored, evaluation.conflicts());
        metrics.assessed(stored, "submitted", submitted.submittedAt(), java.time.Duration.ofNanos(System.nanoTime() - started));
        return stored;
    }

    /**
     * Makes every transfer whose newest assessment relied on {@code reliedOnId} assessed again under {@code engine},
     * with the ledger counts of its first assessment, and publishes each as the transfer's next assessment version
     * with {@code reason}. Runs in the transaction of the policy change.
     *
     * @return how many transfers were reassessed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reassessRelyingOn(String reliedOnId, AssessmentEngine engine, String reason, String sourceEventId) {
        List<Assessments.WithYearToDate> relying = assessments.latestRelyingOn(reliedOnId);
        Instant now = Instant.now(clock);
        for (var previous : relying) {
            StoredAssessment old = previous.stored();
            var evaluation = engine.evaluate(old.request(), previous.before());
            StoredAssessment stored = new StoredAssessment(AssessmentId.random(), old.transferId(), old.version() + 1,
                    old.organization(), now, old.request(), evaluation.assessment(), evaluation.reliedOn(),
                    reason + "; was " + old.assessment().outcome() + " under " + old.assessment().policyVersion()
                            + ", now " + evaluation.assessment().outcome());
            assessments.add(stored, sourceEventId, previous.before());
            publish(stored);
            publishConflicts(stored, evaluation.conflicts());
            metrics.assessed(stored, "reassessed", null, null);
        }
        return relying.size();
    }

    /**
     * What {@link #reassessRelyingOn} would make of each transfer whose newest assessment relies on {@code reliedOnId}
     * under {@code engine} — the same transfers, evaluated the same way with the same ledger counts — storing and
     * publishing nothing. Runs in the caller's (read-only) transaction, which holds the policy lock shared so that
     * no change is stored half-way through.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public List<Reassessment> previewRelyingOn(String reliedOnId, AssessmentEngine engine) {
        return assessments.latestRelyingOnToRead(reliedOnId).stream().map(previous -> {
            StoredAssessment old = previous.stored();
            return new Reassessment(old.transferId(), old.organization(), old.request(), old.version(),
                    old.assessment(), engine.evaluate(old.request(), previous.before()).assessment());
        }).toList();
    }

    /**
     * A transfer a policy change would reassess: its request, its newest assessment (version {@code version}) and
     * the assessment it would get.
     */
    public record Reassessment(String transferId, String organization, TransferRequest request, int version,
            Assessment current, Assessment next) {
    }

    /** Each conflict not yet published for the transfer becomes a dispute trigger. */
    private void publishConflicts(StoredAssessment stored, List<AssessmentEngine.Conflict> conflicts) {
        for (AssessmentEngine.Conflict conflict : conflicts) {
            if (this.conflicts.published(stored.transferId(), conflict)) {
                continue;
            }
            UUID conflictId = UUID.randomUUID();
            int version = this.conflicts.add(conflictId, stored.transferId(), conflict,
                    stored.assessment().policyVersion(), stored.assessedAt());
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(PolicyEvents.CONFLICT_DETECTED_V1)
                    .aggregate(PolicyConflicts.AGGREGATE_TYPE, stored.transferId(), version)
                    .data(new PolicyConflictDetected(conflictId.toString(), stored.transferId(), stored.organization(),
                            conflict.jurisdictions(), conflict.rules(), conflict.description(),
                            stored.assessment().policyVersion(), stored.assessedAt()))
                    .extension(CloudEventExtensions.POLICY_VERSION, stored.assessment().policyVersion())
                    .extension(CloudEventExtensions.ORGANIZATION, stored.organization())
                    .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", conflict.jurisdictions()))
                    .build());
        }
    }

    private void publish(StoredAssessment stored) {
        outbox.append(OutgoingEvent.to(BINDING)
                .type(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .aggregate(PolicyEvents.ASSESSMENT_AGGREGATE_TYPE, stored.transferId(), stored.version())
                .data(new AssessmentCompleted(stored.assessmentId().toString(), stored.transferId(),
                        stored.organization(), stored.assessedAt(), stored.assessment(), stored.reason()))
                .extension(CloudEventExtensions.POLICY_VERSION, stored.assessment().policyVersion())
                .extension(CloudEventExtensions.ORGANIZATION, stored.organization())
                .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", stored.jurisdictions()))
                .build());
    }
}
