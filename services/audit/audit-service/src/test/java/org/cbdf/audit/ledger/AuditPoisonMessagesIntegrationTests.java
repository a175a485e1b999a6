package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cbdf.audit.SharedServiceContext;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Poison messages on each of the three topics the ledger consumes: what can never be appended (no CloudEvent, no
 * value at all, no envelope, an aggregate version of 0 or none, a payload that claims to be JSON and is not) goes to
 * the dead-letter topic with the reason and takes no leaf, and the next event of the same partition is appended.
 * <p>
 * In the shared context ({@link SharedServiceContext}): its consumer shares the group's partitions with any other
 * audit context still open, which changes nothing here (one database).
 */
class AuditPoisonMessagesIntegrationTests extends SharedServiceContext {

    static final String DEAD_LETTERS = "audit-service.dlq";

    static TopicRecorder deadLetters;


    @BeforeAll
    static void record() {
        deadLetters = TopicRecorder.of(DEAD_LETTERS);
    }

    @AfterAll
    static void stopRecording() {
        deadLetters.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void whatCanNeverBeAppendedIsDeadLetteredOnEveryTopicAndTheNextEventIsAppended() {
        for (String topic : List.of("transfer.events", "policy.events", "dispute.events")) {
            String aggregateId = "poison-" + UUID.randomUUID();
            byte[] garbage = ("not a cloud event " + aggregateId).getBytes(StandardCharsets.UTF_8);
            TopicRecorder.publishRaw(topic, aggregateId, garbage);
            TopicRecorder.publishRaw(topic, aggregateId, null);
            CloudEvent versionZero = ownersEvent(topic, aggregateId)
                    .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 0).build();
            CloudEvent withoutVersion = ownersEvent(topic, aggregateId)
                    .withoutExtension(CloudEventExtensions.AGGREGATE_VERSION).build();
            CloudEvent withoutType = ownersEvent(topic, aggregateId)
                    .withoutExtension(CloudEventExtensions.AGGREGATE_TYPE).build();
            CloudEvent notJson = ownersEvent(topic, aggregateId)
                    .withData("application/json", "{\"transferId\": oops".getBytes(StandardCharsets.UTF_8)).build();
            CloudEvent noData = ownersEvent(topic, aggregateId).withoutData().build();
            // issue 16: the ledger signs no event that names another producer than its type's owner, or that sits on
            // another owner's topic
            CloudEvent foreignSource = ownersEvent(topic, aggregateId)
                    .withSource(URI.create("urn:cbdf:" + (topic.startsWith("dispute") ? "policy" : "dispute") + "-service"))
                    .build();
            CloudEvent foreignType = ownersEvent(topic, aggregateId)
                    .withType(topic.startsWith("audit") ? "transfer.submitted.v1" : "audit.checkpoint-signed.v1")
                    .withSource(URI.create("urn:cbdf:audit-service")).build();
            List<CloudEvent> poison = List.of(versionZero, withoutVersion, withoutType, notJson, noData, foreignSource,
                    foreignType);
            poison.forEach(event -> TopicRecorder.publish(topic, aggregateId, event));

            CloudEvent next = ownersEvent(topic, aggregateId).build();
            TopicRecorder.publish(topic, aggregateId, next);

            await().atMost(Duration.ofSeconds(60)).until(() -> !appended(aggregateId).isEmpty());
            assertThat(appended(aggregateId)).as("leaves of %s on %s", aggregateId, topic)
                    .containsExactly(next.getId());
            assertThat(reason(topic, r -> Arrays.equals(r.value(), garbage))).contains("not a CloudEvent");
            assertThat(reason(topic, r -> aggregateId.equals(r.key()) && r.value() == null))
                    .as("a record without a value").contains("not a CloudEvent");
            assertThat(reason(topic, versionZero)).contains("aggregateversion must be at least 1, was 0");
            assertThat(reason(topic, withoutVersion)).contains("lacks the extension aggregateversion");
            assertThat(reason(topic, withoutType)).contains("lacks the extension aggregatetype");
            assertThat(reason(topic, notJson)).contains("is not JSON");
            // in binary mode an event without data is a record without a value
            assertThat(reason(topic, noData)).contains("not a CloudEvent");
            assertThat(reason(topic, foreignSource)).contains("is published only by");
            assertThat(reason(topic, foreignType)).contains("does not belong on " + topic);
        }
    }

    /** A transfer event re-typed and re-sourced as the topic's owner would publish it. */
    private static CloudEventBuilder ownersEvent(String topic, String aggregateId) {
        String owner = topic.substring(0, topic.indexOf('.'));
        return PlatformEvents.transferEvent(aggregateId, 1, "acme-cn", "CN")
                .withType(owner + ".poison-test.v1")
                .withSource(URI.create("urn:cbdf:" + owner + "-service"));
    }

    private List<String> appended(String aggregateId) {
        return jdbc.sql("select event_id from ledger_entry where aggregate_id = :id order by leaf_index")
                .param("id", aggregateId).query(String.class).list();
    }

    private static String reason(String topic, CloudEvent event) {
        return reason(topic, r -> event.getId().equals(TopicRecorder.header(r, "ce_id")));
    }

    private static String reason(String topic, Predicate<ConsumerRecord<String, byte[]>> which) {
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitRecord(
                r -> topic.equals(TopicRecorder.header(r, "x-original-topic")) && which.test(r));
        return TopicRecorder.header(deadLetter, "x-exception-message");
    }
}
