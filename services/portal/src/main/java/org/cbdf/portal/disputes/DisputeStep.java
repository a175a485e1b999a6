package org.cbdf.portal.disputes;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of a dispute's procedure that the portal offers, each named as the dispute API's path names it
 * ({@code POST /api/v1/disputes/{id}/<path>}) and posted to the same path under the portal's {@code /disputes/{id}}.
 * Votes and acceptances bind the user's jurisdiction and cannot be taken back: they are confirmed first.
 */
public enum DisputeStep {
    STATEMENTS("statements", false),
    PROPOSALS("proposals", false),
    ACCEPTANCES("acceptances", true),
    ESCALATION("escalation", false),
    VOTES("votes", true),
    EXTENSION("extension", false);

    private final String path;
    private final boolean confirmed;

    DisputeStep(String path, boolean confirmed) {
        this.path = path;
        this.confirmed = confirmed;
    }

    public String path() {
        return path;
    }

    /** Whether a confirmation page comes between the form and the API. */
    public boolean confirmed() {
        return confirmed;
    }

    static Optional<DisputeStep> of(String path) {
        return Arrays.stream(values()).filter(step -> step.path.equals(path)).findFirst();
    }
}
