package org.cbdf.policy.review;

import java.util.List;
import java.util.Locale;

import org.cbdf.policy.events.ReviewSubject;

/**
 * What a review examines (see {@link ReviewSubject} for the fields). {@link #target()} names the decision or
 * agreement it decides about: one per reviewing authority, whatever the sector, since the engine uses the first
 * decision it finds for an authority and a destination.
 */
public record Subject(SubjectKind kind, String jurisdiction, String sector, List<String> certifications,
        String modelClauses, String description) {

    public Subject {
        certifications = certifications == null ? List.of() : certifications.stream().sorted().distinct().toList();
    }

    public String target() {
        return switch (kind) {
            case JURISDICTION -> "adequacy:" + jurisdiction;
            case CERTIFICATION -> "certification:" + String.join(",", certifications)
                    + (jurisdiction == null ? "" : "@" + jurisdiction);
            case MODEL_CLAUSES -> "model-clauses:" + modelClauses.strip().toLowerCase(Locale.ROOT)
                    + (jurisdiction == null ? "" : "@" + jurisdiction);
        };
    }

    /** In words, e.g. "US (DPF_CERTIFIED)", "certification GLOBAL_CBPR, GLOBAL_PRP". */
    public String label() {
        return switch (kind) {
            case JURISDICTION -> jurisdiction + (sector == null ? "" : " (" + sector + ")");
            case CERTIFICATION -> "certification " + String.join(", ", certifications);
            case MODEL_CLAUSES -> "model clauses " + modelClauses;
        };
    }

    ReviewSubject published() {
        return new ReviewSubject(kind.name(), jurisdiction, sector, certifications, modelClauses, description);
    }
}
