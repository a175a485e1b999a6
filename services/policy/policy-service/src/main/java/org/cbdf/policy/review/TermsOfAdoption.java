package org.cbdf.policy.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.DecisionStatus;

/** What an adoption asks for, checked field by field against the review it concludes (see {@link AdequacyReview#adopt}). */
final class TermsOfAdoption {

    private TermsOfAdoption() {
    }

    /**
     * The adoption's terms, checked and completed with the law's defaults: an outcome other than ADEQUATE takes
     * effect at once and has no scope, dates or conditions; an ADEQUATE one covers no more than the review examined,
     * states the conditions its findings found, enters into force today or later (today for an instrument in force)
     * and is reviewed within the review period.
     */
    static AdequacyReview.Terms check(AdequacyReview.AdoptionTerms requested, ReviewOutcome outcome, ReviewKind kind,
            Subject subject, PolicyInstrument instrument, Collection<AdequacyReview.Finding> findings, Instant now,
            ReviewRules rules, DecisionStatus instrumentStatus) {
        List<FieldError> errors = new ArrayList<>();
        if (requested.reason() == null || requested.reason().isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        }
        if (kind == ReviewKind.INITIAL && outcome != ReviewOutcome.ADEQUATE) {
            errors.add(new FieldError("outcome", "an initial review is adopted ADEQUATE, or rejected"));
        }
        LocalDate today = ReviewRules.today(now);
        String legalReference = requested.legalReference() == null || requested.legalReference().isBlank() ? null
                : requested.legalReference().strip();
        if (outcome != ReviewOutcome.ADEQUATE) {
            for (var given : new Object[][] { { "scope", requested.scope() }, { "entryIntoForce", requested.entryIntoForce() },
                    { "reviewDate", requested.reviewDate() }, { "validUntil", requested.validUntil() } }) {
                if (given[1] != null) {
                    errors.add(new FieldError((String) given[0], "only an ADEQUATE outcome has one; " + outcome
                            + " takes effect at once"));
                }
            }
            if (requested.conditions() != null && !requested.conditions().isEmpty()) {
                errors.add(new FieldError("conditions", "only an ADEQUATE outcome has conditions"));
            }
            ReviewException.throwIfAny(errors);
            return new AdequacyReview.Terms(outcome, null, List.of(), today, null, null, legalReference, requested.reason().strip());
        }
        String scope = requested.scope() == null ? subject.sector() : requested.scope();
        if (subject.kind().standard() && scope != null) {
            errors.add(new FieldError("scope", "a standard has no sector scope"));
        } else if (scope != null && !AdequacyDecisions.SCOPES.contains(scope)) {
            errors.add(new FieldError("scope", "must be one of " + AdequacyDecisions.SCOPES.stream().sorted().toList()
                    + ", was " + scope));
        } else if (subject.sector() != null && !subject.sector().equals(scope)) {
            errors.add(new FieldError("scope", "the review examined " + subject.sector() + " only; its outcome covers no "
                    + "more"));
        }
        List<String> conditions = ReviewInput.conditions(requested.conditions(), errors);
        List<String> withConditions = findings.stream()
                .filter(f -> f.rating() == Rating.EQUIVALENT_WITH_CONDITIONS).map(AdequacyReview.Finding::criterion).toList();
        if (!withConditions.isEmpty() && conditions.isEmpty()) {
            errors.add(new FieldError("conditions", "criteria " + String.join(", ", withConditions)
                    + " were found equivalent only with conditions: state them"));
        }
        LocalDate entry = requested.entryIntoForce() == null ? today : requested.entryIntoForce();
        if (entry.isBefore(today)) {
            errors.add(new FieldError("entryIntoForce", "must not be in the past, was " + entry));
        } else if (instrumentStatus != null && instrumentStatus.inForce() && !entry.equals(today)) {
            errors.add(new FieldError("entryIntoForce", "the outcome of a review of " + instrument + ", in force, "
                    + "applies from its adoption (" + today + ")"));
        }
        LocalDate latest = entry.plus(rules.reviewPeriod());
        LocalDate reviewDate = requested.reviewDate() == null ? latest : requested.reviewDate();
        if (!reviewDate.isAfter(entry)) {
            errors.add(new FieldError("reviewDate", "must be after the entry into force (" + entry + ")"));
        } else if (reviewDate.isAfter(latest)) {
            errors.add(new FieldError("reviewDate", "a periodic review is due at least every " + rules.reviewPeriod()
                    + " (GDPR Art. 45(3)): no later than " + latest));
        }
        if (requested.validUntil() != null && !requested.validUntil().isAfter(entry)) {
            errors.add(new FieldError("validUntil", "must be after the entry into force (" + entry + ")"));
        }
        ReviewException.throwIfAny(errors);
        return new AdequacyReview.Terms(outcome, scope, conditions, entry, reviewDate, requested.validUntil(), legalReference,
                requested.reason().strip());
    }
}
