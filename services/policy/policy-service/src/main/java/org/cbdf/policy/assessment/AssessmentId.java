package org.cbdf.policy.assessment;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** An assessment's id: one per assessment of a transfer, a reassessment gets a new one. On the wire its UUID. */
public record AssessmentId(@JsonValue UUID value) {

    public AssessmentId {
        Objects.requireNonNull(value, "value");
    }

    static AssessmentId random() {
        return new AssessmentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
