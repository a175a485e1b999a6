package org.cbdf.audit.ledger;

import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import io.cloudevents.CloudEvent;
import org.cbdf.audit.verifier.CanonicalJson;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the ledger hashes for an event: the event as a CloudEvents JSON-format object (context attributes,
 * extensions as top-level members, the payload under {@code data}), canonicalised by RFC 8785. A verifier
 * holding the exported leaf bytes needs nothing else to recompute the hashes.
 */
final class EventLeaf {

    private final JsonMapper json;

    EventLeaf(JsonMapper json) {
        // RFC 8785 works on I-JSON, where member names are unique; a payload with duplicates has no one meaning
        this.json = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /**
     * The canonical leaf of {@code event}. A payload that claims to be JSON and is not, or that holds values
     * JSON canonicalisation refuses, is an {@link InvalidEventException}: it can never be appended as it is.
     */
    byte[] of(CloudEvent event, IncomingEvent checked) {
        ObjectNode leaf = json.createObjectNode();
        leaf.put("specversion", event.getSpecVersion().toString());
        leaf.put("id", checked.id());
        leaf.put("source", checked.source().toString());
        leaf.put("type", checked.type());
        if (checked.subject() != null) {
            leaf.put("subject", checked.subject());
        }
        if (checked.time() != null) {
            leaf.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(checked.time()));
        }
        if (event.getDataContentType() != null) {
            leaf.put("datacontenttype", event.getDataContentType());
        }
        if (event.getDataSchema() != null) {
            leaf.put("dataschema", event.getDataSchema().toString());
        }
        // binary-mode Kafka headers carry every extension as text, so text is their one faithful form
        checked.extensions().forEach(leaf::put);
        if (isJson(event.getDataContentType())) {
            leaf.set("data", parse(checked));
        } else {
            leaf.put("data_base64", Base64.getEncoder().encodeToString(checked.data()));
        }
        try {
            return CanonicalJson.canonicalize(leaf);
        } catch (CanonicalJson.NotCanonicalizableException e) {
            throw new InvalidEventException("event " + checked.id() + " of type " + checked.type()
                    + " cannot be canonicalised (RFC 8785): " + e.getMessage(), e);
        }
    }

    /** The payload of a stored leaf, as the API shows it: {@code data}, or {@code data_base64} if not JSON. */
    JsonNode payloadOf(byte[] leaf) {
        JsonNode event = json.readTree(leaf);
        return event.has("data") ? event.get("data") : event.get("data_base64");
    }

    private JsonNode parse(IncomingEvent event) {
        try {
            JsonNode payload = json.readTree(event.data());
            if (payload == null || payload.isMissingNode()) {
                throw new InvalidEventException("payload of " + event.type() + " event " + event.id() + " is empty");
            }
            return payload;
        } catch (JacksonException e) {
            throw new InvalidEventException("payload of " + event.type() + " event " + event.id()
                    + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** CloudEvents: no content type means JSON in the JSON format; the platform's producers always say JSON. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }
}
