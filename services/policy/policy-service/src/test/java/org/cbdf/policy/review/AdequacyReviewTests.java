package org.cbdf.policy.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cbdf.policy.review.Callers.auditor;
import static org.cbdf.policy.review.Callers.enterprise;
import static org.cbdf.policy.review.Callers.policyAdmin;
import static org.cbdf.policy.review.Callers.regulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.Refusal;
import org.cbdf.policy.events.AdequacyReviewConcluded;
import org.cbdf.policy.events.AdequacyReviewDeadlineMissed;
import org.cbdf.policy.events.AdequacyReviewOpinionsRequested;
import org.cbdf.policy.events.AdequacyReviewStatusChanged;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.ReviewCriteria;
import org.junit.jupiter.api.Test;

/** The review procedure path by path on the aggregate, with a clock the test sets and a recording policy effect. */
class AdequacyReviewTests {

    static final Instant OPENED = Instant.parse("2027-03-01T09:00:00Z");
    static final ReviewRules RULES = ReviewRules.defaults();
    static final List<ReviewCriteria.Criterion> CRITERIA = AssessmentEngine.fromClasspath().reviewCriteria()
            .orElseThrow().jurisdiction();
    static final Subject ARGENTINA = new Subject(SubjectKind.JURISDICTION, "AR", null, List.of(), null, null);

    /** The policy changes an adoption asked for, and what the policy answered. */
    final List<AdequacyReview.Terms> applied = new ArrayList<>();
    final AdequacyReview.PolicyEffects effects = (review, terms) -> {
        applied.add(terms);
        return new AdequacyReview.Applied(PolicyInstrument.adequacyDecision("br-ar"), "sha256:" + "b".repeat(64), 2);
    };

    @Test
    void anInitialReviewIsDraftedOpinedAndAdoptedWithTheLawsDefaults() {
        AdequacyReview review = draftWithFindings(ReviewKind.INITIAL, null);
        assertThat(review.status()).isEqualTo(ReviewStatus.DRAFT);

        review.requestOpinions(regulator("BR"), List.of("FR", "JP"), null, OPENED.plusSeconds(60), RULES, j -> true);
        var requested = (AdequacyReviewOpinionsRequested) review.registered().get(1).payload();
        assertThat(requested.deadline()).as("4 weeks, as the dispute procedure").isEqualTo(
                OPENED.plusSeconds(60).plus(Duration.ofDays(28)));
        assertThat(requested.findings()).hasSize(5);

        review.fileOpinion(regulator("FR"), "FAVOURABLE", "Essentially equivalent.", null, OPENED.plusSeconds(120));
        review.fileOpinion(regulator("JP"), "FAVOURABLE_WITH_CONDITIONS", "Watch onward transfers.",
                List.of("Report annually on onward transfers"), OPENED.plusSeconds(180));
        Instant adoptedAt = OPENED.plusSeconds(240);
        review.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), adoptedAt, RULES, null, effects);

        assertThat(review.status()).as("in force on adoption: entry into force defaults to today")
                .isEqualTo(ReviewStatus.IN_FORCE);
        AdequacyReview.Terms made = applied.getFirst();
        assertThat(made.entryIntoForce()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(made.reviewDate()).as("GDPR Art. 45(3): at least every four years").isEqualTo(LocalDate.of(2031, 3, 1));
        var s = review.snapshot();
        assertThat(s.instrument()).isEqualTo(PolicyInstrument.adequacyDecision("br-ar"));
        assertThat(s.conclusion().policyVersion()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(s.conclusion().reassessedTransfers()).isEqualTo(2);
        assertThat(review.registered()).extracting(AdequacyReview.Registered::type).containsExactly(
                PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, PolicyEvents.ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1,
                PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1, PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1,
                PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1);
        assertThat(review.registered()).extracting(AdequacyReview.Registered::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        var concluded = (AdequacyReviewConcluded) review.registered().getLast().payload();
        assertThat(concluded.status()).isEqualTo("IN_FORCE");
        assertThat(concluded.outcome()).isEqualTo("ADEQUATE");
    }

    @Test
    void adoptionWaitsForTheOpinionsUntilTheirDeadlinePassesAndTheMissingOnesStayVisible() {
        AdequacyReview review = draftWithFindings(ReviewKind.INITIAL, null);
        review.requestOpinions(regulator("BR"), List.of("FR", "JP"), null, OPENED, RULES, j -> true);
        review.fileOpinion(regulator("FR"), "FAVOURABLE", "Fine.", null, OPENED.plusSeconds(60));

        assertThatThrownBy(() -> review.adopt(regulator("BR"), terms("ADEQUATE", null, null, null),
                OPENED.plus(Duration.ofDays(27)), RULES, null, effects))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(e.currentStatus()).isEqualTo("OPINIONS_REQUESTED");
                    assertThat(e.getMessage()).contains("JP").contains("due by");
                });
        assertThat(applied).as("nothing changed in the policy").isEmpty();

        Instant deadline = OPENED.plus(Duration.ofDays(28));
        assertThat(review.opinionsDeadlinePassed(deadline.minusSeconds(1))).isFalse();
        assertThat(review.snapshot().overdue(deadline.minusSeconds(1))).isEmpty();
        assertThat(review.snapshot().overdue(deadline)).containsExactly("OPINIONS");
        assertThat(review.opinionsDeadlinePassed(deadline.plusSeconds(5))).isTrue();
        assertThat(review.opinionsDeadlinePassed(deadline.plusSeconds(6))).as("once").isFalse();
        var missed = (AdequacyReviewDeadlineMissed) review.registered().getLast().payload();
        assertThat(missed.missing()).containsExactly("JP");
        assertThat(missed.deadline()).isEqualTo(deadline);
        assertThatThrownBy(() -> review.fileOpinion(regulator("JP"), "FAVOURABLE", "Late.", null, deadline.plusSeconds(9)))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind())
                        .isEqualTo(Refusal.Kind.CONFLICT));

        review.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), deadline.plusSeconds(10), RULES, null, effects);
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_FORCE);
        assertThat(review.snapshot().missingOpinions()).containsExactly("JP");
    }

    @Test
    void whoMayTakeWhichStepAndWhoSeesADraft() {
        AdequacyReview review = draftWithFindings(ReviewKind.INITIAL, null);
        assertThat(review.visibleTo(enterprise("acme-br"))).isFalse();
        assertThat(review.visibleTo(regulator("DE"))).isFalse();
        assertThat(review.visibleTo(regulator("BR"))).isTrue();
        assertThat(review.visibleTo(auditor())).isTrue();
        assertThat(review.visibleTo(policyAdmin())).isTrue();

        assertRefused(() -> review.recordFinding(regulator("FR"), "rule-of-law", "x", "ESSENTIALLY_EQUIVALENT", null,
                OPENED), Refusal.Kind.NOT_ALLOWED);
        assertRefused(() -> review.requestOpinions(auditor(), List.of("FR"), null, OPENED, RULES, j -> true),
                Refusal.Kind.NOT_ALLOWED);
        review.requestOpinions(policyAdmin(), List.of("FR"), null, OPENED, RULES, j -> true);
        assertThat(review.visibleTo(regulator("FR"))).as("named for an opinion").isTrue();
        assertRefused(() -> review.fileOpinion(regulator("DE"), "FAVOURABLE", "x", null, OPENED),
                Refusal.Kind.NOT_ALLOWED);
        assertRefused(() -> review.fileOpinion(policyAdmin(), "FAVOURABLE", "x", null, OPENED),
                Refusal.Kind.NOT_ALLOWED);
        review.fileOpinion(regulator("FR"), "UNFAVOURABLE", "Not convinced.", null, OPENED.plusSeconds(1));
        assertRefused(() -> review.fileOpinion(regulator("FR"), "FAVOURABLE", "again", null, OPENED.plusSeconds(2)),
                Refusal.Kind.CONFLICT);
        assertRefused(() -> review.adopt(regulator("FR"), terms("ADEQUATE", null, null, null), OPENED.plusSeconds(3),
                RULES, null, effects), Refusal.Kind.NOT_ALLOWED);

        review.adopt(policyAdmin(), terms("ADEQUATE", null, null, null), OPENED.plusSeconds(4), RULES, null, effects);
        assertThat(review.visibleTo(enterprise("acme-br"))).as("adopted: public").isTrue();
        assertThat(review.visibleTo(regulator("DE"))).isTrue();
    }

    @Test
    void eachBadFieldIsNamed() {
        AdequacyReview review = open(ReviewKind.INITIAL, null);
        assertInvalid(() -> review.recordFinding(regulator("BR"), "weather", " ", "GOOD",
                new AdequacyReview.Evidence(null, List.of("ftp://x", "https://www.argentina.gob.ar/aaip"),
                        List.of(new AdequacyReview.Document("law.pdf", "ABC"))), OPENED),
                "criterion", "finding", "rating", "evidence.links[0]", "evidence.documents[0].sha256");
        assertInvalid(() -> review.fileOpinion(regulator("FR"), "FAVOURABLE", "x", null, OPENED), "-");

        review.recordFinding(regulator("BR"), "rule-of-law", "Independent courts.", "ESSENTIALLY_EQUIVALENT",
                new AdequacyReview.Evidence("Law 25.326", List.of("https://www.argentina.gob.ar/aaip"),
                        List.of(new AdequacyReview.Document("law-25326.pdf", "a".repeat(64)))), OPENED);
        assertThat(review.snapshot().findings()).singleElement().satisfies(f -> {
            assertThat(f.rating()).isEqualTo(Rating.ESSENTIALLY_EQUIVALENT);
            assertThat(f.evidence().documents()).extracting(AdequacyReview.Document::sha256).containsExactly("a".repeat(64));
        });
        assertThatThrownBy(() -> review.requestOpinions(regulator("BR"), List.of("FR"), null, OPENED, RULES, j -> true))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(e.currentStatus()).isEqualTo("DRAFT");
                    assertThat(e.getMessage()).contains("supervisory-authority", "data-subject-rights");
                });
        AdequacyReview complete = draftWithFindings(ReviewKind.INITIAL, null);
        assertInvalid(() -> complete.requestOpinions(regulator("BR"), List.of("BR", "XX", "FR", "FR"),
                OPENED.minusSeconds(1), OPENED, RULES, j -> !j.equals("XX")),
                "from[0]", "from[1]", "from[3]", "deadline");
    }

    @Test
    void anAdequateOutcomeNeedsEveryCriterionMetAndConditionsWhereAFindingHasThem() {
        AdequacyReview notMet = opinedDraft(Rating.NOT_EQUIVALENT);
        assertThatThrownBy(() -> notMet.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), later(), RULES, null,
                effects)).isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("NOT_EQUIVALENT: onward-transfers");
                });
        notMet.reject(regulator("BR"), "Onward transfers are not protected.", later());
        assertThat(notMet.status()).isEqualTo(ReviewStatus.REJECTED);
        assertThat(((AdequacyReviewConcluded) notMet.registered().getLast().payload()).status()).isEqualTo("REJECTED");
        assertThatThrownBy(() -> notMet.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), later(), RULES, null,
                effects)).isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.currentStatus())
                        .isEqualTo("REJECTED"));

        AdequacyReview conditional = opinedDraft(Rating.EQUIVALENT_WITH_CONDITIONS);
        assertInvalid(() -> conditional.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), later(), RULES, null,
                effects), "conditions");
        assertInvalid(() -> conditional.adopt(regulator("BR"), new AdequacyReview.AdoptionTerms("ADEQUATE",
                "NATIONAL_SECURITY_AGENCIES", List.of("Onward transfers only under contract"), LocalDate.of(2027, 1, 1),
                LocalDate.of(2035, 1, 1), null, null, " "), later(), RULES, null, effects),
                "reason", "scope", "entryIntoForce", "reviewDate");
        assertInvalid(() -> conditional.adopt(regulator("BR"), terms("REVOKED", null, null, null), later(), RULES, null,
                effects), "outcome");
        assertThat(applied).isEmpty();

        conditional.adopt(regulator("BR"), new AdequacyReview.AdoptionTerms("ADEQUATE", "COMMERCIAL_ORGANISATIONS",
                List.of("Onward transfers only under contract"), LocalDate.of(2027, 6, 1), LocalDate.of(2029, 6, 1),
                null, "ANPD Resolution 1/2027", "Adequate for commercial organisations"), later(), RULES, null, effects);
        assertThat(conditional.status()).as("enters into force on its date").isEqualTo(ReviewStatus.ADOPTED);
        assertThat(applied.getLast().conditions()).containsExactly("Onward transfers only under contract");
        assertThat(applied.getLast().scope()).isEqualTo("COMMERCIAL_ORGANISATIONS");
        assertThat(conditional.enterIntoForce(Instant.parse("2027-05-31T23:59:59Z"))).isFalse();
        assertThat(conditional.enterIntoForce(Instant.parse("2027-06-01T00:00:00Z"))).isTrue();
        assertThat(conditional.status()).isEqualTo(ReviewStatus.IN_FORCE);
        var inForce = (AdequacyReviewStatusChanged) conditional.registered().getLast().payload();
        assertThat(inForce.previousStatus()).isEqualTo("ADOPTED");
        assertThat(inForce.status()).isEqualTo("IN_FORCE");
    }

    @Test
    void aSubjectLimitedToASectorIsAdoptedForThatSectorOnly() {
        Subject dpf = new Subject(SubjectKind.JURISDICTION, "US", "DPF_CERTIFIED", List.of(), null, "DPF List");
        AdequacyReview review = AdequacyReview.open(UUID.randomUUID(), opening(ReviewKind.INITIAL, dpf, null), OPENED);
        CRITERIA.forEach(c -> review.recordFinding(regulator("BR"), c.id(), "Met.", "ESSENTIALLY_EQUIVALENT", null, OPENED));
        review.requestOpinions(regulator("BR"), List.of("FR"), null, OPENED, RULES, j -> true);
        review.fileOpinion(regulator("FR"), "FAVOURABLE", "Fine.", null, OPENED);
        assertInvalid(() -> review.adopt(regulator("BR"), new AdequacyReview.AdoptionTerms(null,
                "COMMERCIAL_ORGANISATIONS", null, null, null, null, null, "wider"), later(), RULES, null, effects), "scope");
        review.adopt(regulator("BR"), terms(null, null, null, null), later(), RULES, null, effects);
        assertThat(applied.getLast().scope()).isEqualTo("DPF_CERTIFIED");
    }

    @Test
    void aFollowUpSuspendsOrRevokesAtOnceFromDraftButOnlyWhatIsInForce() {
        PolicyInstrument instrument = PolicyInstrument.adequacyDecision("br-ar");
        AdequacyReview followUp = open(ReviewKind.FOLLOW_UP, instrument);
        assertThatThrownBy(() -> followUp.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), later(), RULES,
                DecisionStatus.ACTIVE, effects)).as("an adequate outcome hears opinions first")
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.currentStatus()).isEqualTo("DRAFT"));
        assertInvalid(() -> followUp.adopt(regulator("BR"), new AdequacyReview.AdoptionTerms("REVOKED", "DPF_CERTIFIED",
                List.of("c"), null, null, null, null, "ruling"), later(), RULES, DecisionStatus.ACTIVE, effects),
                "scope", "conditions");
        assertThatThrownBy(() -> followUp.adopt(regulator("BR"), terms("SUSPENDED", null, null, null), later(), RULES,
                DecisionStatus.REVOKED, effects)).isInstanceOfSatisfying(ReviewException.class,
                        e -> assertThat(e.getMessage()).contains("is REVOKED"));

        followUp.adopt(regulator("BR"), terms("REVOKED", null, null, null), later(), RULES, DecisionStatus.SUSPENDED,
                effects);
        assertThat(followUp.status()).isEqualTo(ReviewStatus.IN_FORCE);
        assertThat(applied.getLast().outcome()).isEqualTo(ReviewOutcome.REVOKED);
        assertThat(applied.getLast().reason()).isEqualTo("a court ruling");
        assertThat(followUp.snapshot().overdue(Instant.parse("2040-01-01T00:00:00Z")))
                .as("a revocation has no review date").isEmpty();
    }

    @Test
    void anAdequateOutcomeInForceIsOverdueAfterItsReviewDateAndASupersededOneIsNot() {
        AdequacyReview review = opinedDraft(Rating.ESSENTIALLY_EQUIVALENT);
        review.adopt(regulator("BR"), terms("ADEQUATE", null, null, null), later(), RULES, null, effects);
        LocalDate reviewDate = review.snapshot().reviewDate();
        assertThat(review.snapshot().overdue(reviewDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())).isEmpty();
        Instant dayAfter = reviewDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        assertThat(review.snapshot().overdue(dayAfter)).containsExactly("REVIEW_DATE");

        UUID followUp = UUID.randomUUID();
        review.supersede(followUp, dayAfter);
        assertThat(review.status()).isEqualTo(ReviewStatus.SUPERSEDED);
        assertThat(review.snapshot().overdue(dayAfter)).isEmpty();
        assertThat(((AdequacyReviewStatusChanged) review.registered().getLast().payload()).supersededBy())
                .isEqualTo(followUp.toString());
    }

    @Test
    void aRecognitionByReferenceIsAdoptedFromDraftWithItsOwnScopeAndConditions() {
        AdequacyReview recognition = AdequacyReview.open(UUID.randomUUID(), new AdequacyReview.Opening(
                ReviewKind.RECOGNITION, ReviewTrigger.REQUEST, "GB", ARGENTINA, null, null, UUID.randomUUID(),
                PolicyInstrument.adequacyDecision("br-ar"), CRITERIA, "sha256:" + "a".repeat(64), null, "rely on ANPD",
                "regulator-gb"), OPENED);
        recognition.adopt(regulator("GB"), new AdequacyReview.AdoptionTerms(null, "COMMERCIAL_ORGANISATIONS",
                List.of("UK transfer risk assessment kept"), null, null, null, null, "Recognises the ANPD's review"),
                later(), RULES, null, effects);
        assertThat(recognition.status()).isEqualTo(ReviewStatus.IN_FORCE);
        assertThat(applied.getLast().conditions()).containsExactly("UK transfer risk assessment kept");
        assertInvalid(() -> AdequacyReview.open(UUID.randomUUID(), new AdequacyReview.Opening(ReviewKind.RECOGNITION,
                ReviewTrigger.REQUEST, "GB", ARGENTINA, null, null, UUID.randomUUID(), null, CRITERIA, "v", null, null,
                "regulator-gb"), OPENED).adopt(regulator("GB"), terms("SUSPENDED", null, null, null), later(), RULES,
                DecisionStatus.ACTIVE, effects), "outcome");
    }

    @Test
    void aFlagWaitsForTheRecognisingJurisdictionsOwnDecision() {
        var flag = RecognitionFlag.raise(UUID.randomUUID(), new RecognitionFlag.Raising(UUID.randomUUID(), "GB",
                PolicyInstrument.adequacyDecision("gb-ar"), "BR", UUID.randomUUID(),
                PolicyInstrument.adequacyDecision("br-ar"), "REVOKED", "court ruling", "sha256:" + "c".repeat(64)),
                OPENED, RULES);
        var s = flag.snapshot();
        assertThat(s.deadline()).isEqualTo(OPENED.plus(Duration.ofDays(28)));
        assertThat(flag.visibleTo(regulator("GB"))).isTrue();
        assertThat(flag.visibleTo(regulator("BR"))).isFalse();
        assertThat(flag.visibleTo(enterprise("acme"))).isFalse();
        assertRefused(() -> flag.resolve(auditor(), "MAINTAIN", "x", null, OPENED), Refusal.Kind.NOT_ALLOWED);
        assertInvalid(() -> flag.resolve(regulator("GB"), "IGNORE", "", null, OPENED), "decision", "reason");
        assertThat(s.overdue(s.deadline())).isTrue();

        flag.resolve(regulator("GB"), "MAINTAIN", "Our own assessment stands.", null, s.deadline().plusSeconds(1));
        assertThat(flag.snapshot().resolution().late()).isTrue();
        assertThat(flag.snapshot().overdue(s.deadline().plus(Duration.ofDays(1)))).as("decided, if late").isFalse();
        assertThatThrownBy(() -> flag.resolve(regulator("GB"), "REVOKE", "changed our mind", null, OPENED))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.currentStatus()).isEqualTo("RESOLVED"));
        assertThat(flag.registered()).extracting(AdequacyReview.Registered::type).containsExactly(
                PolicyEvents.RECOGNITION_FLAG_RAISED_V1, PolicyEvents.RECOGNITION_FLAG_RESOLVED_V1);
        assertThat(flag.registered()).extracting(AdequacyReview.Registered::version).containsExactly(1L, 2L);
    }

    // --- mothers ---------------------------------------------------------------------------------------------

    private static AdequacyReview open(ReviewKind kind, PolicyInstrument instrument) {
        return AdequacyReview.open(UUID.randomUUID(), opening(kind, ARGENTINA, instrument), OPENED);
    }

    private static AdequacyReview.Opening opening(ReviewKind kind, Subject subject, PolicyInstrument instrument) {
        return new AdequacyReview.Opening(kind, ReviewTrigger.REQUEST, "BR", subject, instrument, null, null, null,
                CRITERIA, "sha256:" + "a".repeat(64), null, "a court ruling", "regulator-br");
    }

    private static AdequacyReview draftWithFindings(ReviewKind kind, PolicyInstrument instrument) {
        AdequacyReview review = open(kind, instrument);
        CRITERIA.forEach(c -> review.recordFinding(regulator("BR"), c.id(), "Met: " + c.title(),
                "ESSENTIALLY_EQUIVALENT", null, OPENED));
        return review;
    }

    /** Every criterion essentially equivalent but onward transfers, rated {@code onward}; FR's opinion filed. */
    private static AdequacyReview opinedDraft(Rating onward) {
        AdequacyReview review = draftWithFindings(ReviewKind.INITIAL, null);
        review.recordFinding(regulator("BR"), "onward-transfers", "Onward transfers.", onward.name(), null, OPENED);
        review.requestOpinions(regulator("BR"), List.of("FR"), null, OPENED, RULES, j -> true);
        review.fileOpinion(regulator("FR"), "FAVOURABLE", "Fine.", null, OPENED.plusSeconds(1));
        return review;
    }

    private static Instant later() {
        return OPENED.plus(Duration.ofDays(1));
    }

    private static AdequacyReview.AdoptionTerms terms(String outcome, String scope, List<String> conditions,
            LocalDate entry) {
        return new AdequacyReview.AdoptionTerms(outcome, scope, conditions, entry, null, null, null, "a court ruling");
    }

    private static void assertRefused(Runnable step, Refusal.Kind kind) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind())
                .isEqualTo(kind));
    }

    /** Refused as INVALID naming exactly {@code fields} ("-": refused, but not for its content). */
    private static void assertInvalid(Runnable step, String... fields) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(ReviewException.class, e -> {
            if (fields.length == 1 && fields[0].equals("-")) {
                assertThat(e.kind()).isNotEqualTo(Refusal.Kind.INVALID);
            } else {
                assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
                assertThat(e.errors()).extracting(FieldError::field).containsExactly(fields);
            }
        });
    }
}
