package org.cbdf.dispute.parties;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a transfer's submission tells about its parties: the exporting organisation and the route of the data. */
public record Submission(String transferId, String organization, String origin, String destination,
        List<String> onward, Instant submittedAt) {

    public Submission {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(submittedAt, "submittedAt");
        onward = List.copyOf(onward);
    }

    /** Origin, destination and onward recipients, in that order. */
    public List<String> route() {
        List<String> route = new java.util.ArrayList<>(List.of(origin, destination));
        route.addAll(onward);
        return route;
    }
}
