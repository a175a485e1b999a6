package org.cbdf.transfer.requests;

import java.util.UUID;

public record TransferId(UUID value) {

    static TransferId generate() {
        return new TransferId(UUID.randomUUID());
    }

    /** Parses a path or event id; anything that is not a UUID cannot name a transfer. */
    public static java.util.Optional<TransferId> parse(String text) {
        try {
            return java.util.Optional.of(new TransferId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
