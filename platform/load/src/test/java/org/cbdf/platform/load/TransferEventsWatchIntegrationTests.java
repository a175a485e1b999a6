package org.cbdf.platform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.Test;

/** The harness's watch on the transfer events topic against a real broker, fed CloudEvents in binary mode. */
class TransferEventsWatchIntegrationTests {

    record Sighting(String transferId, String status) {
    }

    static ProducerRecord<String, byte[]> event(String topic, String type, String transferId, String data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, transferId,
                data.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", ("e-" + transferId + "-" + type).getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_aggregateid", transferId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void seesEachAssessmentPublishedAfterItStartedAndNothingElse() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String topic = "transfer.events.watch-test";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<Sighting> sightings = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
                TransferEventsWatch watch = new TransferEventsWatch(bootstrap, topic,
                        (id, status, seen) -> sightings.add(new Sighting(id, status)), Ticker.SYSTEM)) {
            producer.send(event(topic, TransferEvents.ASSESSED_V1, "before-the-run", "{\"status\":\"PERMITTED\"}")).get();

            watch.start(Duration.ofSeconds(30));
            producer.send(event(topic, TransferEvents.SUBMITTED_V1, "t-1", "{\"transferId\":\"t-1\"}")).get();
            producer.send(event(topic, TransferEvents.ASSESSED_V1, "t-1",
                    "{\"transferId\":\"t-1\",\"status\":\"CONDITIONAL\",\"outcome\":\"CONDITIONAL\"}")).get();
            producer.send(event(topic, TransferEvents.ASSESSED_V1, "t-2", "not json")).get();
            producer.send(event(topic, TransferEvents.ASSESSED_V1, "t-3",
                    "{\"transferId\":\"t-3\",\"status\":\"AWAITING_APPROVAL\"}")).get();

            await().atMost(Duration.ofSeconds(30)).until(() -> sightings.size() >= 2 && watch.unreadable() >= 1);
            assertThat(sightings).containsExactlyInAnyOrder(new Sighting("t-1", "CONDITIONAL"),
                    new Sighting("t-3", "AWAITING_APPROVAL"));
            assertThat(watch.unreadable()).isEqualTo(1);
        }
    }
}
