package org.cbdf.transfer.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.transfer.events.TransferAssessed;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;

/**
 * A transfer request and its lifecycle. Every transition checks the current status and records the event
 * that announces it; {@link #version()} counts the events, so each event's aggregate version is gap-free.
 */
class Transfer {

    private final TransferId id;
    private final String organization;
    private final String submittedBy;
    private final TransferRequest request;
    private final Instant submittedAt;
    private TransferStatus status;
    private Instant updatedAt;
    private String assessmentId;
    private Assessment assessment;
    private long version;
    private final long persistedVersion;
    private final List<RecordedEvent> recorded = new ArrayList<>();

    /** An event the aggregate recorded, with its type on the wire and its aggregate version. */
    record RecordedEvent(String type, long version, Object payload) {
    }

    private Transfer(TransferId id, String organization, String submittedBy, TransferRequest request,
            Instant submittedAt, TransferStatus status, Instant updatedAt, String assessmentId, Assessment assessment,
            long version) {
        this.id = id;
        this.organization = organization;
        this.submittedBy = submittedBy;
        this.request = request;
        this.submittedAt = submittedAt;
        this.status = status;
        this.updatedAt = updatedAt;
        this.assessmentId = assessmentId;
        this.assessment = assessment;
        this.version = version;
        this.persistedVersion = version;
    }

    static Transfer submit(String organization, String submittedBy, TransferRequest request, Instant now) {
        var transfer = new Transfer(TransferId.generate(), organization, submittedBy, request, now,
                TransferStatus.SUBMITTED, now, null, null, 0);
        transfer.record(TransferEvents.SUBMITTED_V1,
                new TransferSubmitted(transfer.id.toString(), organization, submittedBy, now, request));
        return transfer;
    }

    static Transfer restore(TransferId id, String organization, String submittedBy, TransferRequest request,
            Instant submittedAt, TransferStatus status, Instant updatedAt, String assessmentId, Assessment assessment,
            long version) {
        return new Transfer(id, organization, submittedBy, request, submittedAt, status, updatedAt, assessmentId,
                assessment, version);
    }

    /**
     * Takes the policy service's assessment. Only a freshly submitted transfer is assessed here;
     * reassessment after a policy change is a transition of its own.
     */
    void assessed(AssessmentCompleted completed, Instant now) {
        if (status != TransferStatus.SUBMITTED) {
            throw new TransitionRefused(id, status, "take an assessment");
        }
        this.status = TransferStatus.after(completed.assessment().outcome());
        this.assessmentId = completed.assessmentId();
        this.assessment = completed.assessment();
        this.updatedAt = now;
        record(TransferEvents.ASSESSED_V1, new TransferAssessed(id.toString(), organization, status.name(),
                completed.assessment().outcome().name(), completed.assessmentId(),
                completed.assessment().policyVersion(), now));
    }

    private void record(String type, Object payload) {
        version++;
        recorded.add(new RecordedEvent(type, version, payload));
    }

    /** Origin, destination and onward jurisdictions, in that order, without repeats. */
    Set<String> jurisdictions() {
        Set<String> jurisdictions = new LinkedHashSet<>();
        jurisdictions.add(request.exporter().jurisdiction());
        jurisdictions.add(request.importer().jurisdiction());
        if (request.onwardTransfers() != null) {
            request.onwardTransfers().forEach(onward -> jurisdictions.add(onward.jurisdiction()));
        }
        return jurisdictions;
    }

    /** Jurisdictions whose regulator must approve, from the assessment. */
    Set<String> approvers() {
        Set<String> approvers = new LinkedHashSet<>();
        if (assessment != null) {
            assessment.requiredApprovals().forEach(approval -> approvers.add(approval.jurisdiction()));
        }
        return approvers;
    }

    TransferId id() {
        return id;
    }

    String organization() {
        return organization;
    }

    String submittedBy() {
        return submittedBy;
    }

    TransferRequest request() {
        return request;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    TransferStatus status() {
        return status;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String assessmentId() {
        return assessmentId;
    }

    Assessment assessment() {
        return assessment;
    }

    long version() {
        return version;
    }

    long persistedVersion() {
        return persistedVersion;
    }

    List<RecordedEvent> recordedEvents() {
        return Collections.unmodifiableList(recorded);
    }
}
