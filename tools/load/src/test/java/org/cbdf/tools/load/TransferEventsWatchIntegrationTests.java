package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's watch on the transfer events topic against a real broker secured as the platform's are, logged in as
 * the load harness, fed CloudEvents in binary mode by the topic's owner.
 */
class TransferEventsWatchIntegrationTests {

    @BeforeAll
    static void grantTheLoadHarness() {
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            new EventBusProvisioner(admin).provision(EventBusPlan.platform().with(EventBusPlan.loadHarness()),
                    EventBusProvisioner.Sizing.singleBroker());
        }
    }

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
        String topic = TransferEvents.TOPIC;
        Map<String, Object> transferService = new HashMap<>(TestKafka.client("transfer-service"));
        transferService.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        transferService.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Sighting> sightings = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(transferService);
                TransferEventsWatch watch = TransferEventsWatch.onTransferEvents(TestKafka.client("load-harness"),
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
