package org.cbdf.policy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cbdf.platform.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every policy event type as the service writes it matches its JSON Schema; a payload missing a field does not. */
class PolicyEventSchemasTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String V1 = "sha256:" + "a".repeat(64);
    static final String V2 = "sha256:" + "b".repeat(64);
    static final Instant AT = Instant.parse("2026-11-28T21:00:00Z");

    @Test
    void adequacyDecisionChanged() {
        var event = new AdequacyDecisionChanged("eu-us-dpf", "EU", List.of("US"), "DPF_CERTIFIED",
                "Commission Implementing Decision (EU) 2023/1795", "UNDER_CHALLENGE", "REVOKED", "CJEU judgment", null,
                "policy-admin", AT, V1, V2, 3);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, event, "reason");
    }

    @Test
    void recognitionAgreementChanged() {
        var event = new RecognitionAgreementChanged("sg-cbpr", "Singapore recognition of CBPR", List.of("SG", "APEC"),
                "SG", List.of("GLOBAL_CBPR"), "PDPA s.26", "ACTIVE", "SUSPENDED", "review", "policy-admin", AT, V1, V2);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, event, "status");
    }

    @Test
    void rulePackPublished() {
        var event = new RulePackPublished("IN", "India", List.of("in.dpdp.notified-country"), "c".repeat(64),
                "policy-admin", AT, V1, V2);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.RULE_PACK_PUBLISHED_V1, event, "policyVersion");
    }

    @Test
    void negativeListChanged() {
        var list = new NegativeListChanged.NegativeList("Test fixture authority", "Test fixture list No. 1",
                LocalDate.of(2026, 6, 1), List.of(new NegativeListChanged.Entry("SENSITIVE_PERSONAL", List.of("item 2")),
                        new NegativeListChanged.Entry("CHILDREN", List.of())));
        var loaded = new NegativeListChanged("CN-SH-LINGANG", "Lingang Special Area", "CN", "LOADED", null, list,
                "approved and filed", "policy-admin", AT, V1, V2, 0);
        var withdrawn = new NegativeListChanged("CN-SH-LINGANG", "Lingang Special Area", "CN", "WITHDRAWN", list, null,
                "repealed", "policy-admin", AT, V2, V1, 2);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, loaded, "negativeList");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, withdrawn, "previousList");

        var unknownCategory = new NegativeListChanged("CN-SH-LINGANG", "Lingang Special Area", "CN", "LOADED", null,
                new NegativeListChanged.NegativeList("A", "L", LocalDate.of(2026, 6, 1),
                        List.of(new NegativeListChanged.Entry("HEALTH", List.of()))), "r", "policy-admin", AT, V1, V2, 0);
        assertThat(JsonSchemas.problems(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, json.writeValueAsString(unknownCategory)))
                .isNotEmpty();
    }

    @Test
    void aReassessmentWithItsReasonAndAFirstAssessmentWithout() {
        var assessment = new Assessment(Outcome.PROHIBITED, List.of(), List.of("SCC", "BCR"), List.of(),
                LocalDate.of(2029, 12, 1), List.of(new Assessment.TraceEntry("eu.gdpr.no-transfer-tool", "EU", true,
                        "GDPR Art. 44", "no transfer tool")), V2);
        assertThat(JsonSchemas.problems(PolicyEvents.ASSESSMENT_COMPLETED_V1, json.writeValueAsString(
                new AssessmentCompleted("a-2", "tr-1", "acme-de", AT, assessment, "adequacy decision eu-us-dpf REVOKED"))))
                .isEmpty();
        assertThat(JsonSchemas.problems(PolicyEvents.ASSESSMENT_COMPLETED_V1, json.writeValueAsString(
                new AssessmentCompleted("a-1", "tr-1", "acme-de", AT, assessment)))).isEmpty();
    }

    @Test
    void conflictDetected() {
        var event = new PolicyConflictDetected("c-1", "tr-1", "acme-cn", List.of("CN", "IN"),
                List.of("cn.pipl.volume-100k", "in.dpdp.notified-country"), "CN allows, IN prohibits", V1, AT);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.CONFLICT_DETECTED_V1, event, "rules");
    }

    @Test
    void changesMadeByAReviewNameItAndANewInstrumentHasNoPreviousStatus() {
        var adopted = new AdequacyDecisionChanged("br-ar", "BR", List.of("AR"), null, "ANPD Resolution 1/2027", null,
                "ACTIVE", "adequacy review r: ADEQUATE", null, "regulator-br", AT, V1, V2, 0, REVIEW,
                LocalDate.of(2027, 3, 1), LocalDate.of(2031, 3, 1), List.of("Annual report"));
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, adopted, "status");
        var agreement = new RecognitionAgreementChanged("sg-europrivacy", "SG recognition of EUROPRIVACY", List.of("SG"),
                "SG", List.of("EUROPRIVACY"), "c", null, "ACTIVE", "review", "regulator-sg", AT, V1, V2, REVIEW,
                List.of(), 0);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, agreement, "status");
        var unknownPrevious = (ObjectNode) json.readTree(json.writeValueAsString(adopted));
        unknownPrevious.put("previousStatus", "PENDING");
        assertThat(JsonSchemas.problems(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, json.writeValueAsString(unknownPrevious)))
                .isNotEmpty();
    }

    static final String REVIEW = "0b6c2d44-0d3c-4f3e-9a8e-5d1f2a3b4c5d";
    static final ReviewSubject ARGENTINA = new ReviewSubject("JURISDICTION", "AR", null, List.of(), null, null);

    @Test
    void theReviewProceduresEvents() {
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, new AdequacyReviewOpened(REVIEW,
                "FOLLOW_UP", "PERIODIC", "BR", ARGENTINA, PolicyInstrument.adequacyDecision("br-ar"), REVIEW, null, null,
                List.of("rule-of-law"), V1, "periodic review", "procedure", AT, LocalDate.of(2031, 3, 1)), "trigger");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, new AdequacyReviewOpened(REVIEW,
                "RECOGNITION", "REQUEST", "GB", new ReviewSubject("CERTIFICATION", null, null, List.of("EUROPRIVACY"),
                        null, "a scheme"), null, null, REVIEW, PolicyInstrument.recognitionAgreement("br-europrivacy"),
                List.of("binding-commitments"), V1, null, "regulator-gb", AT, null), "subject");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1,
                new AdequacyReviewOpinionsRequested(REVIEW, "BR", List.of("FR", "JP"), AT,
                        List.of(new FindingRating("rule-of-law", "ESSENTIALLY_EQUIVALENT")), "regulator-br", AT), "from");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1,
                new AdequacyReviewOpinionFiled(REVIEW, "JP", "FAVOURABLE_WITH_CONDITIONS", "watch onward transfers",
                        List.of("annual report"), "regulator-jp", AT), "position");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_DEADLINE_MISSED_V1,
                new AdequacyReviewDeadlineMissed(REVIEW, "OPINIONS", AT, List.of("JP"), "may conclude without", AT),
                "missing");
        var adopted = new AdequacyReviewConcluded(REVIEW, "BR", ARGENTINA, "IN_FORCE", "ADEQUATE",
                PolicyInstrument.adequacyDecision("br-ar"), null, List.of("annual report"), LocalDate.of(2027, 3, 1),
                LocalDate.of(2031, 3, 1), null, null, List.of(new FindingRating("rule-of-law", "ESSENTIALLY_EQUIVALENT")),
                "adequate", V2, 0, "regulator-br", AT);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, adopted, "reason");
        var rejected = new AdequacyReviewConcluded(REVIEW, "BR", ARGENTINA, "REJECTED", null, null, null, List.of(), null,
                null, null, null, List.of(), "not adequate", null, 0, "regulator-br", AT);
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, rejected, "status");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.ADEQUACY_REVIEW_STATUS_CHANGED_V1,
                new AdequacyReviewStatusChanged(REVIEW, "IN_FORCE", "SUPERSEDED", "later review", REVIEW, AT), "status");
        var badRating = (ObjectNode) json.readTree(json.writeValueAsString(adopted));
        ((ObjectNode) badRating.path("findings").get(0)).put("rating", "GOOD ENOUGH");
        assertThat(JsonSchemas.problems(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, json.writeValueAsString(badRating)))
                .isNotEmpty();
    }

    @Test
    void recognitionFlagsAndReviewCriteria() {
        assertValidAndEachRequiredFieldMatters(PolicyEvents.RECOGNITION_FLAG_RAISED_V1, new RecognitionFlagRaised(REVIEW,
                "GB", REVIEW, PolicyInstrument.adequacyDecision("gb-ar"), "BR", REVIEW,
                PolicyInstrument.adequacyDecision("br-ar"), "REVOKED", "court ruling", V2, AT, AT), "deadline");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.RECOGNITION_FLAG_RESOLVED_V1, new RecognitionFlagResolved(
                REVIEW, "GB", "SUSPEND", "our own decision", REVIEW, false, "regulator-gb", AT), "decision");
        assertValidAndEachRequiredFieldMatters(PolicyEvents.REVIEW_CRITERIA_CHANGED_V1, new ReviewCriteriaChanged(
                List.of(new ReviewCriteriaChanged.Criterion("rule-of-law", "Rule of law", "GDPR Art. 45(2)(a)", null)),
                List.of(new ReviewCriteriaChanged.Criterion("binding-commitments", "Binding", "GDPR Art. 46", "d")),
                "clarified", "policy-admin", AT, V1, V2), "standard");
    }

    private static void assertValidAndEachRequiredFieldMatters(String type, Object event, String required) {
        String payload = json.writeValueAsString(event);
        assertThat(JsonSchemas.problems(type, payload)).as(payload).isEmpty();
        ObjectNode without = (ObjectNode) json.readTree(payload);
        without.remove(required);
        assertThat(JsonSchemas.problems(type, json.writeValueAsString(without))).isNotEmpty();
    }
}
