package org.cbdf.platform.messaging;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumed CloudEvent, checked for the envelope fields the platform relies on. Anything missing is an
 * {@link InvalidEventException}: the message is dead-lettered with that reason.
 */
public record IncomingEvent(String id, String type, URI source, String subject, OffsetDateTime time,
        String aggregateType, String aggregateId, long aggregateVersion, Map<String, String> extensions,
        byte[] data) {

    /** Reads and checks a record consumed as raw bytes (see {@link KafkaCloudEvents}). */
    public static IncomingEvent from(Message<?> message) {
        return from(KafkaCloudEvents.read(message));
    }

    public static IncomingEvent from(CloudEvent event) {
        if (event == null) {
            throw new InvalidEventException("message is not a CloudEvent");
        }
        String aggregateId = requiredExtension(event, CloudEventExtensions.AGGREGATE_ID);
        String aggregateType = requiredExtension(event, CloudEventExtensions.AGGREGATE_TYPE);
        String versionText = requiredExtension(event, CloudEventExtensions.AGGREGATE_VERSION);
        long version;
        try {
            version = Long.parseLong(versionText);
        } catch (NumberFormatException e) {
            throw new InvalidEventException("extension aggregateversion is not a number: " + versionText);
        }
        if (version < 1) {
            throw new InvalidEventException("extension aggregateversion must be at least 1, was " + version);
        }
        if (event.getData() == null) {
            throw new InvalidEventException("event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                extensions.put(name, value.toString());
            }
        }
        return new IncomingEvent(event.getId(), event.getType(), event.getSource(), event.getSubject(),
                event.getTime(), aggregateType, aggregateId, version, Map.copyOf(extensions),
                event.getData().toBytes());
    }

    private static String requiredExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        if (value == null || value.toString().isBlank()) {
            throw new InvalidEventException("event " + event.getId() + " lacks the extension " + name);
        }
        return value.toString();
    }

    public String extension(String name) {
        return extensions.get(name);
    }

    /**
     * Reads the payload. Unknown fields are ignored (a newer producer may add some); a payload that does not
     * fit the record is an {@link InvalidEventException}.
     */
    public <T> T data(JsonMapper json, Class<T> type) {
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(data);
        } catch (JacksonException e) {
            throw new InvalidEventException("payload of " + this.type + " event " + id + " is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }
}
