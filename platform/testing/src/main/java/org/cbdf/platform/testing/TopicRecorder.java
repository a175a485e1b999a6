package org.cbdf.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
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
import org.awaitility.Awaitility;

/**
 * Reads a topic from its beginning in the background, so that a test can wait for the records a service
 * published and look at them as CloudEvents. Also produces CloudEvents and raw records for tests that feed a
 * service. Close it at the end of the test.
 */
public final class TopicRecorder implements AutoCloseable {

    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    private TopicRecorder(String... topics) {
        Properties properties = new Properties();
        properties.putAll(TestKafka.administrator());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(topics));
        poller = Thread.ofPlatform().name("topic-recorder").daemon().start(this::poll);
    }

    public static TopicRecorder of(String... topics) {
        return new TopicRecorder(topics);
    }

    private void poll() {
        while (running) {
            try {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            }
        }
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** The records that are CloudEvents (binary mode) and match, in the order they were read. */
    public List<CloudEvent> events(Predicate<CloudEvent> filter) {
        List<CloudEvent> events = new ArrayList<>();
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.headers().lastHeader("ce_id") == null) {
                    continue;
                }
                CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
                if (filter.test(event)) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    public List<CloudEvent> awaitEvents(Predicate<CloudEvent> filter, int atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(filter).size() >= atLeast);
        return events(filter);
    }

    public ConsumerRecord<String, byte[]> awaitRecord(Predicate<ConsumerRecord<String, byte[]>> filter) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> records.stream().anyMatch(filter));
        return records.stream().filter(filter).findFirst().orElseThrow();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }

    /** Publishes a CloudEvent in binary mode, keyed as the platform keys them, and waits for the ack. */
    public static void publish(String topic, String key, CloudEvent event) {
        try (var producer = new KafkaProducer<String, CloudEvent>(TestKafka.administrator(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Publishes raw bytes (a poison message), waiting for the ack. */
    public static void publishRaw(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<String, byte[]>(TestKafka.administrator(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
