package org.cbdf.policy.review;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.cbdf.policy.administration.PolicyAdministration;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.RecognitionAgreements;
import org.cbdf.policy.versions.PolicyVersions;
import org.springframework.stereotype.Component;

/**
 * Turns an adopted review's terms into the adequacy decision or recognition agreement the engine uses, and changes the
 * policy through {@link PolicyAdministration} — the path of the admin API: a new policy version, the instrument's
 * event, the reassessment of the transfers that relied on it. The instrument names the review (its {@code review}),
 * so every assessment's trace cites it.
 */
@Component
class PolicyInstruments {

    private final PolicyVersions policies;
    private final PolicyAdministration administration;

    PolicyInstruments(PolicyVersions policies, PolicyAdministration administration) {
        this.policies = policies;
        this.administration = administration;
    }

    /** The status of the decision or agreement now, or null if there is none (any more). */
    DecisionStatus status(PolicyInstrument instrument) {
        if (instrument == null) {
            return null;
        }
        AssessmentEngine current = policies.current();
        return isDecision(instrument)
                ? current.adequacyDecisions().byId(instrument.id()).map(AdequacyDecisions.Decision::status).orElse(null)
                : current.recognitionAgreements().byId(instrument.id()).map(RecognitionAgreements.Agreement::status)
                        .orElse(null);
    }

    boolean exists(PolicyInstrument instrument) {
        return status(instrument) != null;
    }

    /**
     * The decision or agreement of {@code authority} a review of {@code subject} decides about, as recorded in the policy
     * (the shipped ones have no review): for a jurisdiction the decision of the authority for exactly that destination;
     * for a certification scheme the agreement in which the authority accepts exactly those certifications. Refused when
     * another of the authority's instruments already covers the subject in part (the engine would use that one first).
     */
    PolicyInstrument recorded(String authority, Subject subject) {
        AssessmentEngine current = policies.current();
        switch (subject.kind()) {
            case JURISDICTION -> {
                for (AdequacyDecisions.Decision d : current.adequacyDecisions().decisions()) {
                    if (!d.authority().equals(authority)) {
                        continue;
                    }
                    if (d.destinations().equals(List.of(subject.jurisdiction()))) {
                        return PolicyInstrument.adequacyDecision(d.id());
                    }
                    if (covers(current, d.destinations(), subject.jurisdiction())) {
                        throw ReviewException.conflict(d.status().name(), authority + "'s adequacy decision " + d.id()
                                + " already covers " + subject.jurisdiction() + " (destinations "
                                + String.join(", ", d.destinations()) + "): review that decision, whose subject is "
                                + String.join(", ", d.destinations()) + ".");
                    }
                }
                return null;
            }
            case CERTIFICATION -> {
                Set<String> wanted = Set.copyOf(subject.certifications());
                List<String> destinations = subject.jurisdiction() == null ? List.of() : List.of(subject.jurisdiction());
                for (RecognitionAgreements.Agreement a : current.recognitionAgreements().agreements()) {
                    if (!a.accepting().equals(authority) || a.certifications().isEmpty()) {
                        continue;
                    }
                    if (Set.copyOf(a.certifications()).equals(wanted) && a.destinations().equals(destinations)) {
                        return PolicyInstrument.recognitionAgreement(a.id());
                    }
                    if (a.certifications().stream().anyMatch(wanted::contains)) {
                        throw ReviewException.conflict(a.status().name(), authority + "'s recognition agreement " + a.id()
                                + " already accepts " + a.certifications().stream().filter(wanted::contains)
                                        .collect(Collectors.joining(", ")) + ": review that agreement, whose "
                                + "certifications are " + String.join(", ", a.certifications()) + ".");
                    }
                }
                return null;
            }
            default -> {
                return null; // model clauses are recorded only by reviews
            }
        }
    }

    /** Makes the policy change an adoption decided, as {@code by}. */
    AdequacyReview.Applied apply(AdequacyReview.Snapshot review, AdequacyReview.Terms terms, String by,
            String recognisedAuthority) {
        AssessmentEngine current = policies.current();
        String reason = "adequacy review " + review.id() + " by " + review.authority() + " of " + review.subject().label()
                + ": " + terms.outcome() + " — " + terms.reason();
        String note = review.recognises() == null ? null
                : "recognises " + recognisedAuthority + "'s adequacy review " + review.recognises();
        if (review.subject().kind() == SubjectKind.JURISDICTION) {
            AdequacyDecisions.Decision existing = review.instrument() == null ? null
                    : current.adequacyDecisions().byId(review.instrument().id()).orElse(null);
            String id = existing != null ? existing.id()
                    : unique(decisionId(review), candidate -> current.adequacyDecisions().byId(candidate).isPresent());
            DecisionStatus status = terms.outcome().status(existing == null ? null : existing.status());
            AdequacyDecisions.Decision after;
            if (terms.outcome() == ReviewOutcome.ADEQUATE) {
                String citation = terms.legalReference() != null ? terms.legalReference()
                        : existing != null ? existing.citation()
                        : review.recognises() != null ? review.authority() + " recognition of " + recognisedAuthority
                                + "'s adequacy finding"
                        : review.authority() + " adequacy decision of " + terms.entryIntoForce();
                boolean inForce = existing != null && existing.status().inForce();
                after = new AdequacyDecisions.Decision(id, review.authority(), List.of(review.subject().jurisdiction()),
                        terms.scope(), citation, status, inForce ? existing.adopted() : terms.entryIntoForce(),
                        terms.validUntil(), note != null ? note : existing == null ? null : existing.note(),
                        review.id().toString(), terms.conditions(), terms.reviewDate());
            } else {
                after = new AdequacyDecisions.Decision(existing.id(), existing.authority(), existing.destinations(),
                        existing.scope(), terms.legalReference() != null ? terms.legalReference() : existing.citation(),
                        status, existing.adopted(), existing.validUntil(), terms.reason(), review.id().toString(),
                        existing.conditions(), existing.reviewDate());
            }
            AdequacyDecisionChanged changed = administration.adoptAdequacyDecision(after, reason, by);
            return new AdequacyReview.Applied(PolicyInstrument.adequacyDecision(id), changed.policyVersion(),
                    changed.reassessedTransfers());
        }
        RecognitionAgreements.Agreement existing = review.instrument() == null ? null
                : current.recognitionAgreements().byId(review.instrument().id()).orElse(null);
        String id = existing != null ? existing.id()
                : unique(agreementId(review), candidate -> current.recognitionAgreements().byId(candidate).isPresent());
        DecisionStatus status = terms.outcome().status(existing == null ? null : existing.status());
        RecognitionAgreements.Agreement after;
        Subject subject = review.subject();
        if (terms.outcome() == ReviewOutcome.ADEQUATE) {
            String citation = terms.legalReference() != null ? terms.legalReference()
                    : existing != null ? existing.citation()
                    : review.authority() + " recognition of " + subject.label() + " of " + terms.entryIntoForce();
            boolean inForce = existing != null && existing.status().inForce();
            after = new RecognitionAgreements.Agreement(id,
                    existing != null ? existing.name() : review.authority() + " recognition of " + subject.label()
                            + (subject.kind() == SubjectKind.MODEL_CLAUSES ? " as equivalent" : ""),
                    existing != null ? existing.parties() : List.of(review.authority()), review.authority(),
                    subject.jurisdiction() == null ? List.of() : List.of(subject.jurisdiction()),
                    subject.kind() == SubjectKind.CERTIFICATION ? subject.certifications() : List.of(),
                    existing != null ? existing.adequacyDecisions() : List.of(), citation, status,
                    inForce ? existing.validFrom() : terms.entryIntoForce(), terms.validUntil(),
                    note != null ? note : existing == null ? subject.description() : existing.note(),
                    review.id().toString(), terms.conditions());
        } else {
            after = new RecognitionAgreements.Agreement(existing.id(), existing.name(), existing.parties(),
                    existing.accepting(), existing.destinations(), existing.certifications(),
                    existing.adequacyDecisions(),
                    terms.legalReference() != null ? terms.legalReference() : existing.citation(), status,
                    existing.validFrom(), existing.validUntil(), terms.reason(), review.id().toString(),
                    existing.conditions());
        }
        RecognitionAgreementChanged changed = administration.adoptRecognitionAgreement(after, reason, by);
        return new AdequacyReview.Applied(PolicyInstrument.recognitionAgreement(id), changed.policyVersion(),
                changed.reassessedTransfers());
    }

    static boolean isDecision(PolicyInstrument instrument) {
        return PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE.equals(instrument.type());
    }

    /** Whether a decision for {@code destinations} covers {@code party}: listed, in a listed bloc, or a bloc inside one. */
    static boolean covers(AssessmentEngine engine, List<String> destinations, String party) {
        var blocs = engine.blocs();
        for (String to : destinations) {
            if (to.equals(party)) {
                return true;
            }
            if (blocs.isBloc(to)) {
                Set<String> members = blocs.blocs().get(to);
                if (members.contains(party)
                        || blocs.isBloc(party) && members.containsAll(blocs.blocs().get(party))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String decisionId(AdequacyReview.Snapshot review) {
        Subject s = review.subject();
        return slug(review.authority() + "-" + s.jurisdiction() + (s.sector() == null ? "" : "-" + s.sector()));
    }

    private static String agreementId(AdequacyReview.Snapshot review) {
        Subject s = review.subject();
        String what = s.kind() == SubjectKind.CERTIFICATION ? String.join("-", s.certifications())
                : "clauses-" + s.modelClauses();
        String id = slug(review.authority() + "-" + what + (s.jurisdiction() == null ? "" : "-" + s.jurisdiction()));
        return id.length() > 60 ? id.substring(0, 60).replaceAll("-+$", "") : id;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String unique(String id, Predicate<String> taken) {
        String candidate = id;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = id + "-" + n;
        }
        return candidate;
    }
}
