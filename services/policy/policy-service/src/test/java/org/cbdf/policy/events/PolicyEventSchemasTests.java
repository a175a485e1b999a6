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

    private static void assertValidAndEachRequiredFieldMatters(String type, Object event, String required) {
        String payload = json.writeValueAsString(event);
        assertThat(JsonSchemas.problems(type, payload)).as(payload).isEmpty();
        ObjectNode without = (ObjectNode) json.readTree(payload);
        without.remove(required);
        assertThat(JsonSchemas.problems(type, json.writeValueAsString(without))).isNotEmpty();
    }
}
