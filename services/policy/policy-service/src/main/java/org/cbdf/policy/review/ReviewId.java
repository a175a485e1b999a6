package org.cbdf.policy.review;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An adequacy review's id, as the procedure's steps take it. */
public record ReviewId(UUID value) {

    public ReviewId {
        Objects.requireNonNull(value, "value");
    }

    /** The id a path names, or empty if it is not a UUID (and so names no review). */
    public static Optional<ReviewId> parse(String id) {
        try {
            return Optional.of(new ReviewId(UUID.fromString(id)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
