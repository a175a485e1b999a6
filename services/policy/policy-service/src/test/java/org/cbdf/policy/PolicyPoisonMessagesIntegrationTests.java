package org.cbdf.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Poison and forged messages on the topic the policy service consumes ({@code transfer.events}): each goes to the
 * dead-letter topic with the reason, is assessed for nobody and recorded as handled nowhere, and the consumer goes
 * on with the next event of the same partition.
 */
class PolicyPoisonMessagesIntegrationTests extends SharedServiceContext {

    static final String DEAD_LETTERS = "policy-service.transfer.events.dlq";
    static final String CONSUMER = "policy.transferEvents";

    static TopicRecorder deadLetters;
    static TopicRecorder assessments;

    @BeforeAll
    static void record() {
        deadLetters = TopicRecorder.of(DEAD_LETTERS);
        assessments = TopicRecorder.of(PolicyEvents.TOPIC);
    }

    @AfterAll
    static void stopRecording() {
        deadLetters.close();
        assessments.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void poisonAndForgedSubmissionsAreDeadLetteredWithTheirReasonAndTheNextOneIsAssessed() {
        String transferId = "tr-" + UUID.randomUUID();
        byte[] garbage = ("not a cloud event " + transferId).getBytes(StandardCharsets.UTF_8);
        TopicRecorder.publishRaw(TransferEvents.TOPIC, transferId, garbage);
        CloudEvent notJson = submitted(transferId, "{\"transferId\": tr".getBytes()).build();
        CloudEvent versionZero = submitted(transferId, payload(transferId, "acme-cn", aTransfer().build()))
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 0).build();
        CloudEvent withoutAggregateType = submitted(transferId, payload(transferId, "acme-cn", aTransfer().build()))
                .withoutExtension(CloudEventExtensions.AGGREGATE_TYPE).build();
        CloudEvent claimsAnother = submitted(transferId, payload(transferId, "someone-else", aTransfer().build()))
                .build();
        CloudEvent negativeCount = submitted(transferId, payload(transferId, "acme-cn",
                aTransfer().individuals(-5).build())).build();
        CloudEvent wrongShape = submitted(transferId, "[\"transfer\", 1]".getBytes()).build();
        CloudEvent overTheBound = submitted(transferId, payload(transferId, "acme-cn",
                aTransfer().individuals(TransferRequest.DataSubjects.MAX_COUNT + 1).build())).build();
        List<CloudEvent> poison = List.of(notJson, versionZero, withoutAggregateType, claimsAnother, negativeCount,
                wrongShape, overTheBound);
        poison.forEach(event -> TopicRecorder.publish(TransferEvents.TOPIC, transferId, event));
        CloudEvent unknownVersion = submitted(transferId, payload(transferId, "someone-else", aTransfer().build()))
                .withType("transfer.submitted.v2").build();
        CloudEvent unknownType = submitted(transferId, payload(transferId, "someone-else", aTransfer().build()))
                .withType("transfer.teleported.v1").build();
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, unknownVersion);
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, unknownType);

        CloudEvent next = submitted(transferId, payload(transferId, "acme-cn", aTransfer().build())).build();
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, next);

        CloudEvent assessed = assessments.awaitEvents(e -> transferId.equals(
                String.valueOf(e.getExtension(CloudEventExtensions.AGGREGATE_ID)))
                && PolicyEvents.ASSESSMENT_COMPLETED_V1.equals(e.getType()), 1).getFirst();
        assertThat(assessed.getExtension(CloudEventExtensions.ORGANIZATION)).hasToString("acme-cn");
        assertThat(jdbc.sql("select source_event_id from assessment where transfer_id = :id").param("id", transferId)
                .query(String.class).list()).as("assessed once, for the genuine submission").containsExactly(
                        next.getId());
        assertThat(reason(r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
        assertThat(reason(notJson)).contains("payload of transfer.submitted.v1 event " + notJson.getId(),
                "is not valid");
        assertThat(reason(versionZero)).contains("aggregateversion must be at least 1, was 0");
        assertThat(reason(withoutAggregateType)).contains("lacks the extension aggregatetype");
        assertThat(reason(claimsAnother)).contains("'someone-else' is not the envelope's organization 'acme-cn'");
        assertThat(reason(negativeCount)).contains("is not valid");
        assertThat(reason(wrongShape)).contains("is not valid");
        assertThat(reason(overTheBound)).contains("request.dataSubjects.count must be at most 2000000000, was "
                + "2000000001");
        assertThat(jdbc.sql("select count(*) from processed_event where consumer = :consumer and event_id in (:ids)")
                .param("consumer", CONSUMER)
                .param("ids", java.util.stream.Stream.concat(poison.stream(), java.util.stream.Stream.of(
                        unknownVersion, unknownType)).map(CloudEvent::getId).toList())
                .query(Long.class).single()).as("recorded as handled").isZero();
    }

    private byte[] payload(String transferId, String organization, TransferRequest request) {
        return json.writeValueAsBytes(new TransferSubmitted(transferId, organization, "alice", Instant.now(),
                request));
    }

    private static CloudEventBuilder submitted(String transferId, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(TransferEvents.SUBMITTED_V1)
                .withSource(URI.create("urn:cbdf:transfer-service"))
                .withSubject(transferId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, TransferEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withExtension(CloudEventExtensions.ORGANIZATION, "acme-cn")
                .withData(data);
    }

    private static String reason(CloudEvent event) {
        return reason(r -> event.getId().equals(TopicRecorder.header(r, "ce_id")));
    }

    private static String reason(java.util.function.Predicate<
            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> which) {
        return TopicRecorder.header(deadLetters.awaitRecord(which), "x-exception-message");
    }
}
