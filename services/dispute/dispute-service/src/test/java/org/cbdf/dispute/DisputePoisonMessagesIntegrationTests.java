package org.cbdf.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poison and forged messages on both topics the dispute service consumes, through its three consumers (the parties
 * read model on each topic, the case triggers on both): each goes to its consumer's dead-letter topic with the
 * reason, opens no case and records nothing, and each consumer goes on with the next event of the same partition.
 */
class DisputePoisonMessagesIntegrationTests extends SharedServiceContext {

    static final String TRANSFER_DEAD_LETTERS = "dispute-service.transfer.events.dlq";
    static final String POLICY_DEAD_LETTERS = "dispute-service.policy.events.dlq";
    static final String CASE_DEAD_LETTERS = "dispute-service.cases.dlq";
    static final String TRANSFER_PARTIES = "dispute.transferEvents";
    static final String POLICY_PARTIES = "dispute.policyEvents";
    static final String CASES = "dispute.caseTriggers";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static TopicRecorder deadLetters;

    @BeforeAll
    static void record() {
        deadLetters = TopicRecorder.of(TRANSFER_DEAD_LETTERS, POLICY_DEAD_LETTERS, CASE_DEAD_LETTERS);
    }

    @AfterAll
    static void stopRecording() {
        deadLetters.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessedEvents processedEvents;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void poisonAndForgedTransferEventsAreDeadLetteredByEachConsumerAndTheNextOnesAreApplied() {
        String transferId = Transfers.newTransferId();
        byte[] garbage = ("not a cloud event " + transferId).getBytes(StandardCharsets.UTF_8);
        TopicRecorder.publishRaw(TransferEvents.TOPIC, transferId, garbage);
        CloudEvent submissionNotJson = transferEvent(TransferEvents.SUBMITTED_V1, transferId, "acme-cn",
                "{\"transferId\": [".getBytes()).build();
        CloudEvent submissionVersionZero = transferEvent(TransferEvents.SUBMITTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "acme-cn")))
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 0).build();
        CloudEvent submissionWithoutVersion = transferEvent(TransferEvents.SUBMITTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "acme-cn")))
                .withoutExtension(CloudEventExtensions.AGGREGATE_VERSION).build();
        CloudEvent forgedSubmission = transferEvent(TransferEvents.SUBMITTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "someone-else"))).build();
        CloudEvent forgedAppeal = transferEvent(TransferEvents.APPEALED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Triggers.appealed(transferId, "someone-else"))).build();
        CloudEvent appealNotJson = transferEvent(TransferEvents.APPEALED_V1, transferId, "acme-cn",
                "{{".getBytes()).build();
        List<CloudEvent> poison = List.of(submissionNotJson, submissionVersionZero, submissionWithoutVersion,
                forgedSubmission, forgedAppeal, appealNotJson);
        poison.forEach(event -> TopicRecorder.publish(TransferEvents.TOPIC, transferId, event));
        CloudEvent unknownType = transferEvent("transfer.renamed.v7", transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "someone-else"))).build();
        CloudEvent unknownVersion = transferEvent("transfer.submitted.v2", transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "someone-else"))).build();
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, unknownType);
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, unknownVersion);

        CloudEvent submission = transferEvent(TransferEvents.SUBMITTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Transfers.submitted(transferId, "acme-cn"))).build();
        CloudEvent appeal = transferEvent(TransferEvents.APPEALED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Triggers.appealed(transferId, "acme-cn"))).build();
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, submission);
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, appeal);

        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled(TRANSFER_PARTIES, submission.getId())
                && processedEvents.wasHandled(CASES, appeal.getId()));
        assertThat(reason(TRANSFER_DEAD_LETTERS, r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
        assertThat(reason(CASE_DEAD_LETTERS, r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
        assertThat(reason(TRANSFER_DEAD_LETTERS, submissionNotJson)).contains("is not valid");
        assertThat(reason(TRANSFER_DEAD_LETTERS, submissionVersionZero))
                .contains("aggregateversion must be at least 1, was 0");
        assertThat(reason(CASE_DEAD_LETTERS, submissionVersionZero))
                .contains("aggregateversion must be at least 1, was 0");
        assertThat(reason(TRANSFER_DEAD_LETTERS, submissionWithoutVersion))
                .contains("lacks the extension aggregateversion");
        assertThat(reason(TRANSFER_DEAD_LETTERS, forgedSubmission))
                .contains("organization 'someone-else' is not the envelope's organization 'acme-cn'");
        assertThat(reason(CASE_DEAD_LETTERS, forgedAppeal))
                .contains("organization 'someone-else' is not the envelope's organization 'acme-cn'");
        assertThat(reason(CASE_DEAD_LETTERS, appealNotJson)).contains("is not valid");
        for (CloudEvent event : concat(poison, List.of(unknownType, unknownVersion))) {
            assertThat(processedEvents.wasHandled(TRANSFER_PARTIES, event.getId())).as(event.getType()).isFalse();
            assertThat(processedEvents.wasHandled(CASES, event.getId())).as(event.getType()).isFalse();
        }
        assertThat(parties(transferId).at("/enterprise/organization").asString()).isEqualTo("acme-cn");
        assertThat(jdbc.sql("select organization from dispute_case where transfer_id = :id").param("id", transferId)
                .query(String.class).list()).as("one case, the genuine appeal's").containsExactly("acme-cn");
    }

    @Test
    void poisonAndForgedPolicyEventsAreDeadLetteredByEachConsumerAndTheNextOnesAreApplied() {
        String transferId = Transfers.newTransferId();
        byte[] garbage = ("\u0000\u0001 " + transferId).getBytes(StandardCharsets.UTF_8);
        TopicRecorder.publishRaw(PolicyEvents.TOPIC, transferId, garbage);
        CloudEvent assessmentNotJson = policyEvent(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId, "acme-cn",
                "]".getBytes()).build();
        CloudEvent assessmentWithoutId = policyEvent(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Assessments.reviewRequired(transferId, "acme-cn", "CN")))
                .withoutExtension(CloudEventExtensions.AGGREGATE_ID).build();
        CloudEvent forgedAssessment = policyEvent(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Assessments.reviewRequired(transferId, "someone-else", "CN"))).build();
        CloudEvent forgedConflict = policyEvent(PolicyEvents.CONFLICT_DETECTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Triggers.conflict(transferId, "someone-else"))).build();
        ObjectNode unknownOutcome = json.valueToTree(Assessments.reviewRequired(transferId, "acme-cn", "CN"));
        ((ObjectNode) unknownOutcome.get("assessment")).put("outcome", "MAYBE");
        CloudEvent assessmentWithUnknownOutcome = policyEvent(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId,
                "acme-cn", json.writeValueAsBytes(unknownOutcome)).build();
        List<CloudEvent> poison = List.of(assessmentNotJson, assessmentWithoutId, forgedAssessment, forgedConflict,
                assessmentWithUnknownOutcome);
        poison.forEach(event -> TopicRecorder.publish(PolicyEvents.TOPIC, transferId, event));
        CloudEvent unknownVersion = policyEvent("policy.assessment-completed.v9", transferId, "acme-cn",
                json.writeValueAsBytes(Assessments.reviewRequired(transferId, "someone-else", "CN"))).build();
        TopicRecorder.publish(PolicyEvents.TOPIC, transferId, unknownVersion);

        CloudEvent assessment = policyEvent(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Assessments.reviewRequired(transferId, "acme-cn", "CN"))).build();
        CloudEvent conflict = policyEvent(PolicyEvents.CONFLICT_DETECTED_V1, transferId, "acme-cn",
                json.writeValueAsBytes(Triggers.conflict(transferId, "acme-cn"))).build();
        TopicRecorder.publish(PolicyEvents.TOPIC, transferId, assessment);
        TopicRecorder.publish(PolicyEvents.TOPIC, transferId, conflict);

        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled(POLICY_PARTIES, assessment.getId())
                && processedEvents.wasHandled(CASES, conflict.getId()));
        assertThat(reason(POLICY_DEAD_LETTERS, r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
        assertThat(reason(CASE_DEAD_LETTERS, r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
        assertThat(reason(POLICY_DEAD_LETTERS, assessmentNotJson)).contains("is not valid");
        assertThat(reason(POLICY_DEAD_LETTERS, assessmentWithoutId)).contains("lacks the extension aggregateid");
        assertThat(reason(CASE_DEAD_LETTERS, assessmentWithoutId)).contains("lacks the extension aggregateid");
        assertThat(reason(POLICY_DEAD_LETTERS, forgedAssessment))
                .contains("organization 'someone-else' is not the envelope's organization 'acme-cn'");
        assertThat(reason(CASE_DEAD_LETTERS, forgedConflict))
                .contains("organization 'someone-else' is not the envelope's organization 'acme-cn'");
        assertThat(reason(POLICY_DEAD_LETTERS, assessmentWithUnknownOutcome))
                .contains("assessment.outcome is missing or not a known value");
        for (CloudEvent event : concat(poison, List.of(unknownVersion))) {
            assertThat(processedEvents.wasHandled(POLICY_PARTIES, event.getId())).as(event.getType()).isFalse();
            assertThat(processedEvents.wasHandled(CASES, event.getId())).as(event.getType()).isFalse();
        }
        assertThat(jdbc.sql("select organization from dispute_case where transfer_id = :id").param("id", transferId)
                .query(String.class).list()).as("one case, the genuine conflict's").containsExactly("acme-cn");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private JsonNode parties(String transferId) {
        await().atMost(PATIENCE).until(() -> RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                }).build().get().uri("/api/v1/disputes/transfers/{id}/parties", transferId)
                .headers(h -> h.setBearerAuth(TestTokens.auditor())).retrieve().toBodilessEntity()
                .getStatusCode().value() == 200);
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/api/v1/disputes/transfers/{id}/parties", transferId)
                .headers(h -> h.setBearerAuth(TestTokens.auditor())).retrieve().body(JsonNode.class);
    }

    private static CloudEventBuilder transferEvent(String type, String transferId, String organization, byte[] data) {
        return event(type, "urn:cbdf:transfer-service", TransferEvents.AGGREGATE_TYPE, transferId, organization, data);
    }

    private static CloudEventBuilder policyEvent(String type, String transferId, String organization, byte[] data) {
        return event(type, "urn:cbdf:policy-service", PolicyEvents.ASSESSMENT_AGGREGATE_TYPE, transferId,
                organization, data);
    }

    private static CloudEventBuilder event(String type, String source, String aggregateType, String aggregateId,
            String organization, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(aggregateId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, aggregateId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, aggregateType)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withExtension(CloudEventExtensions.ORGANIZATION, organization)
                .withData(data);
    }

    private static String reason(String topic, CloudEvent event) {
        return reason(topic, r -> event.getId().equals(TopicRecorder.header(r, "ce_id")));
    }

    private static String reason(String topic, Predicate<ConsumerRecord<String, byte[]>> which) {
        return TopicRecorder.header(deadLetters.awaitRecord(r -> topic.equals(r.topic()) && which.test(r)),
                "x-exception-message");
    }

    private static List<CloudEvent> concat(List<CloudEvent> first, List<CloudEvent> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
