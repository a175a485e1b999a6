package org.cbdf.platform.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value serializer for every producer of a service: CloudEvents in binary mode (the outbox relay, and a
 * dead-lettered event that was read as one), raw bytes as they are (a dead-lettered record that could not be
 * read as a CloudEvent at all).
 */
public class CloudEventOrBytesSerializer implements Serializer<Object> {

    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        cloudEvents.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        throw new UnsupportedOperationException("CloudEvents in binary mode need the record headers");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            case CloudEvent event -> headers.lastHeader("ce_id") != null
                    ? event.getData() == null ? null : event.getData().toBytes() // headers already carry the envelope
                    : cloudEvents.serialize(topic, headers, event);
            default -> throw new IllegalArgumentException("cannot serialize " + data.getClass().getName());
        };
    }
}
