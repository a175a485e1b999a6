package org.cbdf.platform.messaging;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Reads the CloudEvent (Kafka protocol binding, binary or structured mode) from a record consumed through a
 * Spring Cloud Stream binding with its value left as bytes. Consumers decode here rather than in the Kafka deserializer so that a record that is no
 * CloudEvent reaches the binding's error handling and is dead-lettered with its original bytes and the
 * reason; a failing deserializer hands it to the container's error handler instead, which logs and drops it.
 */
public final class KafkaCloudEvents {

    private static final EventBusPlan PLAN = EventBusPlan.platform();

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
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException e) {
            throw new InvalidEventException("message is not a CloudEvent: " + e.getMessage(), e);
        }
        requireOwnProducer(event, message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class));
        return event;
    }

    /**
     * The second wall behind the broker's ACLs: an event whose type belongs to a service (by the event bus plan) is
     * accepted only with that service's {@code source}, and only on that service's topic. A forged
     * {@code dispute.resolved.v1} published by anyone else is dead-lettered with the reason, never applied.
     *
     * @param topic the topic the record was consumed from, if known
     */
    static void requireOwnProducer(CloudEvent event, String topic) {
        if (event.getType() == null) {
            return; // IncomingEvent refuses it with its own reason
        }
        java.util.Optional<String> owner = PLAN.ownerOfType(event.getType());
        if (topic != null) {
            PLAN.topic(topic).filter((onTopic) -> onTopic.eventTypePrefix().isPresent()).ifPresent((onTopic) -> {
                if (owner.isEmpty() || !owner.get().equals(onTopic.owner())) {
                    throw new InvalidEventException("event type " + event.getType() + " does not belong on " + topic
                            + ", which carries only events of " + onTopic.owner());
                }
            });
        }
        owner.ifPresent((service) -> {
            String expected = EventBusPlan.sourceOf(service);
            String source = event.getSource() == null ? null : event.getSource().toString();
            if (!expected.equals(source)) {
                throw new InvalidEventException("event type " + event.getType() + " is published only by " + service
                        + " (source " + expected + "), but this one names source " + source);
            }
        });
    }
}
