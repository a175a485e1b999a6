package org.cbdf.policy.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an adequacy review assesses, as data: the criteria a review of a jurisdiction (or a sector or scheme within
 * it) is assessed against — by default those of GDPR Art. 45(2) — and those a review of a standard (a certification
 * scheme, a set of model clauses) is assessed against. Versioned with the rest of the policy; a review keeps the
 * criteria it was opened with.
 */
public record ReviewCriteria(List<Criterion> jurisdiction, List<Criterion> standard) {

    /** One criterion: a stable id, what it asks, and where the law asks it. */
    public record Criterion(String id, String title, String citation, String description) {
    }

    public ReviewCriteria {
        jurisdiction = List.copyOf(jurisdiction);
        standard = List.copyOf(standard);
        check(jurisdiction, "jurisdiction");
        check(standard, "standard");
    }

    /** The criteria for a review of a jurisdiction ({@code standard} false) or of a standard. */
    public List<Criterion> forStandard(boolean standard) {
        return standard ? this.standard : jurisdiction;
    }

    public Optional<Criterion> byId(String id) {
        return java.util.stream.Stream.concat(jurisdiction.stream(), standard.stream())
                .filter(c -> c.id().equals(id)).findFirst();
    }

    private static void check(List<Criterion> criteria, String list) {
        if (criteria.isEmpty()) {
            throw new PolicyDataException("review criteria: the " + list + " criteria must not be empty");
        }
        Set<String> ids = new HashSet<>();
        for (Criterion c : criteria) {
            if (c.id() == null || !c.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new PolicyDataException("review criteria (" + list + "): id '" + c.id()
                        + "' must be lower-case letters, digits and dashes");
            }
            if (!ids.add(c.id())) {
                throw new PolicyDataException("review criteria (" + list + "): id " + c.id() + " is used twice");
            }
            if (c.title() == null || c.title().isBlank() || c.citation() == null || c.citation().isBlank()) {
                throw new PolicyDataException("review criteria (" + list + ") " + c.id()
                        + ": title and citation are required");
            }
        }
    }
}
