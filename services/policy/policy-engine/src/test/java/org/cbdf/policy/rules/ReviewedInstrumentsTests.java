package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Outcome;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.Mechanism;
import org.junit.jupiter.api.Test;

/**
 * Decisions and agreements adopted by adequacy reviews, and the review criteria, as policy data: the engine cites the
 * review in every trace that relies on (or examines) the instrument, versions load back to themselves, and versions
 * stored before reviews existed load as they were.
 */
class ReviewedInstrumentsTests {

    static final AssessmentEngine SHIPPED = AssessmentEngine.fromClasspath();
    static final LocalDate ADOPTED = LocalDate.of(2027, 3, 1);

    static AdequacyDecisions.Decision brazilForArgentina(DecisionStatus status) {
        return new AdequacyDecisions.Decision("br-ar", "BR", List.of("AR"), null, "ANPD Resolution 1/2027", status,
                ADOPTED, null, null, "0b6c2d44-0d3c-4f3e-9a8e-5d1f2a3b4c5d", List.of("Annual report on onward transfers"),
                LocalDate.of(2031, 3, 1));
    }

    @Test
    void theShippedCriteriaAreThoseOfGdprArticle45Paragraph2() {
        ReviewCriteria criteria = SHIPPED.reviewCriteria().orElseThrow();
        assertThat(criteria.jurisdiction()).extracting(ReviewCriteria.Criterion::id).containsExactly("rule-of-law",
                "supervisory-authority", "international-commitments", "onward-transfers", "data-subject-rights");
        assertThat(criteria.jurisdiction()).allSatisfy(c -> assertThat(c.citation()).contains("Art. 45(2)"));
        assertThat(criteria.standard()).isNotEmpty();
    }

    @Test
    void anAssessmentRelyingOnAReviewedDecisionCitesTheReviewAndItsConditions() {
        AssessmentEngine adopted = SHIPPED.withAdequacyDecision(brazilForArgentina(DecisionStatus.ACTIVE));
        var request = aTransfer().from("BR").to("AR").relyingOn(Mechanism.ADEQUACY).startingOn(ADOPTED.plusMonths(1))
                .build();

        assertThat(SHIPPED.assess(request).outcome()).as("no ANPD decision for Argentina is shipped")
                .isEqualTo(Outcome.PROHIBITED);
        var evaluation = adopted.evaluate(request, YearToDate.NONE);
        assertThat(evaluation.assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(evaluation.reliedOn()).containsExactly("br-ar");
        assertThat(entry(evaluation.assessment(), "br.lgpd.anpd-adequacy").explanation())
                .contains("adequacy review 0b6c2d44-0d3c-4f3e-9a8e-5d1f2a3b4c5d")
                .contains("subject to the conditions: Annual report on onward transfers");
        assertThat(adopted.assess(aTransfer().from("BR").to("AR").relyingOn(Mechanism.ADEQUACY)
                .startingOn(ADOPTED.minusDays(1)).build()).outcome())
                .as("a decision applies from its entry into force").isEqualTo(Outcome.PROHIBITED);

        AssessmentEngine revoked = adopted.withAdequacyDecision(brazilForArgentina(DecisionStatus.REVOKED));
        Assessment after = revoked.assess(request);
        assertThat(after.outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(entry(after, "br.lgpd.anpd-adequacy").explanation()).contains("is REVOKED")
                .contains("adequacy review 0b6c2d44-0d3c-4f3e-9a8e-5d1f2a3b4c5d");
    }

    @Test
    void aReviewedVersionLoadsBackToItselfAndUnreviewedDecisionsKeepTheirContent() {
        AssessmentEngine adopted = SHIPPED.withAdequacyDecision(brazilForArgentina(DecisionStatus.ACTIVE));
        String adequacy = adopted.files().get("policy/adequacy.yaml");

        assertThat(AssessmentEngine.fromFiles(adopted.files()).policyVersion()).isEqualTo(adopted.policyVersion());
        assertThat(adopted.adequacyDecisions().byId("br-ar").orElseThrow()).isEqualTo(
                brazilForArgentina(DecisionStatus.ACTIVE));
        assertThat(adequacy).contains("review: 0b6c2d44-0d3c-4f3e-9a8e-5d1f2a3b4c5d").doesNotContain("review: null");
        assertThat(adequacy.split("review:", -1)).as("only the reviewed decision names a review").hasSize(2);
        // the same status change as before reviews existed yields the same content as before
        assertThat(SHIPPED.withAdequacyStatus("eu-jp", DecisionStatus.REVOKED, "t").files().get("policy/adequacy.yaml"))
                .doesNotContain("review").doesNotContain("conditions");
    }

    @Test
    void anAgreementAdoptedByAStandardsReviewIsWhatSingaporesRulesAccept() {
        var request = aTransfer().from("SG").to("US").certified(Certification.EUROPRIVACY).relyingOn(Mechanism.NONE)
                .startingOn(ADOPTED.plusMonths(1)).build();
        assertThat(SHIPPED.assess(request).outcome()).isEqualTo(Outcome.PROHIBITED);

        AssessmentEngine recognised = SHIPPED.withAgreement(new RecognitionAgreements.Agreement("sg-europrivacy",
                "SG recognition of certification EUROPRIVACY", List.of("SG"), "SG", List.of(), List.of("EUROPRIVACY"),
                List.of(), "SG recognition of certification EUROPRIVACY of 2027-03-01", DecisionStatus.ACTIVE, ADOPTED,
                null, null, "7e57ab1e-0000-4000-8000-000000000001", List.of()));
        Assessment assessment = recognised.assess(request);
        assertThat(assessment.outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(entry(assessment, "sg.pdpa.recognised-certification").explanation())
                .contains("EUROPRIVACY").contains("adequacy review 7e57ab1e-0000-4000-8000-000000000001");
    }

    @Test
    void aVersionStoredBeforeReviewCriteriaLoadsWithoutThemAndGetsThemOnAChange() {
        Map<String, String> old = new HashMap<>(SHIPPED.files());
        old.remove("policy/review-criteria.yaml");
        old.put("policy/index.yaml", old.get("policy/index.yaml").replace("reviewCriteria: review-criteria.yaml\n", ""));
        AssessmentEngine before = AssessmentEngine.fromFiles(old);
        assertThat(before.reviewCriteria()).isEmpty();
        assertThat(before.policyVersion()).isNotEqualTo(SHIPPED.policyVersion());

        ReviewCriteria criteria = new ReviewCriteria(List.of(new ReviewCriteria.Criterion("rule-of-law", "Rule of law",
                "GDPR Art. 45(2)(a)", null)), SHIPPED.reviewCriteria().orElseThrow().standard());
        AssessmentEngine changed = before.withReviewCriteria(criteria);
        assertThat(changed.reviewCriteria()).contains(criteria);
        assertThat(AssessmentEngine.fromFiles(changed.files()).policyVersion()).isEqualTo(changed.policyVersion());
        assertThat(changed.assess(aTransfer().build())).usingRecursiveComparison().ignoringFields("policyVersion")
                .as("criteria change no assessment").isEqualTo(before.assess(aTransfer().build()));
    }

    private static Assessment.TraceEntry entry(Assessment assessment, String rule) {
        return assessment.trace().stream().filter(e -> e.rule().equals(rule)).findFirst().orElseThrow();
    }
}
