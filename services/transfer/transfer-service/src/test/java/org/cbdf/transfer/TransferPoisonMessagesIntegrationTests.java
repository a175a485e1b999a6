package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cbdf.dispute.events.DecidedBy;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.requests.messaging.DisputeEventHandler;
import org.cbdf.transfer.requests.messaging.PolicyEventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poison and forged messages on both topics the transfer service consumes: each goes to the binding's dead-letter
 * topic with its reason, changes no transfer and records nothing as handled, and the consumer goes on with the next
 * event of the same partition (the same key).
 * <p>
 * In the shared context: one consumer per group, so every poison message goes to the consumers watched here.
 */
class TransferPoisonMessagesIntegrationTests extends SharedServiceContext {

    static final String POLICY_DEAD_LETTERS = "transfer-service.policy.events.dlq";
    static final String DISPUTE_DEAD_LETTERS = "transfer-service.dispute.events.dlq";

    static TopicRecorder deadLetters;

    @BeforeAll
    static void record() {
        deadLetters = TopicRecorder.of(POLICY_DEAD_LETTERS, DISPUTE_DEAD_LETTERS);
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
    JsonMapper json;

    final String acme = TestTokens.enterprise("acme-cn", "CN");

    @Test
    void poisonAndForgedAssessmentsAreDeadLetteredWithTheirReasonAndTheNextOneIsApplied() {
        String id = submitted();
        byte[] garbage = ("\u0000\u00ffnot a cloud event " + id).getBytes(StandardCharsets.UTF_8);
        TopicRecorder.publishRaw(PolicyEvents.TOPIC, id, garbage);
        CloudEvent notJson = assessment(id, "acme-cn").withData("{\"assessmentId\": [oops".getBytes()).build();
        CloudEvent noAggregateId = assessment(id, "acme-cn").withoutExtension(CloudEventExtensions.AGGREGATE_ID)
                .build();
        CloudEvent noVersion = assessment(id, "acme-cn").withoutExtension(CloudEventExtensions.AGGREGATE_VERSION)
                .build();
        CloudEvent versionZero = assessment(id, "acme-cn").withExtension(CloudEventExtensions.AGGREGATE_VERSION, 0)
                .build();
        CloudEvent versionText = assessment(id, "acme-cn")
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, "one").build();
        CloudEvent payloadClaimsAnother = assessment(id, "someone-else").build();
        CloudEvent envelopeClaimsAnother = assessment(id, "acme-cn")
                .withExtension(CloudEventExtensions.ORGANIZATION, "someone-else").build();
        CloudEvent noOutcome = assessment(id, "acme-cn").withData(json.writeValueAsBytes(
                withoutOutcome(Assessments.completed(id, "acme-cn", Assessments.permitted())))).build();
        List<CloudEvent> poison = List.of(notJson, noAggregateId, noVersion, versionZero, versionText,
                payloadClaimsAnother, envelopeClaimsAnother, noOutcome);
        poison.forEach(event -> TopicRecorder.publish(PolicyEvents.TOPIC, id, event));
        // types this consumer does not know, or not in this version: nothing to apply
        CloudEvent unknownType = assessment(id, "acme-cn").withType("policy.assessment-revised.v1").build();
        CloudEvent unknownVersion = assessment(id, "acme-cn").withType("policy.assessment-completed.v2").build();
        TopicRecorder.publish(PolicyEvents.TOPIC, id, unknownType);
        TopicRecorder.publish(PolicyEvents.TOPIC, id, unknownVersion);

        CloudEvent next = assessment(id, "acme-cn").withExtension(CloudEventExtensions.ORGANIZATION, "acme-cn")
                .build();
        TopicRecorder.publish(PolicyEvents.TOPIC, id, next);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PERMITTED".equals(transfer(id).get("status").asString()));
        assertThat(transfer(id).get("version").asLong()).as("only the last assessment was applied").isEqualTo(2);
        assertThat(reason(POLICY_DEAD_LETTERS, r -> java.util.Arrays.equals(r.value(), garbage)))
                .contains("not a CloudEvent");
        assertThat(reason(notJson)).contains("payload of " + PolicyEvents.ASSESSMENT_COMPLETED_V1, "is not valid");
        assertThat(reason(noAggregateId)).contains("lacks the extension aggregateid");
        assertThat(reason(noVersion)).contains("lacks the extension aggregateversion");
        assertThat(reason(versionZero)).contains("aggregateversion must be at least 1, was 0");
        assertThat(reason(versionText)).contains("aggregateversion is not a number");
        assertThat(reason(payloadClaimsAnother)).contains("claims organization someone-else");
        assertThat(reason(envelopeClaimsAnother))
                .contains("claims organization someone-else in its envelope but acme-cn in its payload");
        assertThat(reason(noOutcome)).contains("has no outcome");
        assertThat(handled(PolicyEventHandler.CONSUMER, poison)).as("recorded as handled").isZero();
        assertThat(handled(PolicyEventHandler.CONSUMER, List.of(unknownType, unknownVersion))).isZero();
        assertThat(deadLetters.records()).filteredOn(r -> next.getId().equals(TopicRecorder.header(r, "ce_id")))
                .isEmpty();
    }

    @Test
    void poisonAndForgedDisputeOutcomesAreDeadLetteredWithTheirReasonAndTheNextOneIsHandled() {
        String id = submitted();
        String disputeId = UUID.randomUUID().toString();
        byte[] garbage = ("{\"specversion\": \"1.0\" " + disputeId).getBytes(StandardCharsets.UTF_8);
        TopicRecorder.publishRaw(DisputeEvents.TOPIC, disputeId, garbage);
        CloudEvent notJson = resolved(disputeId, id).withData("[[[".getBytes()).build();
        CloudEvent noAggregateType = resolved(disputeId, id).withoutExtension(CloudEventExtensions.AGGREGATE_TYPE)
                .build();
        CloudEvent versionZero = resolved(disputeId, id).withExtension(CloudEventExtensions.AGGREGATE_VERSION, 0)
                .build();
        CloudEvent claimsAnother = resolved(disputeId, id)
                .withExtension(CloudEventExtensions.ORGANIZATION, "someone-else").build();
        CloudEvent unknownTransfer = resolved(disputeId, UUID.randomUUID().toString()).build();
        // issue 16's attack: a dispute's outcome from anyone but the dispute service, or on another topic
        CloudEvent fromThePolicyService = resolved(disputeId, id).withSource(URI.create("urn:cbdf:policy-service"))
                .build();
        CloudEvent policyTypeOnDisputeTopic = resolved(disputeId, id).withType(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .withSource(URI.create("urn:cbdf:policy-service")).build();
        List<CloudEvent> poison = List.of(notJson, noAggregateType, versionZero, claimsAnother, unknownTransfer,
                fromThePolicyService, policyTypeOnDisputeTopic);
        poison.forEach(event -> TopicRecorder.publish(DisputeEvents.TOPIC, disputeId, event));
        CloudEvent unknownVersion = resolved(disputeId, id).withType("dispute.resolved.v2").build();
        TopicRecorder.publish(DisputeEvents.TOPIC, disputeId, unknownVersion);

        CloudEvent next = resolved(disputeId, id).withExtension(CloudEventExtensions.ORGANIZATION, "acme-cn").build();
        TopicRecorder.publish(DisputeEvents.TOPIC, disputeId, next);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> handled(DisputeEventHandler.CONSUMER, List.of(next)) == 1);
        assertThat(reason(DISPUTE_DEAD_LETTERS, r -> java.util.Arrays.equals(r.value(), garbage)))
                .contains("not a CloudEvent");
        assertThat(reason(notJson)).contains("payload of " + DisputeEvents.RESOLVED_V1, "is not valid");
        assertThat(reason(noAggregateType)).contains("lacks the extension aggregatetype");
        assertThat(reason(versionZero)).contains("aggregateversion must be at least 1, was 0");
        assertThat(reason(claimsAnother)).contains("claims organization someone-else");
        assertThat(reason(unknownTransfer)).contains("names unknown transfer");
        assertThat(reason(fromThePolicyService)).contains(
                "dispute.resolved.v1 is published only by dispute-service", "names source urn:cbdf:policy-service");
        assertThat(reason(policyTypeOnDisputeTopic)).contains("does not belong on dispute.events");
        assertThat(handled(DisputeEventHandler.CONSUMER, poison)).isZero();
        assertThat(handled(DisputeEventHandler.CONSUMER, List.of(unknownVersion))).isZero();
        JsonNode transfer = transfer(id);
        assertThat(transfer.get("status").asString()).as("not appealed: a dispute's outcome changes nothing")
                .isEqualTo("SUBMITTED");
        assertThat(transfer.get("version").asLong()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String submitted() {
        var created = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build().post().uri("/api/v1/transfers").headers(h -> h.setBearerAuth(acme))
                .contentType(MediaType.APPLICATION_JSON).body(TransferRequests.hrDataToGermany()).retrieve()
                .toEntity(JsonNode.class);
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        return created.getBody().get("id").asString();
    }

    private JsonNode transfer(String id) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/api/v1/transfers/{id}", id).headers(h -> h.setBearerAuth(acme)).retrieve()
                .body(JsonNode.class);
    }

    private CloudEventBuilder assessment(String transferId, String organization) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:policy-service"))
                .withType(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .withSubject(transferId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, PolicyEvents.ASSESSMENT_AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(json.writeValueAsBytes(Assessments.completed(transferId, organization,
                        Assessments.permitted())));
    }

    private ObjectNode withoutOutcome(Object completed) {
        ObjectNode payload = json.valueToTree(completed);
        ((ObjectNode) payload.get("assessment")).remove("outcome");
        return payload;
    }

    private CloudEventBuilder resolved(String disputeId, String transferId) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:dispute-service"))
                .withType(DisputeEvents.RESOLVED_V1)
                .withSubject(disputeId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, disputeId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, DisputeEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 3)
                .withData(json.writeValueAsBytes(new DisputeResolved(disputeId, transferId, Resolution.OVERTURN,
                        List.of(), DecidedBy.PANEL, Instant.now())));
    }

    /** The reason the dead letter of {@code event} gives, once it arrived. */
    private static String reason(CloudEvent event) {
        return reason(null, r -> event.getId().equals(TopicRecorder.header(r, "ce_id")));
    }

    private static String reason(String topic,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitRecord(
                r -> (topic == null || topic.equals(r.topic())) && which.test(r));
        return TopicRecorder.header(deadLetter, "x-exception-message");
    }

    private long handled(String consumer, List<CloudEvent> events) {
        return jdbc.sql("select count(*) from processed_event where consumer = :consumer and event_id in (:ids)")
                .param("consumer", consumer).param("ids", events.stream().map(CloudEvent::getId).toList())
                .query(Long.class).single();
    }
}
