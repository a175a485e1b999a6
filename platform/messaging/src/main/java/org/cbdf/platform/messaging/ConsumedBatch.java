package org.cbdf.platform.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One poll of a binding in batch mode, record by record. The binder hands a batch over as one message whose
 * payload is the list of record values and whose headers are lists too, one element per record, in the same order
 * (the order of the poll, which is each partition's order). Each record becomes the message it would have been
 * outside batch mode — its value, its own Kafka headers, its topic — so it is read exactly as a single record is
 * ({@link KafkaCloudEvents}).
 */
public final class ConsumedBatch {

    private ConsumedBatch() {
    }

    /** The records of {@code batch}, in poll order: the index of a record is its index in the batch. */
    public static List<Message<?>> records(Message<? extends List<?>> batch) {
        List<?> values = batch.getPayload();
        MessageHeaders headers = batch.getHeaders();
        List<?> converted = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> raw = list(headers, KafkaHeaders.NATIVE_HEADERS);
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<Message<?>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> own = new HashMap<>();
            if (converted != null && converted.get(i) instanceof Map<?, ?> mapped) {
                mapped.forEach((name, value) -> own.put(name.toString(), value));
            } else if (raw != null && raw.get(i) instanceof Headers kafkaHeaders) {
                for (Header header : kafkaHeaders) {
                    own.put(header.key(), header.value());
                }
            }
            if (topics != null) {
                own.put(KafkaHeaders.RECEIVED_TOPIC, topics.get(i));
            }
            // a record without a value (a tombstone) is no CloudEvent either: it is refused, not lost
            Object value = values.get(i) == null ? KafkaNull.INSTANCE : values.get(i);
            records.add(MessageBuilder.withPayload(value).copyHeaders(own).build());
        }
        return records;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> values ? values : null;
    }
}
