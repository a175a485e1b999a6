package org.cbdf.policy.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.events.RecognitionFlagRaised;
import org.cbdf.policy.events.RecognitionFlagResolved;

/**
 * A jurisdiction recognised another's review by reference, and the decision or agreement that review produced was
 * then suspended or revoked: the recognising jurisdiction is told, and decides about its own instrument by a deadline.
 * Its own instrument never changes by itself: only its decision on the flag (or a review it opens) changes it.
 */
public final class RecognitionFlag {

    /** What the recognising jurisdiction decides about its own decision or agreement. */
    public enum Decision {
        /** It stays in force, on the recognising jurisdiction's own responsibility. */
        MAINTAIN,
        /** Suspended, through a follow-up review adopted at once. */
        SUSPEND,
        /** Revoked, through a follow-up review adopted at once. */
        REVOKE,
        /** A follow-up review (opened now, or the one already open) decides. */
        REVIEW
    }

    public enum Status {
        OPEN, RESOLVED
    }

    /** Why the flag was raised. */
    public record Raising(UUID recognisingReview, String recognisingJurisdiction, PolicyInstrument ownInstrument,
            String recognisedAuthority, UUID recognisedReview, PolicyInstrument changedInstrument, String change,
            String reason, String policyVersion) {
    }

    public record Resolution(Decision decision, String reason, UUID followUpReview, boolean late, String resolvedBy,
            Instant resolvedAt) {
    }

    public record Snapshot(UUID id, Raising raising, Status status, Instant raisedAt, Instant deadline,
            Resolution resolution, long version) {

        public boolean overdue(Instant now) {
            return status == Status.OPEN && !now.isBefore(deadline);
        }
    }

    private final UUID id;
    private final Raising raising;
    private final Instant raisedAt;
    private final Instant deadline;
    private Status status;
    private Resolution resolution;
    private long version;
    private final List<AdequacyReview.Registered> registered = new ArrayList<>();

    private RecognitionFlag(Snapshot s) {
        this.id = s.id();
        this.raising = s.raising();
        this.raisedAt = s.raisedAt();
        this.deadline = s.deadline();
        this.status = s.status();
        this.resolution = s.resolution();
        this.version = s.version();
    }

    public static RecognitionFlag restore(Snapshot snapshot) {
        return new RecognitionFlag(snapshot);
    }

    static RecognitionFlag raise(UUID id, Raising r, Instant now, ReviewRules rules) {
        Instant deadline = ReviewRules.after(now, rules.recognitionFlag());
        var flag = new RecognitionFlag(new Snapshot(id, r, Status.OPEN, now, deadline, null, 0));
        flag.register(PolicyEvents.RECOGNITION_FLAG_RAISED_V1, new RecognitionFlagRaised(id.toString(),
                r.recognisingJurisdiction(), r.recognisingReview().toString(), r.ownInstrument(), r.recognisedAuthority(),
                r.recognisedReview() == null ? null : r.recognisedReview().toString(), r.changedInstrument(), r.change(),
                r.reason(), r.policyVersion(), now, deadline));
        return flag;
    }

    /** The recognising jurisdiction's regulators, policy administrators and auditors see a flag. */
    public boolean visibleTo(Caller caller) {
        return caller.has(Role.AUDITOR) || caller.has(Role.POLICY_ADMIN) || recognising(caller);
    }

    /** The only jurisdiction whose regulators see the flag; its events carry it for the audit ledger. */
    public List<String> readers() {
        return List.of(raising.recognisingJurisdiction());
    }

    private boolean recognising(Caller caller) {
        return caller.has(Role.REGULATOR)
                && caller.jurisdiction().filter(raising.recognisingJurisdiction()::equals).isPresent();
    }

    /** Who may decide, and whether the flag still waits for a decision; checked before anything is changed. */
    void checkDecidable(Caller caller, String decision, String reason) {
        if (!recognising(caller) && !caller.has(Role.POLICY_ADMIN)) {
            throw ReviewException.notAllowed("Only " + raising.recognisingJurisdiction() + "'s regulator, or a policy "
                    + "administrator acting for it, decides about its own " + raising.ownInstrument() + ".");
        }
        if (status != Status.OPEN) {
            throw ReviewException.conflict(status.name(), "The flag is " + status + ": " + raising.recognisingJurisdiction()
                    + " decided " + resolution.decision() + " on " + resolution.resolvedAt() + ".");
        }
        List<FieldError> errors = new ArrayList<>();
        ReviewInput.choice(Decision.class, decision, "decision", errors);
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        }
        ReviewException.throwIfAny(errors);
    }

    void resolve(Caller caller, String decision, String reason, UUID followUpReview, Instant now) {
        checkDecidable(caller, decision, reason);
        Decision parsed = Decision.valueOf(decision);
        boolean late = !now.isBefore(deadline);
        resolution = new Resolution(parsed, reason.strip(), followUpReview, late, caller.username(), now);
        status = Status.RESOLVED;
        register(PolicyEvents.RECOGNITION_FLAG_RESOLVED_V1, new RecognitionFlagResolved(id.toString(),
                raising.recognisingJurisdiction(), parsed.name(), reason.strip(),
                followUpReview == null ? null : followUpReview.toString(), late, caller.username(), now));
    }

    private void register(String type, Object payload) {
        version++;
        registered.add(new AdequacyReview.Registered(type, payload, version));
    }

    public List<AdequacyReview.Registered> registered() {
        return List.copyOf(registered);
    }

    public Snapshot snapshot() {
        return new Snapshot(id, raising, status, raisedAt, deadline, resolution, version);
    }

    public UUID id() {
        return id;
    }
}
