package org.cbdf.dispute.cases;

import java.util.Objects;
import java.util.UUID;

/** A dispute case's identity: its id in the API, in its events (as the aggregate id) and in the database. */
public record DisputeId(UUID value) {

    public DisputeId {
        Objects.requireNonNull(value, "value");
    }

    static DisputeId generate() {
        return new DisputeId(UUID.randomUUID());
    }

    /** The canonical lower-case UUID form, as the events and the API carry it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
