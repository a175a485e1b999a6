package org.cbdf.policy.review;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.versions.PolicyVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps of the adequacy review procedure: each loads its review under the row lock, lets the review take
 * the step (the review holds the rules), stores it and appends the events it registered to the outbox, in one
 * transaction — with the policy change an adoption makes. Also the scheduler's due steps (opinion deadlines, entry
 * into force, periodic follow-ups) and the recognising jurisdictions' decisions on their flags.
 */
@Service
public class ReviewProcedure {

    /** The output binding the outbox relays policy events through. */
    static final String BINDING = "policy-events";

    private static final Logger log = LoggerFactory.getLogger(ReviewProcedure.class);

    /** What to open: a subject (or the review to recognise by reference), for which authority, and why. */
    public record OpenRequest(String authority, SubjectRequest subject, String recognises, String reason) {
    }

    /** A subject as asked for: see {@link Subject}. */
    public record SubjectRequest(String kind, String jurisdiction, String sector, List<String> certifications,
            String modelClauses, String description) {
    }

    /** What one round of the scheduler did. */
    public record DueSteps(int opinionDeadlines, int enteredIntoForce, int periodicReviewsOpened) {
    }

    private final AdequacyReviews reviews;
    private final RecognitionFlags flags;
    private final PolicyVersions policies;
    private final PolicyInstruments instruments;
    private final Outbox outbox;
    private final Clock clock;
    private final ReviewRules rules;
    private final TransactionTemplate transactions;

    ReviewProcedure(AdequacyReviews reviews, RecognitionFlags flags, PolicyVersions policies,
            PolicyInstruments instruments, Outbox outbox, Clock clock, ReviewRules rules,
            TransactionTemplate transactions) {
        this.reviews = reviews;
        this.flags = flags;
        this.policies = policies;
        this.instruments = instruments;
        this.outbox = outbox;
        this.clock = clock;
        this.rules = rules;
        this.transactions = transactions;
    }

    /**
     * Now, to the millisecond: the database keeps microseconds and the review's JSON record would keep nanoseconds,
     * so both get the same instant and a review reads back exactly as it was written.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public ReviewRules rules() {
        return rules;
    }

    // --- opening ---------------------------------------------------------------------------------------------

    /**
     * Opens a review: of a subject (an initial review, or a follow-up of the authority's decision or agreement on it),
     * or a recognition by reference of another jurisdiction's review in force. The authority is the regulator's
     * jurisdiction (from its token), or the one a policy administrator names.
     */
    public AdequacyReview.Snapshot open(Caller caller, OpenRequest request) {
        String authority = authority(caller, request.authority());
        return transactions.execute(tx -> {
            AssessmentEngine engine = policies.current();
            AdequacyReview.Opening opening = request.recognises() != null
                    ? recognition(caller, authority, request, engine)
                    : opening(authority, ReviewInput.subject(request.subject(), authority, engine),
                            request.reason(), caller);
            return insert(opening).snapshot();
        });
    }

    private String authority(Caller caller, String requested) {
        if (caller.has(Role.POLICY_ADMIN) && requested != null) {
            if (!ReviewInput.known(requested, policies.current())) {
                throw ReviewException.invalid("authority", "'" + requested + "' is not a known jurisdiction or bloc");
            }
            return requested;
        }
        if (caller.has(Role.REGULATOR)) {
            String own = caller.requiredJurisdiction();
            if (requested != null && !requested.equals(own)) {
                throw ReviewException.notAllowed("A regulator reviews for its own jurisdiction (" + own + "), not for "
                        + requested + ".");
            }
            return own;
        }
        if (caller.has(Role.POLICY_ADMIN)) {
            throw ReviewException.invalid("authority", "is required: the jurisdiction or bloc a policy administrator "
                    + "acts for");
        }
        throw ReviewException.notAllowed("Only regulators and policy administrators open adequacy reviews.");
    }

    private AdequacyReview.Opening recognition(Caller caller, String authority, OpenRequest request,
            AssessmentEngine engine) {
        List<FieldError> errors = new ArrayList<>();
        UUID recognised = ReviewInput.uuid(request.recognises(), "recognises", errors);
        if (request.subject() != null) {
            errors.add(new FieldError("subject", "a recognition by reference takes the subject of the review it "
                    + "recognises; leave it out"));
        }
        ReviewException.throwIfAny(errors);
        AdequacyReview.Snapshot other = reviews.find(recognised)
                .filter(r -> AdequacyReview.restore(r).visibleTo(caller))
                .orElseThrow(() -> ReviewException.notFound("adequacy review " + recognised));
        if (other.status() != ReviewStatus.IN_FORCE || other.outcome() != ReviewOutcome.ADEQUATE) {
            throw ReviewException.conflict(other.status().name(), "Review " + recognised + " is " + other.status()
                    + (other.outcome() == null ? "" : " (" + other.outcome() + ")") + ": only a completed review whose "
                    + "adequate outcome is in force is recognised by reference.");
        }
        if (other.authority().equals(authority)) {
            throw ReviewException.invalid("recognises", "review " + recognised + " is " + authority + "'s own");
        }
        Subject subject = other.subject();
        if (subject.kind() == SubjectKind.JURISDICTION
                && ReviewInput.selfOrMember(engine, authority, subject.jurisdiction())) {
            throw ReviewException.invalid("recognises", "review " + recognised + " is of " + subject.jurisdiction()
                    + ": " + authority + " does not find itself adequate");
        }
        AdequacyReview.Opening base = opening(authority, subject, request.reason(), caller);
        return new AdequacyReview.Opening(ReviewKind.RECOGNITION, ReviewTrigger.REQUEST, authority, subject,
                base.instrument(), base.follows(), recognised, other.instrument(), base.criteria(),
                base.criteriaPolicyVersion(), base.dueBy(), request.reason(), caller.username());
    }

    /** An opening of a review of {@code subject} by {@code authority}: initial, or a follow-up of what it has. */
    private AdequacyReview.Opening opening(String authority, Subject subject, String reason, Caller caller) {
        reviews.findOpen(authority, subject.target()).ifPresent(open -> {
            throw ReviewException.conflict(open.status().name(), "Review " + open.id() + " of " + subject.label()
                    + " by " + authority + " is " + open.status() + ": one review at a time decides about it.");
        });
        Optional<AdequacyReview.Snapshot> inForce = reviews.findInForce(authority, subject.target());
        PolicyInstrument instrument = inForce.map(AdequacyReview.Snapshot::instrument).filter(instruments::exists)
                .orElseGet(() -> instruments.recorded(authority, subject));
        PolicyVersions.CriteriaInForce criteria = policies.reviewCriteria();
        return new AdequacyReview.Opening(instrument == null ? ReviewKind.INITIAL : ReviewKind.FOLLOW_UP,
                ReviewTrigger.REQUEST, authority, subject, instrument, inForce.map(AdequacyReview.Snapshot::id).orElse(null),
                inForce.map(AdequacyReview.Snapshot::recognises).orElse(null),
                inForce.map(AdequacyReview.Snapshot::recognisedInstrument).orElse(null),
                criteria.criteria().forStandard(subject.kind().standard()), criteria.policyVersion(),
                inForce.map(AdequacyReview.Snapshot::reviewDate).orElse(null), ReviewInput.blankToNull(reason),
                caller.username());
    }

    /** A follow-up of the review {@code of} (in force, or the recognition a flag is about), opened by the platform or a flag. */
    private AdequacyReview.Opening followUp(AdequacyReview.Snapshot of, ReviewTrigger trigger, String reason,
            String openedBy) {
        PolicyVersions.CriteriaInForce criteria = policies.reviewCriteria();
        return new AdequacyReview.Opening(ReviewKind.FOLLOW_UP, trigger, of.authority(), of.subject(), of.instrument(),
                of.id(), of.recognises(), of.recognisedInstrument(),
                criteria.criteria().forStandard(of.subject().kind().standard()), criteria.policyVersion(),
                of.reviewDate(), reason, openedBy);
    }

    private AdequacyReview insert(AdequacyReview.Opening opening) {
        var review = AdequacyReview.open(UUID.randomUUID(), opening, now());
        try {
            reviews.insert(review);
        } catch (DuplicateKeyException e) {
            throw ReviewException.conflict("DRAFT", "Another review of " + opening.subject().label() + " by "
                    + opening.authority() + " was opened at the same time: one review at a time decides about it.");
        }
        publish(review);
        return review;
    }

    // --- steps -----------------------------------------------------------------------------------------------

    /** Takes one step on a review the caller may see; anyone else learns nothing about it. */
    public AdequacyReview.Snapshot step(ReviewId id, Caller caller, Consumer<AdequacyReview> step) {
        return transactions.execute(tx -> {
            AdequacyReview review = reviews.lock(id.value()).filter(r -> r.visibleTo(caller))
                    .orElseThrow(() -> ReviewException.notFound("adequacy review " + id));
            step.accept(review);
            reviews.update(review);
            publish(review);
            return review.snapshot();
        });
    }

    public AdequacyReview.Snapshot requestOpinions(ReviewId id, Caller caller, List<String> from, Instant deadline) {
        AssessmentEngine engine = policies.current();
        return step(id, caller, r -> r.requestOpinions(caller, from, deadline, now(), rules,
                j -> ReviewInput.known(j, engine)));
    }

    /**
     * Adopts a review's outcome: the decision or agreement changes through the policy administration (a new policy
     * version, its event, reassessment of live transfers that relied on it), and the review it follows, if in force,
     * is superseded once this one is — all in one transaction.
     */
    public AdequacyReview.Snapshot adopt(ReviewId id, Caller caller, AdequacyReview.AdoptionTerms terms) {
        return transactions.execute(tx -> {
            AdequacyReview review = reviews.lock(id.value()).filter(r -> r.visibleTo(caller))
                    .orElseThrow(() -> ReviewException.notFound("adequacy review " + id));
            adopt(review, caller, terms);
            return review.snapshot();
        });
    }

    /** Adopts {@code review} (locked by the caller's transaction) and supersedes what it replaces. */
    private void adopt(AdequacyReview review, Caller caller, AdequacyReview.AdoptionTerms terms) {
        var before = review.snapshot();
        Optional<AdequacyReview> previous = reviews.lockInForce(before.authority(), before.subject().target(),
                before.id());
        String recognisedAuthority = before.recognises() == null ? null
                : reviews.find(before.recognises()).map(AdequacyReview.Snapshot::authority).orElse("?");
        review.adopt(caller, terms, now(), rules, instruments.status(before.instrument()),
                (snapshot, checked) -> instruments.apply(snapshot, checked, caller.username(), recognisedAuthority));
        reviews.update(review);
        publish(review);
        if (review.status() == ReviewStatus.IN_FORCE) {
            previous.ifPresent(p -> supersede(p, review.id()));
        }
    }

    private void supersede(AdequacyReview previous, UUID by) {
        previous.supersede(by, now());
        reviews.update(previous);
        publish(previous);
    }

    /** Who recognises whom, now (see {@link RecognitionMap}). */
    public RecognitionMap recognitionMap() {
        List<AdequacyReview.Snapshot> inForce = reviews.inForce();
        java.util.Map<UUID, String> authorities = new java.util.HashMap<>();
        for (AdequacyReview.Snapshot r : inForce) {
            if (r.recognises() != null) {
                reviews.find(r.recognises()).ifPresent(o -> authorities.put(o.id(), o.authority()));
            }
        }
        return RecognitionMap.of(policies.current(), inForce, authorities);
    }

    /** The rule packs that consult the instrument a review of {@code subject} by {@code authority} decides about. */
    public List<String> consultedBy(String authority, Subject subject) {
        AssessmentEngine engine = policies.current();
        return subject.kind() == SubjectKind.JURISDICTION ? engine.packsConsultingAdequacyOf(authority)
                : subject.kind() == SubjectKind.CERTIFICATION ? engine.packsAccepting(authority) : List.of();
    }

    public Optional<AdequacyReview.Snapshot> read(ReviewId id, Caller caller) {
        return reviews.find(id.value()).filter(s -> AdequacyReview.restore(s).visibleTo(caller));
    }

    // --- the scheduler ---------------------------------------------------------------------------------------

    /**
     * Takes every step that has fallen due, one review per transaction: opinion deadlines that passed, adopted reviews
     * entering into force (superseding the review they follow), and follow-up reviews opened ahead of the review date
     * of adequate outcomes in force (a {@code policy.adequacy-review-opened.v1} with trigger {@code PERIODIC} tells the
     * regulators). Replicas running this at the same time skip each other's locked reviews; the periodic follow-up is
     * opened once per review (a unique index), so each step happens once.
     */
    public DueSteps runDueSteps() {
        int deadlines = each(passedOver -> reviews.lockNextOpinionsDue(now(), passedOver), review -> {
            if (!review.opinionsDeadlinePassed(now())) {
                throw new IllegalStateException("review " + review.id() + " was due but did not advance");
            }
            reviews.update(review);
            publish(review);
        });
        int entered = each(passedOver -> reviews.lockNextEntryDue(ReviewRules.today(now()), passedOver), review -> {
            var s = review.snapshot();
            Optional<AdequacyReview> previous = reviews.lockInForce(s.authority(), s.subject().target(), s.id());
            if (!review.enterIntoForce(now())) {
                throw new IllegalStateException("review " + review.id() + " was due but did not enter into force");
            }
            reviews.update(review);
            publish(review);
            previous.ifPresent(p -> supersede(p, review.id()));
        });
        int opened = each(passedOver -> reviews.lockNextPeriodicDue(ReviewRules.today(now()),
                rules.periodicReviewLead(), passedOver), review -> {
            var s = review.snapshot();
            var followUp = insert(followUp(s, ReviewTrigger.PERIODIC, "periodic review: " + s.instrument()
                    + " is due for review on " + s.reviewDate() + " (GDPR Art. 45(3)); opened "
                    + rules.periodicReviewLead() + " ahead", "procedure"));
            log.info("Review {} of {} is due on {}: follow-up review {} opened", s.id(), s.instrument(), s.reviewDate(),
                    followUp.id());
        });
        return new DueSteps(deadlines, entered, opened);
    }

    /** Handles due reviews one per transaction until none is left; a review that fails is passed over this round. */
    private int each(Function<Set<UUID>, Optional<AdequacyReview>> next, Consumer<AdequacyReview> handle) {
        int handled = 0;
        Set<UUID> failed = new HashSet<>();
        while (true) {
            UUID[] current = new UUID[1];
            Boolean done;
            try {
                done = transactions.execute(tx -> next.apply(failed).map(review -> {
                    current[0] = review.id();
                    handle.accept(review);
                    return true;
                }).orElse(false));
            } catch (RuntimeException e) {
                if (current[0] == null) {
                    throw e; // the database, not a review: nothing to pass over
                }
                log.error("Adequacy review {} was due but its step failed; retrying next round", current[0], e);
                failed.add(current[0]);
                continue;
            }
            if (!Boolean.TRUE.equals(done)) {
                return handled;
            }
            handled++;
        }
    }

    // --- recognition flags -----------------------------------------------------------------------------------

    /**
     * The decision or agreement {@code changed} became {@code status}: every jurisdiction that recognised it by
     * reference (an adequate outcome adopted or in force) gets a flag, with a deadline for its own decision. Runs in
     * the transaction of the change; the recognising jurisdictions' own instruments do not change.
     */
    void flagRecognitions(PolicyInstrument changed, String previousStatus, String status, String reason,
            String policyVersion) {
        if (!(DecisionStatus.SUSPENDED.name().equals(status) || DecisionStatus.REVOKED.name().equals(status))
                || status.equals(previousStatus) || previousStatus == null) {
            return;
        }
        for (AdequacyReview.Snapshot recognition : reviews.recognitionsOf(changed)) {
            if (recognition.outcome() != ReviewOutcome.ADEQUATE) {
                continue;
            }
            String recognisedAuthority = recognition.recognises() == null ? null
                    : reviews.find(recognition.recognises()).map(AdequacyReview.Snapshot::authority).orElse(null);
            var flag = RecognitionFlag.raise(UUID.randomUUID(), new RecognitionFlag.Raising(recognition.id(),
                    recognition.authority(), recognition.instrument(), recognisedAuthority, recognition.recognises(),
                    changed, status, reason, policyVersion), now(), rules);
            if (flags.insertIfAbsent(flag)) {
                publish(flag, recognition.authority(), recognisedAuthority);
                log.info("{} {}: {} flagged for its own {} (recognition {}), due {}", changed, status,
                        recognition.authority(), recognition.instrument(), recognition.id(), flag.snapshot().deadline());
            }
        }
    }

    /**
     * The recognising jurisdiction decides about a flag: maintain its own instrument, suspend or revoke it (a follow-up
     * review opened and adopted at once, so the change goes the way of every review outcome), or let a follow-up review
     * decide.
     */
    public RecognitionFlag.Snapshot resolveFlag(FlagId id, Caller caller, String decision, String reason) {
        return transactions.execute(tx -> {
            RecognitionFlag flag = flags.lock(id.value()).filter(f -> f.visibleTo(caller))
                    .orElseThrow(() -> ReviewException.notFound("recognition flag " + id));
            flag.checkDecidable(caller, decision, reason);
            var raising = flag.snapshot().raising();
            AdequacyReview.Snapshot recognition = reviews.find(raising.recognisingReview()).orElseThrow();
            String target = recognition.subject().target();
            UUID followUp = null;
            RecognitionFlag.Decision chosen = RecognitionFlag.Decision.valueOf(decision);
            if (chosen != RecognitionFlag.Decision.MAINTAIN) {
                Optional<AdequacyReview.Snapshot> open = reviews.findOpen(recognition.authority(), target);
                if (open.isPresent() && chosen != RecognitionFlag.Decision.REVIEW) {
                    throw ReviewException.conflict(open.get().status().name(), "Review " + open.get().id() + " of "
                            + recognition.subject().label() + " is " + open.get().status() + ": adopt its outcome, or "
                            + "decide REVIEW to let it decide.");
                }
                if (open.isPresent()) {
                    followUp = open.get().id();
                } else {
                    AdequacyReview.Snapshot basis = reviews.findInForce(recognition.authority(), target).orElse(recognition);
                    AdequacyReview opened = insert(followUp(basis, ReviewTrigger.RECOGNITION_FLAG, raising.changedInstrument()
                            + " was " + raising.change() + " (" + raising.reason() + "): " + reason.strip(),
                            caller.username()));
                    followUp = opened.id();
                    if (chosen != RecognitionFlag.Decision.REVIEW) {
                        AdequacyReview locked = reviews.lock(opened.id()).orElseThrow();
                        adopt(locked, caller, new AdequacyReview.AdoptionTerms(
                                chosen == RecognitionFlag.Decision.SUSPEND ? "SUSPENDED" : "REVOKED", null, null, null,
                                null, null, null, reason.strip()));
                    }
                }
            }
            flag.resolve(caller, decision, reason, followUp, now());
            flags.update(flag);
            publish(flag, raising.recognisingJurisdiction(), raising.recognisedAuthority());
            return flag.snapshot();
        });
    }

    // --- publishing ------------------------------------------------------------------------------------------

    private void publish(AdequacyReview review) {
        var s = review.snapshot();
        Set<String> jurisdictions = new LinkedHashSet<>();
        jurisdictions.add(s.authority());
        if (s.subject().jurisdiction() != null) {
            jurisdictions.add(s.subject().jurisdiction());
        }
        jurisdictions.addAll(s.opinionGivers());
        for (AdequacyReview.Registered event : review.registered()) {
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(event.type())
                    .aggregate(PolicyEvents.ADEQUACY_REVIEW_AGGREGATE_TYPE, s.id().toString(), event.version())
                    .data(event.payload())
                    .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", jurisdictions))
                    .extension(CloudEventExtensions.READERS, review.readers().map(r -> String.join(",", r)).orElse(null))
                    .extension(CloudEventExtensions.POLICY_VERSION, event.payload()
                            instanceof org.cbdf.policy.events.AdequacyReviewConcluded c ? c.policyVersion() : null)
                    .build());
        }
    }

    private void publish(RecognitionFlag flag, String recognising, String recognised) {
        var s = flag.snapshot();
        Set<String> jurisdictions = new LinkedHashSet<>();
        jurisdictions.add(recognising);
        if (recognised != null) {
            jurisdictions.add(recognised);
        }
        for (AdequacyReview.Registered event : flag.registered()) {
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(event.type())
                    .aggregate(PolicyEvents.RECOGNITION_FLAG_AGGREGATE_TYPE, s.id().toString(), event.version())
                    .data(event.payload())
                    .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", jurisdictions))
                    .extension(CloudEventExtensions.READERS, String.join(",", flag.readers()))
                    .extension(CloudEventExtensions.POLICY_VERSION, s.raising().policyVersion())
                    .build());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** No such thing that the caller may see (for the web adapter's own lookups). */
    public static ReviewException notFound(String what) {
        return ReviewException.notFound(what);
    }
}
