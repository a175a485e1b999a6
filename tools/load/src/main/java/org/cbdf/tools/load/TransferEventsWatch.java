package org.cbdf.tools.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.cbdf.transfer.events.TransferEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the transfer service's events topic for {@code transfer.assessed.v1}: the moment the platform has decided
 * a transfer's status. A consumer of its own without a group (every partition assigned, starting at the end), so it
 * neither joins nor disturbs the services' groups and sees every event once; it needs no group grant either, only
 * READ on the topic for its principal ({@code load-harness}). The event is a CloudEvent in binary mode: the type and
 * the transfer id are headers ({@code ce_type}, {@code ce_aggregateid}), the status is in the data.
 */
final class TransferEventsWatch implements AutoCloseable {

    /** Where sightings go: the {@link Journeys}. */
    @FunctionalInterface
    interface Sink {
        void assessed(String transferId, String status, long seenNanos);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Sink sink;
    private final Ticker ticker;
    private final LongAdder unreadable = new LongAdder();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread poller;

    /** @param client the settings of an authenticated Kafka client, {@code bootstrap.servers} included */
    TransferEventsWatch(Map<String, Object> client, String topic, Sink sink, Ticker ticker) {
        Properties properties = new Properties();
        properties.putAll(client);
        // assigned partitions and no commits: a group id would only ask the broker for a group the watch never uses
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cbdf-load-watch");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.topic = topic;
        this.sink = sink;
        this.ticker = ticker;
    }

    static TransferEventsWatch onTransferEvents(Map<String, Object> client, Sink sink, Ticker ticker) {
        return new TransferEventsWatch(client, TransferEvents.TOPIC, sink, ticker);
    }

    /**
     * Positions at the end of every partition (so the run sees its own events, not history) and starts polling.
     * Returns once the positions are fixed: anything published after this is seen.
     *
     * @throws IllegalStateException if the topic does not exist within {@code wait}
     */
    void start(Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the topic " + topic + " does not exist on the broker");
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().name("load-transfer-events").daemon().start(this::poll);
    }

    long unreadable() {
        return unreadable.sum();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long seen = ticker.nanoTime();
                    if (TransferEvents.ASSESSED_V1.equals(header(record, "ce_type"))) {
                        read(record, seen);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void read(ConsumerRecord<byte[], byte[]> record, long seen) {
        try {
            JsonNode data = JSON.readTree(record.value());
            String id = header(record, "ce_aggregateid");
            if (id == null) {
                id = data.path("transferId").asString(null);
            }
            String status = data.path("status").asString("");
            if (id == null || status.isEmpty()) {
                unreadable.increment();
                return;
            }
            sink.assessed(id, status, seen);
        } catch (RuntimeException e) {
            unreadable.increment();
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (poller == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        stopped.await();
    }
}
