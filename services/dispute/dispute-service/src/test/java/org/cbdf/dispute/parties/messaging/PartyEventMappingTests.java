package org.cbdf.dispute.parties.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.cbdf.dispute.Assessments;
import org.cbdf.dispute.Transfers;
import org.cbdf.dispute.parties.AssessmentOutcome;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PartyEventMappingTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PartyEventMapping mapping = new PartyEventMapping(json);

    @Test
    void aSubmissionGivesTheOwnerAndTheRouteOnce() {
        var submitted = Transfers.submitted("t-1", "acme-cn", "CN", "DE", "US", "US");

        var submission = mapping.submission(event(TransferEvents.SUBMITTED_V1, "t-1", json.writeValueAsBytes(submitted)));

        assertThat(submission.transferId()).isEqualTo("t-1");
        assertThat(submission.organization()).isEqualTo("acme-cn");
        assertThat(submission.origin()).isEqualTo("CN");
        assertThat(submission.destination()).isEqualTo("DE");
        assertThat(submission.onward()).containsExactly("US");
        assertThat(submission.submittedAt()).isEqualTo(submitted.submittedAt());
    }

    @Test
    void anEnumValueAddedByTheProducerInAFieldNotUsedHereIsTolerated() {
        ObjectNode payload = json.valueToTree(Transfers.submitted("t-1", "acme-cn"));
        ((ObjectNode) payload.get("request")).putArray("dataCategories").add("BIOMETRIC");
        payload.put("newField", "ignored");

        var submission = mapping.submission(event(TransferEvents.SUBMITTED_V1, "t-1", json.writeValueAsBytes(payload)));

        assertThat(submission.destination()).isEqualTo("DE");
    }

    @Test
    void aSubmissionWithoutARouteIsRefusedNamingEachProblem() {
        ObjectNode payload = json.valueToTree(Transfers.submitted("t-1", "acme-cn"));
        ObjectNode request = (ObjectNode) payload.get("request");
        ((ObjectNode) request.get("importer")).put("jurisdiction", "Germany");
        request.remove("exporter");
        payload.remove("organization");

        assertThatThrownBy(() -> mapping.submission(event(TransferEvents.SUBMITTED_V1, "t-1",
                json.writeValueAsBytes(payload))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("organization is missing")
                // the producer's rules and messages (TransferRequestRules), not the dispute service's own
                .hasMessageContaining("request.exporter is required")
                .hasMessageContaining("request.importer.jurisdiction 'Germany' is not an ISO 3166-1 alpha-2 country code");
    }

    @Test
    void aSubmissionFiledUnderAnotherAggregateIsRefused() {
        var submitted = Transfers.submitted("t-1", "acme-cn");

        assertThatThrownBy(() -> mapping.submission(event(TransferEvents.SUBMITTED_V1, "t-2",
                json.writeValueAsBytes(submitted))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("transferId 't-1' is not the event's aggregateid 't-2'");
    }

    @Test
    void aPayloadThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> mapping.submission(event(TransferEvents.SUBMITTED_V1, "t-1",
                "not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("is not valid");
    }

    @Test
    void anAssessmentGivesTheOutcomeTheApproversAndThePolicyVersion() {
        var completed = Assessments.reviewRequired("t-1", "acme-cn", "CN", "DE", "CN");

        var result = mapping.assessment(event(PolicyEvents.ASSESSMENT_COMPLETED_V1, "t-1",
                json.writeValueAsBytes(completed)));

        assertThat(result.outcome()).isEqualTo(AssessmentOutcome.REVIEW_REQUIRED);
        assertThat(result.requiredApprovals()).containsExactly("CN", "DE");
        assertThat(result.policyVersion()).isEqualTo(Assessments.POLICY_VERSION);
        assertThat(result.assessedAt()).isEqualTo(completed.assessedAt());
    }

    @Test
    void anAssessmentWithAnUnknownOutcomeIsRefused() {
        ObjectNode payload = json.valueToTree(Assessments.reviewRequired("t-1", "acme-cn", "CN"));
        ((ObjectNode) payload.get("assessment")).put("outcome", "MAYBE");

        assertThatThrownBy(() -> mapping.assessment(event(PolicyEvents.ASSESSMENT_COMPLETED_V1, "t-1",
                json.writeValueAsBytes(payload))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("assessment.outcome is missing or not a known value");
    }

    @Test
    void anAssessmentWithoutItsApproversIsRefused() {
        ObjectNode payload = json.valueToTree(Assessments.reviewRequired("t-1", "acme-cn", "CN"));
        ((ObjectNode) payload.get("assessment")).remove("requiredApprovals");
        ((ObjectNode) payload.get("assessment")).remove("policyVersion");

        assertThatThrownBy(() -> mapping.assessment(event(PolicyEvents.ASSESSMENT_COMPLETED_V1, "t-1",
                json.writeValueAsBytes(payload))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("assessment.requiredApprovals is missing")
                .hasMessageContaining("assessment.policyVersion is missing");
    }

    @Test
    void aDecisionGivesWhoDecidedWhatAndWhen() {
        var rejected = org.cbdf.dispute.Triggers.rejected("t-1", "acme-cn", "DE", java.time.Instant.now());

        var decision = mapping.decision(event(TransferEvents.DECISION_RECORDED_V1, "t-1",
                json.writeValueAsBytes(rejected)));

        assertThat(decision.jurisdiction()).isEqualTo("DE");
        assertThat(decision.decision()).isEqualTo("REJECT");
        assertThat(decision.decidedAt()).isEqualTo(rejected.decidedAt());
    }

    @Test
    void aDecisionWithoutAJurisdictionOrOfAnotherTransferIsRefused() {
        ObjectNode payload = json.valueToTree(
                org.cbdf.dispute.Triggers.rejected("t-1", "acme-cn", "DE", java.time.Instant.now()));
        payload.put("jurisdiction", "Germany");
        payload.put("decision", "MAYBE");

        assertThatThrownBy(() -> mapping.decision(event(TransferEvents.DECISION_RECORDED_V1, "t-2",
                json.writeValueAsBytes(payload))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("jurisdiction 'Germany' is not an ISO 3166-1 alpha-2 code")
                .hasMessageContaining("decision is missing or not a known value")
                .hasMessageContaining("is not the event's aggregateid 't-2'");
    }

    private static IncomingEvent event(String type, String aggregateId, byte[] data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, URI.create("urn:cbdf:test"), aggregateId,
                OffsetDateTime.now(), "transfer", aggregateId, 1, Map.of(), data);
    }
}
