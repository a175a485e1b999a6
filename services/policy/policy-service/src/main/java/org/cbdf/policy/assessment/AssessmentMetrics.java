package org.cbdf.policy.assessment;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The policy service's domain metrics, counted once the assessment's transaction committed:
 * <ul>
 * <li>{@code cbdf_assessment_duration_seconds}: time to assess one submitted transfer (evaluation, volume ledger,
 * storage, outbox), a histogram;</li>
 * <li>{@code cbdf_assessment_delay_seconds}: from the transfer's submit to its assessment being committed;</li>
 * <li>{@code cbdf_assessments_total{outcome,trigger}}: assessments by outcome, of submitted transfers or
 * reassessments after a policy change.</li>
 * </ul>
 */
@Component
class AssessmentMetrics {

    private final MeterRegistry meters;
    private final Timer duration;
    private final Timer delay;

    AssessmentMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.duration = Timer.builder("cbdf.assessment.duration")
                .description("Time to assess one submitted transfer: evaluation, volume ledger, storage, outbox")
                .register(meters);
        this.delay = Timer.builder("cbdf.assessment.delay")
                .description("From a transfer's submit to its assessment committed")
                .register(meters);
    }

    void assessed(StoredAssessment stored, String trigger, Instant submittedAt, Duration took) {
        String outcome = stored.assessment().outcome().name();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("assessments are counted after their transaction commits");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Counter.builder("cbdf.assessments").description("Assessments by outcome and trigger")
                        .tag("outcome", outcome).tag("trigger", trigger).register(meters).increment();
                if (took != null) {
                    duration.record(took);
                }
                if (submittedAt != null) {
                    delay.record(Duration.between(submittedAt, Instant.now()));
                }
            }
        });
    }
}
