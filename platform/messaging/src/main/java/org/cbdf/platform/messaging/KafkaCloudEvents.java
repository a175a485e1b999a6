package org.cbdf.platform.messaging;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.messaging.Message;

/**
 * Reads the CloudEvent (Kafka protocol binding, binary or structured mode) from a record consumed through a
 * Spring Cloud Stream binding with its value left as bytes. Consumers decode here rather than in the Kafka deserializer so that a record that is no
 * CloudEvent reaches the binding's error handling and is dead-lettered with its original bytes and the
 * reason; a failing deserializer hands it to the container's error handler instead, which logs and drops it.
 */
public final class KafkaCloudEvents {

    private static final String CE_PREFIX = "ce_";
    private static final String CONTENT_TYPE = "content-type";

    private KafkaCloudEvents() {
    }

    public static CloudEvent read(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] value)) {
            throw new InvalidEventException("message is not a CloudEvent: its value is "
                    + message.getPayload().getClass().getSimpleName() + ", not bytes");
        }
        RecordHeaders headers = new RecordHeaders();
        message.getHeaders().forEach((name, headerValue) -> {
            if (name.startsWith(CE_PREFIX) || name.equalsIgnoreCase(CONTENT_TYPE)) {
                headers.add(name, headerValue instanceof byte[] bytes ? bytes
                        : headerValue.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        try {
            return KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException e) {
            throw new InvalidEventException("message is not a CloudEvent: " + e.getMessage(), e);
        }
    }
}
