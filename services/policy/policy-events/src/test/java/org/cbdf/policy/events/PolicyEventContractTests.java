package org.cbdf.policy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cbdf.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The contract of the policy service's published language: every type's earliest shape (what its first producer wrote,
 * the schema's required members only) validates against its JSON Schema, reads into its record, and the record writes
 * it back as a document the schema accepts. A member added later must be optional for this to hold.
 */
class PolicyEventContractTests {

    static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put(PolicyEvents.ASSESSMENT_COMPLETED_V1, AssessmentCompleted.class);
        RECORDS.put(PolicyEvents.CONFLICT_DETECTED_V1, PolicyConflictDetected.class);
        RECORDS.put(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, AdequacyDecisionChanged.class);
        RECORDS.put(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, RecognitionAgreementChanged.class);
        RECORDS.put(PolicyEvents.RULE_PACK_PUBLISHED_V1, RulePackPublished.class);
        RECORDS.put(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, NegativeListChanged.class);
        RECORDS.put(PolicyEvents.REVIEW_CRITERIA_CHANGED_V1, ReviewCriteriaChanged.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, AdequacyReviewOpened.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1, AdequacyReviewOpinionsRequested.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1, AdequacyReviewOpinionFiled.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_DEADLINE_MISSED_V1, AdequacyReviewDeadlineMissed.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1, AdequacyReviewConcluded.class);
        RECORDS.put(PolicyEvents.ADEQUACY_REVIEW_STATUS_CHANGED_V1, AdequacyReviewStatusChanged.class);
        RECORDS.put(PolicyEvents.RECOGNITION_FLAG_RAISED_V1, RecognitionFlagRaised.class);
        RECORDS.put(PolicyEvents.RECOGNITION_FLAG_RESOLVED_V1, RecognitionFlagResolved.class);
    }

    @Test
    void everyTypeReadsItsEarliestShapeAndWritesWhatItsSchemaAccepts() {
        assertThat(EventContracts.problems(RECORDS)).isEmpty();
    }
}
