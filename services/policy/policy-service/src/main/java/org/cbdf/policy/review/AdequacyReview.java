package org.cbdf.policy.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.events.AdequacyReviewConcluded;
import org.cbdf.policy.events.AdequacyReviewDeadlineMissed;
import org.cbdf.policy.events.AdequacyReviewOpened;
import org.cbdf.policy.events.AdequacyReviewOpinionFiled;
import org.cbdf.policy.events.AdequacyReviewOpinionsRequested;
import org.cbdf.policy.events.AdequacyReviewStatusChanged;
import org.cbdf.policy.events.FindingRating;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.ReviewCriteria.Criterion;

/**
 * An adequacy review between regulators (issue 10): the reviewing authority assesses a subject against criteria kept
 * as data, asks named regulators for their opinion by a deadline, and adopts an outcome — which produces or changes
 * the adequacy decision or recognition agreement the engine uses — or rejects the draft. Every step checks where the
 * review stands and who asks, records itself in the timeline and registers the events to publish, each with the next
 * aggregate version (gap-free).
 *
 * <p>Who: the reviewing authority acts (its regulator, or a policy administrator acting for it); the named regulators
 * file opinions. A draft is seen by them, policy administrators and auditors only; an adopted review by everyone.
 */
public final class AdequacyReview {

    /** How a review is opened: what it examines, for whom, against which criteria, following or recognising what. */
    public record Opening(ReviewKind kind, ReviewTrigger trigger, String authority, Subject subject,
            PolicyInstrument instrument, UUID follows, UUID recognises, PolicyInstrument recognisedInstrument,
            List<Criterion> criteria, String criteriaPolicyVersion, LocalDate dueBy, String reason, String openedBy) {

        public Opening {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(openedBy, "openedBy");
            criteria = List.copyOf(criteria);
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("a review needs criteria");
            }
        }
    }

    /** A document the evidence rests on, by name and the lower-case hex SHA-256 of its bytes (the bytes stay with the parties). */
    public record Document(String name, String sha256) {
    }

    public record Evidence(String text, List<String> links, List<Document> documents) {

        public Evidence {
            links = links == null ? List.of() : List.copyOf(links);
            documents = documents == null ? List.of() : List.copyOf(documents);
        }

        static final Evidence NONE = new Evidence(null, List.of(), List.of());
    }

    /** The reviewing authority's finding on one criterion. */
    public record Finding(String criterion, String finding, Rating rating, Evidence evidence, String recordedBy,
            Instant recordedAt) {
    }

    public record Opinion(String jurisdiction, OpinionPosition position, String text, List<String> conditions,
            String filedBy, Instant filedAt) {

        public Opinion {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** What the reviewing authority asks for when it adopts; nulls take the defaults. */
    public record AdoptionTerms(String outcome, String scope, List<String> conditions, LocalDate entryIntoForce,
            LocalDate reviewDate, LocalDate validUntil, String legalReference, String reason) {
    }

    /** The adoption, checked and completed with its defaults: what the policy change is made from. */
    public record Terms(ReviewOutcome outcome, String scope, List<String> conditions, LocalDate entryIntoForce,
            LocalDate reviewDate, LocalDate validUntil, String legalReference, String reason) {

        public Terms {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** How a review ended. {@code outcome} is null for a rejected review. */
    public record Conclusion(ReviewOutcome outcome, String scope, List<String> conditions, LocalDate entryIntoForce,
            LocalDate reviewDate, LocalDate validUntil, String legalReference, String reason, String policyVersion,
            int reassessedTransfers, String concludedBy, Instant concludedAt) {

        public Conclusion {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** The change an adoption made to the policy: the instrument, the version now in force, transfers reassessed. */
    public record Applied(PolicyInstrument instrument, String policyVersion, int reassessedTransfers) {
    }

    /** Makes an adoption's policy change (the same path as the admin API) in the adoption's transaction. */
    @FunctionalInterface
    public interface PolicyEffects {
        Applied apply(Snapshot review, Terms terms);
    }

    /** One step of the procedure: when, what, by whom (a user, or {@code procedure}), details. */
    public record TimelineEntry(Instant at, String step, String by, String detail) {
    }

    /** Everything a review is, as stored and as shown. */
    public record Snapshot(UUID id, ReviewKind kind, ReviewTrigger trigger, ReviewStatus status, String authority,
            Subject subject, PolicyInstrument instrument, UUID follows, UUID recognises,
            PolicyInstrument recognisedInstrument, List<Criterion> criteria, String criteriaPolicyVersion,
            List<Finding> findings, List<String> opinionGivers, Instant opinionsDeadline, boolean opinionsClosed,
            List<Opinion> opinions, Conclusion conclusion, UUID supersededBy, LocalDate dueBy, String reason,
            String openedBy, Instant openedAt, List<TimelineEntry> timeline, long version) {

        public Snapshot {
            criteria = List.copyOf(criteria);
            findings = findings == null ? List.of() : List.copyOf(findings);
            opinionGivers = opinionGivers == null ? List.of() : List.copyOf(opinionGivers);
            opinions = opinions == null ? List.of() : List.copyOf(opinions);
            timeline = timeline == null ? List.of() : List.copyOf(timeline);
        }

        /** The review date of an adequate outcome, or null. */
        public LocalDate reviewDate() {
            return conclusion == null ? null : conclusion.reviewDate();
        }

        public ReviewOutcome outcome() {
            return conclusion == null ? null : conclusion.outcome();
        }

        /** The named regulators whose opinion has not come (yet). */
        public List<String> missingOpinions() {
            Set<String> filed = new HashSet<>();
            opinions.forEach(o -> filed.add(o.jurisdiction()));
            return opinionGivers.stream().filter(j -> !filed.contains(j)).toList();
        }

        /**
         * Why the review is overdue at {@code now}, if it is: {@code OPINIONS} (opinions missing after their
         * deadline), {@code REVIEW_DATE} (an adequate outcome in force past its review date, no follow-up adopted).
         */
        public List<String> overdue(Instant now) {
            List<String> reasons = new ArrayList<>();
            if (status == ReviewStatus.OPINIONS_REQUESTED && opinionsDeadline != null && !now.isBefore(opinionsDeadline)
                    && !missingOpinions().isEmpty()) {
                reasons.add("OPINIONS");
            }
            if (status == ReviewStatus.IN_FORCE && outcome() == ReviewOutcome.ADEQUATE && reviewDate() != null
                    && reviewDate().isBefore(ReviewRules.today(now))) {
                reasons.add("REVIEW_DATE");
            }
            return reasons;
        }
    }

    /** An event this review registered, with the aggregate version it takes. */
    public record Registered(String type, Object payload, long version) {
    }

    private static final String PROCEDURE = "procedure";

    private final UUID id;
    private final ReviewKind kind;
    private final ReviewTrigger trigger;
    private final String authority;
    private final Subject subject;
    private PolicyInstrument instrument;
    private final UUID follows;
    private final UUID recognises;
    private final PolicyInstrument recognisedInstrument;
    private final List<Criterion> criteria;
    private final String criteriaPolicyVersion;
    private final Map<String, Finding> findings;
    private List<String> opinionGivers;
    private Instant opinionsDeadline;
    private boolean opinionsClosed;
    private final List<Opinion> opinions;
    private Conclusion conclusion;
    private UUID supersededBy;
    private final LocalDate dueBy;
    private final String reason;
    private final String openedBy;
    private final Instant openedAt;
    private ReviewStatus status;
    private final List<TimelineEntry> timeline;
    private long version;
    private final List<Registered> registered = new ArrayList<>();

    private AdequacyReview(Snapshot s) {
        this.id = s.id();
        this.kind = s.kind();
        this.trigger = s.trigger();
        this.authority = s.authority();
        this.subject = s.subject();
        this.instrument = s.instrument();
        this.follows = s.follows();
        this.recognises = s.recognises();
        this.recognisedInstrument = s.recognisedInstrument();
        this.criteria = s.criteria();
        this.criteriaPolicyVersion = s.criteriaPolicyVersion();
        this.findings = new LinkedHashMap<>();
        s.findings().forEach(f -> findings.put(f.criterion(), f));
        this.opinionGivers = s.opinionGivers();
        this.opinionsDeadline = s.opinionsDeadline();
        this.opinionsClosed = s.opinionsClosed();
        this.opinions = new ArrayList<>(s.opinions());
        this.conclusion = s.conclusion();
        this.supersededBy = s.supersededBy();
        this.dueBy = s.dueBy();
        this.reason = s.reason();
        this.openedBy = s.openedBy();
        this.openedAt = s.openedAt();
        this.status = s.status();
        this.timeline = new ArrayList<>(s.timeline());
        this.version = s.version();
    }

    public static AdequacyReview restore(Snapshot snapshot) {
        return new AdequacyReview(snapshot);
    }

    public static AdequacyReview open(UUID id, Opening o, Instant now) {
        var review = new AdequacyReview(new Snapshot(id, o.kind(), o.trigger(), ReviewStatus.DRAFT, o.authority(),
                o.subject(), o.instrument(), o.follows(), o.recognises(), o.recognisedInstrument(), o.criteria(),
                o.criteriaPolicyVersion(), List.of(), List.of(), null, false, List.of(), null, null, o.dueBy(),
                o.reason(), o.openedBy(), now, List.of(), 0));
        review.record(now, "OPENED", o.openedBy(), o.kind() + " review of " + o.subject().label() + " by "
                + o.authority() + (o.instrument() == null ? "" : " (" + o.instrument() + ")")
                + (o.recognises() == null ? "" : ", recognising review " + o.recognises())
                + (o.dueBy() == null ? "" : ", due by " + o.dueBy())
                + (o.reason() == null ? "" : ": " + o.reason()));
        review.register(PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, new AdequacyReviewOpened(id.toString(), o.kind().name(),
                o.trigger().name(), o.authority(), o.subject().published(), o.instrument(),
                o.follows() == null ? null : o.follows().toString(),
                o.recognises() == null ? null : o.recognises().toString(), o.recognisedInstrument(),
                o.criteria().stream().map(Criterion::id).toList(), o.criteriaPolicyVersion(), o.reason(), o.openedBy(),
                now, o.dueBy()));
        return review;
    }

    // --- who -------------------------------------------------------------------------------------------------

    /**
     * An adopted review is public; a draft (or a rejected one) is seen by the reviewing authority, the regulators
     * named for opinions, policy administrators and auditors only.
     */
    public boolean visibleTo(Caller caller) {
        return caller.has(Role.AUDITOR) || caller.has(Role.POLICY_ADMIN) || readers()
                .map(readers -> caller.has(Role.REGULATOR) && caller.jurisdiction().filter(readers::contains).isPresent())
                .orElse(true);
    }

    /**
     * The only jurisdictions whose regulators see the review now, or empty when everyone does (adopted). Its events
     * carry it, so that the audit ledger shows a draft to no other regulator either.
     */
    public Optional<List<String>> readers() {
        if (status.adopted()) {
            return Optional.empty();
        }
        List<String> readers = new ArrayList<>();
        readers.add(authority);
        readers.addAll(opinionGivers);
        return Optional.of(List.copyOf(readers));
    }

    /** The reviewing authority's regulator, or a policy administrator acting for it. */
    public boolean reviewer(Caller caller) {
        return caller.has(Role.POLICY_ADMIN)
                || caller.has(Role.REGULATOR) && caller.jurisdiction().filter(authority::equals).isPresent();
    }

    private void requireReviewer(Caller caller, String what) {
        if (!reviewer(caller)) {
            throw ReviewException.notAllowed("Only the reviewing authority (" + authority + "'s regulator, or a policy "
                    + "administrator acting for it) " + what + ".");
        }
    }

    // --- the draft -------------------------------------------------------------------------------------------

    /** The reviewing authority records (or revises) its finding on one criterion, until the review concludes. */
    public void recordFinding(Caller caller, String criterion, String text, String rating, Evidence evidence,
            Instant now) {
        requireReviewer(caller, "records findings");
        if (status != ReviewStatus.DRAFT && status != ReviewStatus.OPINIONS_REQUESTED) {
            throw conflict("findings are recorded only while the review is DRAFT or OPINIONS_REQUESTED");
        }
        List<FieldError> errors = new ArrayList<>();
        if (criteria.stream().noneMatch(c -> c.id().equals(criterion))) {
            errors.add(new FieldError("criterion", "'" + criterion + "' is not a criterion of this review; its criteria are "
                    + String.join(", ", criteria.stream().map(Criterion::id).toList())));
        }
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("finding", "must not be blank"));
        }
        Rating parsed = ReviewInput.choice(Rating.class, rating, "rating", errors);
        Evidence checked = ReviewInput.evidence(evidence, errors);
        ReviewException.throwIfAny(errors);
        boolean revised = findings.containsKey(criterion);
        findings.put(criterion, new Finding(criterion, text.strip(), parsed, checked, caller.username(), now));
        record(now, revised ? "FINDING_REVISED" : "FINDING_RECORDED", caller.username(), criterion + ": " + parsed
                + " (" + checked.links().size() + " link(s), " + checked.documents().size() + " document(s))"
                + (status == ReviewStatus.OPINIONS_REQUESTED ? "; after opinions were requested" : ""));
    }

    /** The reviewing authority asks named regulators for their opinion on its draft, each by {@code deadline}. */
    public void requestOpinions(Caller caller, List<String> from, Instant deadline, Instant now, ReviewRules rules,
            Predicate<String> knownJurisdiction) {
        requireReviewer(caller, "requests opinions");
        if (status != ReviewStatus.DRAFT) {
            throw conflict("opinions are requested once, on a DRAFT");
        }
        List<String> missing = criteria.stream().map(Criterion::id).filter(c -> !findings.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw conflict("every criterion needs a finding before opinions are requested; missing: "
                    + String.join(", ", missing));
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> givers = new ArrayList<>();
        if (from == null || from.isEmpty()) {
            errors.add(new FieldError("from", "must name at least one regulator's jurisdiction"));
        } else {
            for (int i = 0; i < from.size(); i++) {
                String j = from.get(i);
                if (j == null || !knownJurisdiction.test(j)) {
                    errors.add(new FieldError("from[" + i + "]", "'" + j + "' is not a known jurisdiction or bloc"));
                } else if (j.equals(authority)) {
                    errors.add(new FieldError("from[" + i + "]", "the reviewing authority does not give itself an opinion"));
                } else if (givers.contains(j)) {
                    errors.add(new FieldError("from[" + i + "]", j + " is named twice"));
                } else {
                    givers.add(j);
                }
            }
        }
        Instant due = deadline == null ? ReviewRules.after(now, rules.opinions()) : deadline;
        if (!due.isAfter(now)) {
            errors.add(new FieldError("deadline", "must be in the future, was " + deadline));
        }
        ReviewException.throwIfAny(errors);
        status = ReviewStatus.OPINIONS_REQUESTED;
        opinionGivers = List.copyOf(givers);
        opinionsDeadline = due;
        record(now, "OPINIONS_REQUESTED", caller.username(), "from " + String.join(", ", givers) + ", due " + due);
        register(PolicyEvents.ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1, new AdequacyReviewOpinionsRequested(id.toString(),
                authority, opinionGivers, due, ratings(), caller.username(), now));
    }

    /** A named regulator files its opinion, once, by the deadline. */
    public void fileOpinion(Caller caller, String position, String text, List<String> conditions, Instant now) {
        String jurisdiction = caller.has(Role.REGULATOR) ? caller.jurisdiction().orElse(null) : null;
        if (jurisdiction == null || !opinionGivers.contains(jurisdiction)) {
            throw ReviewException.notAllowed("Only the regulators named for opinions (" + (opinionGivers.isEmpty()
                    ? "none yet" : String.join(", ", opinionGivers)) + ") file opinions.");
        }
        if (status != ReviewStatus.OPINIONS_REQUESTED) {
            throw conflict("opinions are filed only while the review is OPINIONS_REQUESTED");
        }
        if (opinions.stream().anyMatch(o -> o.jurisdiction().equals(jurisdiction))) {
            throw conflict(jurisdiction + " has already filed its opinion");
        }
        if (opinionsClosed || !now.isBefore(opinionsDeadline)) {
            throw conflict("the opinions were due by " + opinionsDeadline);
        }
        List<FieldError> errors = new ArrayList<>();
        OpinionPosition parsed = ReviewInput.choice(OpinionPosition.class, position, "position", errors);
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "must not be blank"));
        }
        List<String> checked = ReviewInput.conditions(conditions, errors);
        if (parsed == OpinionPosition.FAVOURABLE_WITH_CONDITIONS && checked.isEmpty()) {
            errors.add(new FieldError("conditions", "a favourable opinion with conditions states at least one"));
        } else if (parsed != null && parsed != OpinionPosition.FAVOURABLE_WITH_CONDITIONS && !checked.isEmpty()) {
            errors.add(new FieldError("conditions", "only a favourable opinion with conditions has conditions"));
        }
        ReviewException.throwIfAny(errors);
        var opinion = new Opinion(jurisdiction, parsed, text.strip(), checked, caller.username(), now);
        opinions.add(opinion);
        record(now, "OPINION_FILED", caller.username() + " (" + jurisdiction + ")", parsed + "; " + opinions.size()
                + " of " + opinionGivers.size() + " filed");
        register(PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1, new AdequacyReviewOpinionFiled(id.toString(),
                jurisdiction, parsed.name(), opinion.text(), checked, caller.username(), now));
    }

    // --- deadlines -------------------------------------------------------------------------------------------

    /**
     * The opinions' deadline passed: the missing opinions are recorded as not given, and the reviewing authority
     * may conclude without them. Returns false (and changes nothing) if it has not passed at {@code now}.
     */
    public boolean opinionsDeadlinePassed(Instant now) {
        if (status != ReviewStatus.OPINIONS_REQUESTED || opinionsClosed || now.isBefore(opinionsDeadline)) {
            return false;
        }
        opinionsClosed = true;
        List<String> missing = snapshot().missingOpinions();
        if (missing.isEmpty()) {
            record(now, "OPINIONS_CLOSED", PROCEDURE, "deadline " + opinionsDeadline + " passed; every opinion is in");
            return true;
        }
        String consequence = "no opinion from " + String.join(", ", missing) + " by " + opinionsDeadline
                + ": the reviewing authority may conclude without them";
        record(now, "DEADLINE_MISSED", PROCEDURE, consequence);
        register(PolicyEvents.ADEQUACY_REVIEW_DEADLINE_MISSED_V1, new AdequacyReviewDeadlineMissed(id.toString(),
                "OPINIONS", opinionsDeadline, missing, consequence, now));
        return true;
    }

    /** An adopted review whose entry into force has come is in force. Returns false if it has not come. */
    public boolean enterIntoForce(Instant now) {
        if (status != ReviewStatus.ADOPTED || conclusion.entryIntoForce().isAfter(ReviewRules.today(now))) {
            return false;
        }
        status = ReviewStatus.IN_FORCE;
        String why = "entry into force on " + conclusion.entryIntoForce();
        record(now, "IN_FORCE", PROCEDURE, why);
        register(PolicyEvents.ADEQUACY_REVIEW_STATUS_CHANGED_V1, new AdequacyReviewStatusChanged(id.toString(),
                ReviewStatus.ADOPTED.name(), ReviewStatus.IN_FORCE.name(), why, null, now));
        return true;
    }

    /** A later review of the same decision or agreement is in force now: this one's outcome no longer is. */
    public void supersede(UUID by, Instant now) {
        if (status != ReviewStatus.IN_FORCE) {
            throw conflict("only a review IN_FORCE is superseded");
        }
        status = ReviewStatus.SUPERSEDED;
        supersededBy = by;
        String why = "review " + by + " is in force for " + (instrument == null ? subject.label() : instrument);
        record(now, "SUPERSEDED", PROCEDURE, why);
        register(PolicyEvents.ADEQUACY_REVIEW_STATUS_CHANGED_V1, new AdequacyReviewStatusChanged(id.toString(),
                ReviewStatus.IN_FORCE.name(), ReviewStatus.SUPERSEDED.name(), why, by.toString(), now));
    }

    // --- conclusion ------------------------------------------------------------------------------------------

    /**
     * The reviewing authority adopts an outcome: an adequacy finding (with scope, conditions, entry into force, review
     * date), or — for a follow-up — suspension or revocation, with immediate effect. The policy change is made through
     * {@code effects} (a new policy version, the decision's or agreement's event, reassessment of the transfers that
     * relied on it) once everything is checked; the review is IN_FORCE at once unless it enters into force later.
     *
     * @param instrumentStatus the status of the decision or agreement under review now (null if there is none)
     */
    public void adopt(Caller caller, AdoptionTerms requested, Instant now, ReviewRules rules,
            DecisionStatus instrumentStatus, PolicyEffects effects) {
        requireReviewer(caller, "adopts the outcome");
        List<FieldError> errors = new ArrayList<>();
        ReviewOutcome outcome = requested.outcome() == null ? ReviewOutcome.ADEQUATE
                : ReviewInput.choice(ReviewOutcome.class, requested.outcome(), "outcome", errors);
        ReviewException.throwIfAny(errors);
        boolean urgent = outcome != ReviewOutcome.ADEQUATE;
        switch (status) {
            case DRAFT -> {
                // Schrems II: a suspension or revocation takes effect at once; a recognition rests on a review
                // that already heard its opinions
                if (!(kind == ReviewKind.RECOGNITION || kind == ReviewKind.FOLLOW_UP && urgent)) {
                    throw conflict("request opinions first: only a recognition by reference, or a follow-up "
                            + "suspending or revoking, is adopted from DRAFT");
                }
            }
            case OPINIONS_REQUESTED -> {
                List<String> missing = snapshot().missingOpinions();
                if (!urgent && !missing.isEmpty() && !opinionsClosed && now.isBefore(opinionsDeadline)) {
                    throw conflict("the opinions of " + String.join(", ", missing) + " are due by " + opinionsDeadline
                            + "; adopt once they are in or the deadline has passed");
                }
            }
            default -> throw conflict("only a DRAFT or a review with opinions requested is adopted");
        }
        if (urgent) {
            if (kind != ReviewKind.FOLLOW_UP) {
                throw ReviewException.invalid("outcome", "only a follow-up review of an existing decision or "
                        + "agreement suspends or revokes it; this review is " + kind);
            }
            if (instrumentStatus == null || instrumentStatus == DecisionStatus.REVOKED
                    || outcome == ReviewOutcome.SUSPENDED && !instrumentStatus.inForce()) {
                throw conflict(instrument + " is " + instrumentStatus + ": it cannot be " + outcome);
            }
        } else {
            List<String> notEquivalent = findings.values().stream().filter(f -> f.rating() == Rating.NOT_EQUIVALENT)
                    .map(Finding::criterion).toList();
            if (!notEquivalent.isEmpty()) {
                throw conflict("criteria found NOT_EQUIVALENT: " + String.join(", ", notEquivalent)
                        + "; revise the findings or reject the review");
            }
            if (kind != ReviewKind.RECOGNITION) {
                List<String> missing = criteria.stream().map(Criterion::id).filter(c -> !findings.containsKey(c)).toList();
                if (!missing.isEmpty()) {
                    throw conflict("every criterion needs a finding for an adequate outcome; missing: "
                            + String.join(", ", missing));
                }
            }
        }
        Terms terms = TermsOfAdoption.check(requested, outcome, kind, subject, instrument, findings.values(), now,
                rules, instrumentStatus);
        Applied applied = effects.apply(snapshot(), terms);
        instrument = applied.instrument();
        conclusion = new Conclusion(outcome, terms.scope(), terms.conditions(), terms.entryIntoForce(),
                terms.reviewDate(), terms.validUntil(), terms.legalReference(), terms.reason(), applied.policyVersion(),
                applied.reassessedTransfers(), caller.username(), now);
        status = terms.entryIntoForce().isAfter(ReviewRules.today(now)) ? ReviewStatus.ADOPTED : ReviewStatus.IN_FORCE;
        record(now, "ADOPTED", caller.username(), outcome + " for " + instrument + (terms.scope() == null ? ""
                : ", scope " + terms.scope()) + (terms.conditions().isEmpty() ? ""
                : ", conditions: " + String.join("; ", terms.conditions())) + ", in force "
                + (status == ReviewStatus.IN_FORCE ? "now" : "from " + terms.entryIntoForce())
                + (terms.reviewDate() == null ? "" : ", review date " + terms.reviewDate()) + "; policy version "
                + applied.policyVersion() + ", " + applied.reassessedTransfers() + " transfer(s) reassessed");
        register(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, new AdequacyReviewConcluded(id.toString(), authority,
                subject.published(), status.name(), outcome.name(), instrument, terms.scope(), terms.conditions(),
                terms.entryIntoForce(), terms.reviewDate(), terms.validUntil(), terms.legalReference(), ratings(),
                terms.reason(), applied.policyVersion(), applied.reassessedTransfers(), caller.username(), now));
    }

    /** The reviewing authority ends the review without an outcome; nothing in the policy changes. */
    public void reject(Caller caller, String why, Instant now) {
        requireReviewer(caller, "rejects the review");
        if (status != ReviewStatus.DRAFT && status != ReviewStatus.OPINIONS_REQUESTED) {
            throw conflict("only a DRAFT or a review with opinions requested is rejected");
        }
        if (why == null || why.isBlank()) {
            throw ReviewException.invalid("reason", "is required");
        }
        status = ReviewStatus.REJECTED;
        conclusion = new Conclusion(null, null, List.of(), null, null, null, null, why.strip(), null, 0,
                caller.username(), now);
        record(now, "REJECTED", caller.username(), why.strip());
        register(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, new AdequacyReviewConcluded(id.toString(), authority,
                subject.published(), status.name(), null, null, null, List.of(), null, null, null, null, ratings(),
                why.strip(), null, 0, caller.username(), now));
    }

    // --- rules -----------------------------------------------------------------------------------------------

    private ReviewException conflict(String message) {
        return ReviewException.conflict(status.name(), "The review is " + status + ": " + message + ".");
    }

    private List<FindingRating> ratings() {
        return findings.values().stream().map(f -> new FindingRating(f.criterion(), f.rating().name())).toList();
    }

    private void record(Instant at, String step, String by, String detail) {
        timeline.add(new TimelineEntry(at, step, by, detail));
    }

    private void register(String type, Object payload) {
        version++;
        registered.add(new Registered(type, payload, version));
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** The events registered since this review was opened or restored, in order; each with its version. */
    public List<Registered> registered() {
        return List.copyOf(registered);
    }

    public Snapshot snapshot() {
        return new Snapshot(id, kind, trigger, status, authority, subject, instrument, follows, recognises,
                recognisedInstrument, criteria, criteriaPolicyVersion, List.copyOf(findings.values()), opinionGivers,
                opinionsDeadline, opinionsClosed, opinions, conclusion, supersededBy, dueBy, reason, openedBy, openedAt,
                timeline, version);
    }

    public UUID id() {
        return id;
    }

    public ReviewStatus status() {
        return status;
    }
}
