package org.cbdf.transfer.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cbdf.transfer.events.AppealDecided;
import org.cbdf.transfer.events.Decision;
import org.cbdf.transfer.events.DecisionRecorded;
import org.cbdf.transfer.events.ObligationFulfilled;
import org.cbdf.transfer.events.TransferAppealed;
import org.cbdf.transfer.events.TransferAssessed;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferExpired;
import org.cbdf.transfer.events.TransferReaders;
import org.cbdf.transfer.events.TransferReinstated;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.cbdf.transfer.events.TransferSuspended;
import org.cbdf.transfer.events.TransferWithdrawn;

/**
 * A transfer request and its lifecycle. Every transition checks the current status and records the event
 * that announces it; {@link #version()} counts the events, so each event's aggregate version is gap-free.
 */
public class Transfer {

    private final TransferId id;
    private final String organization;
    private final String submittedBy;
    private final TransferRequest request;
    private final Instant submittedAt;
    private TransferStatus status;
    private Instant updatedAt;
    private String assessmentId;
    private Assessment assessment;
    private Lifecycle lifecycle;
    private long version;
    private final long persistedVersion;
    private final List<RecordedEvent> recorded = new ArrayList<>();

    /** An event the aggregate recorded, with its type on the wire and its aggregate version. */
    public record RecordedEvent(String type, long version, Object payload) {
    }

    /** When the transfer stops being valid, and why. */
    public record Expiry(Instant at, String reason) {
    }

    private Transfer(TransferId id, String organization, String submittedBy, TransferRequest request,
            Instant submittedAt, TransferStatus status, Instant updatedAt, String assessmentId, Assessment assessment,
            Lifecycle lifecycle, long version) {
        this.id = id;
        this.organization = organization;
        this.submittedBy = submittedBy;
        this.request = request;
        this.submittedAt = submittedAt;
        this.status = status;
        this.updatedAt = updatedAt;
        this.assessmentId = assessmentId;
        this.assessment = assessment;
        this.lifecycle = lifecycle == null ? Lifecycle.empty() : lifecycle;
        this.version = version;
        this.persistedVersion = version;
    }

    public static Transfer submit(String organization, String submittedBy, TransferRequest request, Instant now) {
        var transfer = new Transfer(TransferId.generate(), organization, submittedBy, request, now,
                TransferStatus.SUBMITTED, now, null, null, Lifecycle.empty(), 0);
        transfer.record(TransferEvents.SUBMITTED_V1,
                new TransferSubmitted(transfer.id.toString(), organization, submittedBy, now, request));
        return transfer;
    }

    static Transfer restore(TransferId id, String organization, String submittedBy, TransferRequest request,
            Instant submittedAt, TransferStatus status, Instant updatedAt, String assessmentId, Assessment assessment,
            Lifecycle lifecycle, long version) {
        return new Transfer(id, organization, submittedBy, request, submittedAt, status, updatedAt, assessmentId,
                assessment, lifecycle, version);
    }

    /**
     * Takes an assessment of the policy service. The first one decides the status; a later one (policy
     * changed) suspends a transfer whose basis it removes, or reinstates a suspended transfer it permits again.
     * A transfer that is already decided for good (prohibited, rejected, appealed, expired, withdrawn) keeps
     * its status.
     *
     * @param policyChange why the policy service reassessed it; null for a first assessment
     */
    public void assessed(String assessmentId, Assessment next, String policyChange, Instant now) {
        switch (status) {
            case SUBMITTED -> {
                this.status = TransferStatus.after(next.outcome());
                adopt(assessmentId, next, now);
                record(TransferEvents.ASSESSED_V1, new TransferAssessed(id.toString(), organization, status.name(),
                        next.outcome().name(), assessmentId, next.policyVersion(), now));
            }
            case PERMITTED, APPROVED, CONDITIONAL, AWAITING_APPROVAL -> {
                if (status.losesBasisUnder(next.outcome())) {
                    TransferStatus previous = status;
                    String reason = (policyChange == null ? "Reassessment " + assessmentId
                            : policyChange + ": reassessment " + assessmentId)
                            + " under policy " + next.policyVersion() + " found " + next.outcome()
                            + describeMatchedRules(next);
                    this.lifecycle = new Lifecycle(lifecycle.decisions(), lifecycle.fulfilments(), lifecycle.appeal(),
                            previous, reason);
                    this.status = TransferStatus.SUSPENDED;
                    adopt(assessmentId, next, now);
                    record(TransferEvents.SUSPENDED_V1, new TransferSuspended(id.toString(), organization,
                            previous.name(), next.outcome().name(), reason, assessmentId,
                            next.policyVersion(), now));
                }
            }
            case SUSPENDED -> {
                TransferStatus resume = lifecycle.resumeStatus();
                if (resume != null && !resume.losesBasisUnder(next.outcome())) {
                    this.lifecycle = new Lifecycle(lifecycle.decisions(), lifecycle.fulfilments(), lifecycle.appeal(),
                            null, null);
                    this.status = resume;
                    adopt(assessmentId, next, now);
                    record(TransferEvents.REINSTATED_V1, new TransferReinstated(id.toString(), organization,
                            status.name(), next.outcome().name(), assessmentId, next.policyVersion(),
                            now));
                }
            }
            default -> {
                // decided for good: a policy change no longer concerns it
            }
        }
    }

    private static String describeMatchedRules(Assessment assessment) {
        List<String> rules = assessment.trace() == null ? List.of()
                : assessment.trace().stream().filter(Assessment.TraceEntry::matched)
                        .map(Assessment.TraceEntry::rule).toList();
        return rules.isEmpty() ? "." : " (rules " + String.join(", ", rules) + ").";
    }

    private void adopt(String assessmentId, Assessment assessment, Instant now) {
        this.assessmentId = assessmentId;
        this.assessment = assessment;
        this.updatedAt = now;
    }

    /**
     * A regulator's decision. Only a jurisdiction among the required approvals decides, once, while the
     * transfer awaits approval; one rejection rejects it, the last approval approves it.
     */
    void decide(String jurisdiction, String decidedBy, Decision decision, String reasons, List<String> conditions,
            Instant now) {
        if (!approvers().contains(jurisdiction)) {
            throw TransferRefusals.notAnApprover(id, jurisdiction);
        }
        if (status != TransferStatus.AWAITING_APPROVAL) {
            throw TransferRefusals.transitionRefused(id, status, "take a decision");
        }
        if (decidedJurisdictions().contains(jurisdiction)) {
            throw TransferRefusals.conflict(status, "The regulator of " + jurisdiction
                    + " has already decided on transfer " + id + "; a decision is taken once.", "Already decided");
        }
        List<Lifecycle.RegulatorDecision> decisions = new ArrayList<>(lifecycle.decisions());
        List<String> recordedConditions = decision == Decision.APPROVE_WITH_CONDITIONS ? List.copyOf(conditions)
                : List.of();
        decisions.add(new Lifecycle.RegulatorDecision(jurisdiction, decision, reasons, recordedConditions, decidedBy,
                now));
        this.lifecycle = new Lifecycle(decisions, lifecycle.fulfilments(), lifecycle.appeal(),
                lifecycle.resumeStatus(), lifecycle.statusReason());
        if (decision == Decision.REJECT) {
            this.status = TransferStatus.REJECTED;
        } else if (decidedJurisdictions().containsAll(approvers())) {
            this.status = TransferStatus.APPROVED;
        }
        this.updatedAt = now;
        record(TransferEvents.DECISION_RECORDED_V1, new DecisionRecorded(id.toString(), organization, jurisdiction,
                decision, reasons, recordedConditions, decidedBy, now, status.name()));
    }

    /** The exporter withdraws its transfer; nothing decided for good can be withdrawn. */
    void withdraw(String withdrawnBy, Instant now) {
        if (!TransferStatus.WITHDRAWABLE.contains(status)) {
            throw TransferRefusals.transitionRefused(id, status, "be withdrawn");
        }
        TransferStatus previous = status;
        this.status = TransferStatus.WITHDRAWN;
        this.updatedAt = now;
        record(TransferEvents.WITHDRAWN_V1, new TransferWithdrawn(id.toString(), organization, previous.name(),
                withdrawnBy, now));
    }

    /** The exporter appeals a rejection, once; the dispute service takes it from here. */
    void appeal(String appealedBy, String grounds, Instant now) {
        if (status != TransferStatus.REJECTED) {
            throw TransferRefusals.transitionRefused(id, status, "be appealed: only a rejection can be appealed");
        }
        if (lifecycle.appeal() != null) {
            throw TransferRefusals.conflict(status, "Transfer " + id + " was appealed before and the dispute's "
                    + "outcome is binding.", "Already appealed");
        }
        this.lifecycle = new Lifecycle(lifecycle.decisions(), lifecycle.fulfilments(),
                new Lifecycle.Appeal(grounds, appealedBy, now, null, null, List.of(), null), null, null);
        this.status = TransferStatus.APPEALED;
        this.updatedAt = now;
        List<String> rejecting = lifecycle.decisions().stream().filter(d -> d.decision() == Decision.REJECT)
                .map(Lifecycle.RegulatorDecision::jurisdiction).toList();
        List<String> involved = List.copyOf(TransferReaders.regulators(jurisdictions(), approvers()));
        record(TransferEvents.APPEALED_V1, new TransferAppealed(id.toString(), organization, appealedBy, grounds,
                rejecting, involved, now));
    }

    /** The dispute opened by the appeal reached its binding outcome. */
    public void appealDecided(String disputeId, String resolution, List<String> conditions, Instant now) {
        if (status != TransferStatus.APPEALED) {
            throw TransferRefusals.transitionRefused(id, status, "take a dispute's outcome");
        }
        Lifecycle.Appeal appeal = lifecycle.appeal();
        this.lifecycle = new Lifecycle(lifecycle.decisions(), lifecycle.fulfilments(),
                new Lifecycle.Appeal(appeal.grounds(), appeal.appealedBy(), appeal.appealedAt(), disputeId, resolution,
                        List.copyOf(conditions), now), null, null);
        this.status = "UPHOLD".equals(resolution) ? TransferStatus.REJECTED : TransferStatus.APPROVED;
        this.updatedAt = now;
        record(TransferEvents.APPEAL_DECIDED_V1, new AppealDecided(id.toString(), organization, disputeId,
                resolution, List.copyOf(conditions), status.name(), now));
    }

    /** The exporter records that one obligation is met; with the last one the transfer is permitted. */
    void fulfil(String code, String reference, String fulfilledBy, Instant now) {
        if (status != TransferStatus.CONDITIONAL) {
            throw TransferRefusals.transitionRefused(id, status, "record an obligation's fulfilment: only a CONDITIONAL "
                    + "transfer has obligations to fulfil");
        }
        List<String> codes = obligationCodes();
        if (!codes.contains(code)) {
            throw TransferRefusals.unknownObligation(code, codes);
        }
        if (lifecycle.fulfilments().containsKey(code)) {
            throw TransferRefusals.conflict(status, "Obligation " + code + " of transfer " + id
                    + " is already fulfilled (reference " + lifecycle.fulfilments().get(code).reference() + ").",
                    "Already fulfilled");
        }
        Map<String, Lifecycle.Fulfilment> fulfilments = new LinkedHashMap<>(lifecycle.fulfilments());
        fulfilments.put(code, new Lifecycle.Fulfilment(reference, fulfilledBy, now));
        this.lifecycle = new Lifecycle(lifecycle.decisions(), fulfilments, lifecycle.appeal(),
                lifecycle.resumeStatus(), lifecycle.statusReason());
        if (fulfilments.keySet().containsAll(codes)) {
            this.status = TransferStatus.PERMITTED;
        }
        this.updatedAt = now;
        record(TransferEvents.OBLIGATION_FULFILLED_V1, new ObligationFulfilled(id.toString(), organization, code,
                reference, fulfilledBy, now, status.name()));
    }

    /** The period or the assessment's validity has ended. */
    void expire(Instant now) {
        Expiry expiry = expiry().orElse(null);
        if (!TransferStatus.EXPIRABLE.contains(status) || expiry == null || expiry.at().isAfter(now)) {
            throw TransferRefusals.transitionRefused(id, status, "expire before " + (expiry == null ? "an end" : expiry.at()));
        }
        TransferStatus previous = status;
        this.status = TransferStatus.EXPIRED;
        this.updatedAt = now;
        record(TransferEvents.EXPIRED_V1, new TransferExpired(id.toString(), organization, previous.name(),
                expiry.reason(), expiry.at(), now));
    }

    /**
     * The first instant the transfer is no longer valid: the day after its period ends or after its
     * assessment's {@code validUntil}, whichever comes first (UTC).
     */
    public Optional<Expiry> expiry() {
        Expiry period = request.period() == null || request.period().end() == null ? null
                : new Expiry(dayAfter(request.period().end()), "PERIOD_ENDED");
        Expiry validity = assessment == null || assessment.validUntil() == null ? null
                : new Expiry(dayAfter(assessment.validUntil()), "VALIDITY_ENDED");
        if (period == null || validity == null) {
            return Optional.ofNullable(period == null ? validity : period);
        }
        return Optional.of(validity.at().isBefore(period.at()) ? validity : period);
    }

    private static Instant dayAfter(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void record(String type, Object payload) {
        version++;
        recorded.add(new RecordedEvent(type, version, payload));
    }

    /** Origin, destination and onward jurisdictions, in that order, without repeats. */
    public Set<String> jurisdictions() {
        return request.involvedJurisdictions();
    }

    /** Jurisdictions whose regulator must approve, from the assessment. */
    public Set<String> approvers() {
        Set<String> approvers = new LinkedHashSet<>();
        if (assessment != null && assessment.requiredApprovals() != null) {
            assessment.requiredApprovals().forEach(approval -> approvers.add(approval.jurisdiction()));
        }
        return approvers;
    }

    /** Jurisdictions whose regulator has decided. */
    Set<String> decidedJurisdictions() {
        Set<String> decided = new LinkedHashSet<>();
        lifecycle.decisions().forEach(decision -> decided.add(decision.jurisdiction()));
        return decided;
    }

    List<String> obligationCodes() {
        return assessment == null || assessment.obligations() == null ? List.of()
                : assessment.obligations().stream().map(Assessment.Obligation::code).toList();
    }

    public TransferId id() {
        return id;
    }

    public String organization() {
        return organization;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public TransferRequest request() {
        return request;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public TransferStatus status() {
        return status;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String assessmentId() {
        return assessmentId;
    }

    public Assessment assessment() {
        return assessment;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public long version() {
        return version;
    }

    long persistedVersion() {
        return persistedVersion;
    }

    public List<RecordedEvent> recordedEvents() {
        return Collections.unmodifiableList(recorded);
    }
}
