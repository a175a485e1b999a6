package org.cbdf.policy.events;

import java.util.List;

/**
 * What an adequacy review examines: a jurisdiction (or a sector or organisation scheme within it), a certification
 * scheme, or a set of model clauses.
 *
 * @param kind           {@code JURISDICTION}, {@code CERTIFICATION} or {@code MODEL_CLAUSES}
 * @param jurisdiction   the jurisdiction reviewed (an ISO 3166-1 code or a bloc); for a standard, the destinations
 *                       the recognition is limited to (null: any)
 * @param sector         for a jurisdiction, the sector or scheme reviewed ({@code DPF_CERTIFIED},
 *                       {@code UK_EXTENSION}, {@code COMMERCIAL_ORGANISATIONS}); null: the whole jurisdiction
 * @param certifications for a certification scheme, the certifications it issues
 * @param modelClauses   for model clauses, their name and reference
 * @param description    in words, e.g. "organisations on the Data Privacy Framework List"
 */
public record ReviewSubject(String kind, String jurisdiction, String sector, List<String> certifications,
        String modelClauses, String description) {

    public ReviewSubject {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
    }
}
