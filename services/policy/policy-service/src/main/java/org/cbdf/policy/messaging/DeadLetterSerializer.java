package org.cbdf.policy.messaging;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes dead letters as they came in: an {@link UndecodableRecord} as its original bytes, a CloudEvent in
 * binary mode after dropping the {@code ce_} and {@code content-type} headers copied from the failed record
 * (the CloudEvents serializer adds them again, so they would appear twice), raw bytes unchanged.
 */
public class DeadLetterSerializer implements Serializer<Object> {

    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        cloudEvents.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return switch (data) {
            case null -> null;
            case UndecodableRecord undecodable -> undecodable.original();
            case byte[] bytes -> bytes;
            case CloudEvent event -> {
                if (headers == null) {
                    throw new IllegalArgumentException("a CloudEvent dead letter needs record headers (binary mode)");
                }
                for (Header header : headers.toArray()) {
                    if (header.key().startsWith("ce_") || header.key().equalsIgnoreCase("content-type")) {
                        headers.remove(header.key());
                    }
                }
                yield cloudEvents.serialize(topic, headers, event);
            }
            default -> throw new IllegalArgumentException("cannot write a " + data.getClass().getName()
                    + " to the dead-letter topic");
        };
    }

    @Override
    public void close() {
        cloudEvents.close();
    }
}
