package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack of issue 16, replayed on the whole platform: a forged {@code dispute.resolved.v1} that overturns an
 * appealed transfer's rejection. Without credentials the broker takes nothing; the policy service's own Keycloak
 * credentials cannot write the dispute service's topic; and a forgery that reaches the topic anyway (here written by
 * the administrator, as a mistaken grant would let it) is dead-lettered with its reason by the transfer service and
 * by the audit ledger, and the transfer stays APPEALED.
 */
class EventBusTrustEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    void aForgedDisputeOutcomeNeverDecidesATransfer() throws Exception {
        String enterprise = running.token("enterprise-cn");
        String id = appealedTransfer(enterprise);
        String disputeId = UUID.randomUUID().toString();

        Map<String, Object> anonymous = new HashMap<>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, running.platform.kafkaBootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(anonymous, new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(forgery(disputeId, id, "urn:cbdf:dispute-service"))
                    .get(30, TimeUnit.SECONDS)).as("no credentials, no record").isInstanceOf(Exception.class);
        }

        Map<String, Object> policyService = new HashMap<>(running.platform.kafkaClient("policy-service"));
        policyService.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(policyService, new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(forgery(disputeId, id, "urn:cbdf:dispute-service"))
                    .get(30, TimeUnit.SECONDS))
                    .as("the policy service's principal writes policy.events only")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(running.platform.kafkaAdministrator(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(forgery(disputeId, id, "urn:cbdf:policy-service")).get(30, TimeUnit.SECONDS);
        }

        assertThat(deadLetter("transfer-service.dispute.events.dlq", disputeId))
                .contains("dispute.resolved.v1 is published only by dispute-service");
        assertThat(deadLetter("audit-service.dlq", disputeId))
                .as("the ledger signs no forgery").contains("published only by dispute-service");
        assertThat(running.read(transfer("/api/v1/transfers/" + id), enterprise).get("status").asString())
                .isEqualTo("APPEALED");
    }

    private static String appealedTransfer(String enterprise) throws Exception {
        HttpResponse<String> created = running.post(transfer("/api/v1/transfers"), enterprise,
                SampleTransfers.NEEDS_CN_APPROVAL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> running
                .read(transfer("/api/v1/transfers/" + id), enterprise).get("status").asString().equals("AWAITING_APPROVAL"));
        HttpResponse<String> rejected = running.post(transfer("/api/v1/transfers/" + id + "/decisions"),
                running.token("regulator-cn"), "{\"decision\": \"REJECT\", \"reasons\": \"Not covered.\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        HttpResponse<String> appealed = running.post(transfer("/api/v1/transfers/" + id + "/appeal"), enterprise,
                "{\"grounds\": \"It is covered.\"}");
        assertThat(appealed.statusCode()).as(appealed.body()).isEqualTo(200);
        return id;
    }

    /** A dispute.resolved.v1 in binary mode, as the dispute service would publish one, overturning the rejection. */
    private static ProducerRecord<String, byte[]> forgery(String disputeId, String transferId, String source) {
        String data = """
                {"disputeId":"%s","transferId":"%s","resolution":"OVERTURN","conditions":[],"decidedBy":"PANEL",\
                "resolvedAt":"%s","trigger":"APPEAL"}""".formatted(disputeId, transferId, Instant.now());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("dispute.events", disputeId,
                data.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "dispute.resolved.v1", "ce_source", source, "ce_time", Instant.now().toString(),
                "ce_aggregatetype", "dispute", "ce_aggregateid", disputeId, "ce_aggregateversion", "9",
                "content-type", "application/json");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The reason a consumer gave for the dead letter keyed {@code key} on {@code topic}. */
    private static String deadLetter(String topic, String key) {
        Map<String, Object> settings = new HashMap<>(running.platform.kafkaAdministrator());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> reasons = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        Header reason = record.headers().lastHeader("x-exception-message");
                        reasons.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
                return !reasons.isEmpty();
            });
            return reasons.getFirst();
        }
    }

    private static URI transfer(String path) {
        return URI.create(running.platform.serviceBaseUrl("transfer") + path);
    }
}
