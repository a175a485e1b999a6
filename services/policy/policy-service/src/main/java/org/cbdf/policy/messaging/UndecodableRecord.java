package org.cbdf.policy.messaging;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;

/**
 * Stands in for a consumed record that is not a CloudEvent, so that it reaches the binding (which dead-letters
 * it with the reason) instead of being dropped by the listener container. It keeps the record's original
 * bytes for the dead-letter topic. It is not an event: {@link #reason()} says why.
 */
public final class UndecodableRecord implements CloudEvent {

    private static final URI SOURCE = URI.create("urn:cbdf:undecodable");

    private final byte[] original;
    private final String reason;

    UndecodableRecord(byte[] original, String reason) {
        this.original = original == null ? new byte[0] : original.clone();
        this.reason = reason;
    }

    public byte[] original() {
        return original.clone();
    }

    public String reason() {
        return reason;
    }

    @Override
    public CloudEventData getData() {
        return null;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return SpecVersion.V1;
    }

    @Override
    public String getId() {
        return "undecodable";
    }

    @Override
    public String getType() {
        return "undecodable";
    }

    @Override
    public URI getSource() {
        return SOURCE;
    }

    @Override
    public String getDataContentType() {
        return null;
    }

    @Override
    public URI getDataSchema() {
        return null;
    }

    @Override
    public String getSubject() {
        return null;
    }

    @Override
    public OffsetDateTime getTime() {
        return null;
    }

    @Override
    public Object getAttribute(String attributeName) {
        return switch (attributeName) {
            case "specversion" -> SpecVersion.V1.toString();
            case "id" -> getId();
            case "type" -> getType();
            case "source" -> SOURCE;
            default -> null;
        };
    }

    @Override
    public Object getExtension(String extensionName) {
        return null;
    }

    @Override
    public Set<String> getExtensionNames() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "UndecodableRecord[" + original.length + " bytes: " + reason + "]";
    }
}
