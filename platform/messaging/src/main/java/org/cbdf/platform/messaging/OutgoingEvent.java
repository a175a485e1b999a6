package org.cbdf.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a service commits to publish. It is stored in the outbox in the transaction of the state
 * change it announces and relayed to Kafka after commit.
 *
 * @param binding          Spring Cloud Stream output binding (its destination topic is configured in YAML)
 * @param type             logical type and version on the wire, e.g. {@code transfer.submitted.v1}
 * @param aggregateType    kind of aggregate, e.g. {@code transfer}
 * @param aggregateId      id of the aggregate; the Kafka key
 * @param aggregateVersion the aggregate's version after this event (1, 2, 3 …)
 * @param subject          CloudEvents subject (usually the aggregate id)
 * @param data             the payload, serialised as JSON
 * @param extensions       further CloudEvents extensions (policyversion, organization, jurisdictions …)
 */
public record OutgoingEvent(String binding, String type, String aggregateType, String aggregateId,
        long aggregateVersion, String subject, Object data, Map<String, String> extensions, UUID id) {

    public OutgoingEvent {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(data, "data");
        if (aggregateVersion < 1) {
            throw new IllegalArgumentException("aggregateVersion starts at 1, was " + aggregateVersion);
        }
        extensions = Map.copyOf(extensions == null ? Map.of() : extensions);
        id = id == null ? UUID.randomUUID() : id;
        subject = subject == null ? aggregateId : subject;
    }

    public static Builder to(String binding) {
        return new Builder(binding);
    }

    public static final class Builder {
        private final String binding;
        private String type;
        private String aggregateType;
        private String aggregateId;
        private long aggregateVersion;
        private String subject;
        private Object data;
        private final Map<String, String> extensions = new LinkedHashMap<>();

        private Builder(String binding) {
            this.binding = binding;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder aggregate(String aggregateType, String aggregateId, long aggregateVersion) {
            this.aggregateType = aggregateType;
            this.aggregateId = aggregateId;
            this.aggregateVersion = aggregateVersion;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder data(Object data) {
            this.data = data;
            return this;
        }

        /** Adds an extension attribute; a null value is left out. */
        public Builder extension(String name, String value) {
            if (value != null) {
                extensions.put(name, value);
            }
            return this;
        }

        public OutgoingEvent build() {
            return new OutgoingEvent(binding, type, aggregateType, aggregateId, aggregateVersion, subject, data,
                    extensions, null);
        }
    }
}
