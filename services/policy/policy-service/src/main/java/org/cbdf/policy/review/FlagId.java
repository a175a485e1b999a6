package org.cbdf.policy.review;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A recognition flag's id, as the procedure's decision on it takes it. */
public record FlagId(UUID value) {

    public FlagId {
        Objects.requireNonNull(value, "value");
    }

    /** The id a path names, or empty if it is not a UUID (and so names no flag). */
    public static Optional<FlagId> parse(String id) {
        try {
            return Optional.of(new FlagId(UUID.fromString(id)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
