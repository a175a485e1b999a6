package org.cbdf.policy.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.policy.SharedServiceContext;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyServiceIntegrationTests extends SharedServiceContext {

    static final String DLQ = "policy-service.transfer.events.dlq";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static KafkaProducer<String, CloudEvent> events;
    static KafkaProducer<String, byte[]> raw;
    static Topic<CloudEvent> policyEvents;
    static Topic<byte[]> deadLetters;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void clients() {
        Map<String, Object> producer = TestKafka.administrator(ProducerConfig.ACKS_CONFIG, "all");
        events = new KafkaProducer<>(producer, new StringSerializer(), new CloudEventSerializer());
        raw = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
        policyEvents = new Topic<>(PolicyEvents.TOPIC, new CloudEventDeserializer());
        deadLetters = new Topic<>(DLQ, new ByteArrayDeserializer());
    }

    @AfterAll
    static void close() {
        events.close();
        raw.close();
        policyEvents.close();
        deadLetters.close();
    }

    @Test
    void aSubmittedTransferIsAssessedPublishedAndShownOnlyToThoseConcerned() throws Exception {
        String transferId = "tr-" + UUID.randomUUID();
        CloudEvent submitted = submitted(transferId, "acme-cn",
                aTransfer().from("CN").to("DE").individuals(1_200_000).relyingOn(Mechanism.SCC).onwardTo("US").build());
        double assessedBefore = count("cbdf.assessments", "trigger", "submitted");
        long timedBefore = meters.get("cbdf.assessment.duration").timer().count();

        send(submitted, 0);

        ConsumerRecord<String, CloudEvent> published = policyEvents.await(assessmentOf(transferId));
        CloudEvent event = published.value();
        assertThat(published.key()).isEqualTo(transferId);
        assertThat(event.getType()).isEqualTo(PolicyEvents.ASSESSMENT_COMPLETED_V1);
        assertThat(event.getSource()).isEqualTo(URI.create("urn:cbdf:policy-service"));
        assertThat(event.getExtension(CloudEventExtensions.AGGREGATE_TYPE)).hasToString("transfer-assessment");
        assertThat(event.getExtension(CloudEventExtensions.AGGREGATE_VERSION)).hasToString("1");
        assertThat(event.getExtension(CloudEventExtensions.ORGANIZATION)).hasToString("acme-cn");
        assertThat(event.getExtension(CloudEventExtensions.JURISDICTIONS)).hasToString("CN,DE,US");
        String payload = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        assertThat(JsonSchemas.problems(PolicyEvents.ASSESSMENT_COMPLETED_V1, payload)).isEmpty();
        AssessmentCompleted completed = json.readValue(payload, AssessmentCompleted.class);
        assertThat(completed.transferId()).isEqualTo(transferId);
        assertThat(completed.assessment().outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(completed.assessment().requiredApprovals())
                .containsExactly(new Assessment.RequiredApproval("CN", "SECURITY_ASSESSMENT"));
        assertThat(event.getExtension(CloudEventExtensions.POLICY_VERSION))
                .hasToString(completed.assessment().policyVersion());

        var own = get("/api/v1/assessments/" + transferId, TestTokens.enterprise("acme-cn", "CN"));
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(own.body());
        assertThat(body.path("assessmentId").asString()).isEqualTo(completed.assessmentId());
        assertThat(body.path("assessment").path("outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        assertThat(get("/api/v1/assessments/" + transferId, TestTokens.enterprise("globex", "CN")).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/assessments/" + transferId, TestTokens.regulator("CN")).statusCode()).isEqualTo(200);
        // the onward recipient's regulator reads it too, as it reads the transfer (TransferReaders)
        assertThat(get("/api/v1/assessments/" + transferId, TestTokens.regulator("US")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/assessments/" + transferId, TestTokens.regulator("JP")).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/assessments/" + transferId, TestTokens.auditor()).statusCode()).isEqualTo(200);

        // redelivery: the same event again, then a marker behind it on the same partition
        send(submitted, 0);
        String marker = "tr-" + UUID.randomUUID();
        send(submitted(marker, "acme-cn", aTransfer().build()), 0);
        policyEvents.await(assessmentOf(marker));

        assertThat(countAssessments(transferId)).isEqualTo(1);
        assertThat(policyEvents.received(assessmentOf(transferId))).hasSize(1);
        // counted once each assessment committed (the transfer's and the marker's), the redelivery not at all
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("cbdf.assessments", "trigger", "submitted")).isEqualTo(assessedBefore + 2);
            assertThat(count("cbdf.assessments", "outcome", "REVIEW_REQUIRED")).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("cbdf.assessment.duration").timer().count()).isGreaterThanOrEqualTo(timedBefore + 2);
        });
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void undecodableRecordsAndBadPayloadsAreDeadLetteredWithTheReasonAndTheNextEventIsStillProcessed() {
        double deadBefore = count("cbdf.events.dead.lettered", "group", "policy-service");
        byte[] garbage = ("garbage " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        raw.send(new ProducerRecord<>(TransferEvents.TOPIC, 1, "garbage", garbage));
        String malformedId = UUID.randomUUID().toString();
        CloudEvent malformed = envelope(malformedId, "tr-malformed", "{\"transferId\": ".getBytes(StandardCharsets.UTF_8));
        send(malformed, 1);
        String next = "tr-" + UUID.randomUUID();
        send(submitted(next, "acme-cn", aTransfer().build()), 1);

        ConsumerRecord<String, byte[]> deadGarbage = deadLetters.await(r -> java.util.Arrays.equals(r.value(), garbage));
        assertThat(header(deadGarbage, "x-exception-message")).contains("is not a CloudEvent");
        ConsumerRecord<String, byte[]> deadMalformed = deadLetters.await(r -> malformedId.equals(header(r, "ce_id")));
        assertThat(header(deadMalformed, "x-exception-message"))
                .contains("payload of transfer.submitted.v1 event " + malformedId + " is not valid");
        assertThat(deadMalformed.headers().headers("ce_id")).hasSize(1);

        policyEvents.await(assessmentOf(next));
        assertThat(countAssessments("tr-malformed")).isZero();
        assertThat(meters.get("cbdf.events.dead.lettered").tag("group", "policy-service")
                .tag("reason", "InvalidEventException").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(count("cbdf.events.dead.lettered", "group", "policy-service")).isGreaterThanOrEqualTo(deadBefore + 2);
    }

    @Test
    void theDryRunAssessesWithoutStoringAndNamesBadFields() throws Exception {
        long assessmentsBefore = jdbc.sql("select count(*) from assessment").query(Long.class).single();
        long outboxBefore = jdbc.sql("select count(*) from outbox_event").query(Long.class).single();

        var ok = post("/api/v1/assessments/evaluate", TestTokens.regulator("DE"),
                json.writeValueAsString(aTransfer().from("DE").to("IN").relyingOn(
                        Mechanism.SCC).build()));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode assessment = json.readTree(ok.body());
        assertThat(assessment.path("outcome").asString()).isEqualTo("CONDITIONAL");
        assertThat(assessment.path("policyVersion").asString()).startsWith("sha256:");
        assertThat(jdbc.sql("select count(*) from assessment").query(Long.class).single()).isEqualTo(assessmentsBefore);
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isEqualTo(outboxBefore);

        var bad = post("/api/v1/assessments/evaluate", TestTokens.enterprise("acme-cn", "CN"),
                json.writeValueAsString(aTransfer().individuals(10).sensitive(20).build()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(bad.body()).path("errors").findValuesAsString("field"))
                .containsExactly("dataSubjects.sensitiveCount");

        var anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/assessments/evaluate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(aTransfer().build()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theApiIsDescribedAndJurisdictionsAreListed() throws Exception {
        var docs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json.readTree(docs.body()).path("paths").has("/api/v1/assessments/evaluate")).isTrue();

        var jurisdictions = get("/api/v1/jurisdictions", TestTokens.auditor());
        assertThat(jurisdictions.statusCode()).isEqualTo(200);
        List<JsonNode> withPack = new ArrayList<>();
        json.readTree(jurisdictions.body()).forEach(j -> {
            if (j.path("rulePack").asBoolean()) {
                withPack.add(j);
            }
        });
        assertThat(withPack).extracting(j -> j.path("code").asString()).contains("CN", "DE", "NO", "US", "SG").doesNotContain("AU");
    }

    private CloudEvent submitted(String transferId, String organization, TransferRequest request) {
        byte[] data = json.writeValueAsBytes(new TransferSubmitted(transferId, organization, "alice",
                Instant.parse("2026-11-20T10:00:00Z"), request));
        return envelope(UUID.randomUUID().toString(), transferId, data);
    }

    private static CloudEvent envelope(String id, String transferId, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(TransferEvents.SUBMITTED_V1)
                .withSource(URI.create("urn:cbdf:transfer-service"))
                .withSubject(transferId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, TransferEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(data)
                .build();
    }

    private static void send(CloudEvent event, int partition) {
        try {
            events.send(new ProducerRecord<>(TransferEvents.TOPIC, partition,
                    String.valueOf(event.getExtension(CloudEventExtensions.AGGREGATE_ID)), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.getId(), e);
        }
    }

    private static Predicate<ConsumerRecord<String, CloudEvent>> assessmentOf(String transferId) {
        return r -> PolicyEvents.ASSESSMENT_COMPLETED_V1.equals(r.value().getType())
                && transferId.equals(String.valueOf(r.value().getExtension(CloudEventExtensions.AGGREGATE_ID)));
    }

    private long countAssessments(String transferId) {
        return jdbc.sql("select count(*) from assessment where transfer_id = :id").param("id", transferId)
                .query(Long.class).single();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads a topic from the beginning and keeps everything it saw, so tests can wait for a record. */
    static final class Topic<V> {
        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

        Topic(String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
            consumer = new KafkaConsumer<>(TestKafka.administrator(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
            consumer.subscribe(List.of(topic));
        }

        synchronized ConsumerRecord<String, V> await(Predicate<ConsumerRecord<String, V>> wanted) {
            org.awaitility.Awaitility.await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(wanted);
            });
            return seen.stream().filter(wanted).findFirst().orElseThrow();
        }

        synchronized List<ConsumerRecord<String, V>> received(Predicate<ConsumerRecord<String, V>> wanted) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(wanted).toList();
        }

        void close() {
            consumer.close();
        }
    }
}
