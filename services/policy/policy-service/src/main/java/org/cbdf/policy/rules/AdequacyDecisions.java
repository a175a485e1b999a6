package org.cbdf.policy.rules;

import java.util.List;
import java.util.Optional;

/** Adequacy decisions as data: which authority found which destination adequate, and for which importers. */
record AdequacyDecisions(List<Decision> decisions) {

    /** @param condition what the importer must satisfy, or null if the decision covers every importer there */
    record Decision(String authority, String destination, String citation, String condition) {
    }

    record Finding(boolean adequate, String explanation) {
    }

    static final String DPF_CERTIFIED = "DPF_CERTIFIED";

    AdequacyDecisions {
        decisions = List.copyOf(decisions);
        for (Decision decision : decisions) {
            if (decision.condition() != null && !DPF_CERTIFIED.equals(decision.condition())) {
                throw new PolicyDataException("adequacy decision for " + decision.destination()
                        + " has an unknown condition " + decision.condition());
            }
        }
    }

    Optional<Decision> decision(String authority, String destination) {
        return decisions.stream()
                .filter(d -> d.authority().equals(authority) && d.destination().equals(destination))
                .findFirst();
    }

    Finding find(String authority, String destination, boolean recipientDpfCertified, boolean onward) {
        if (authority == null) {
            return new Finding(false, "the rule pack names no adequacy authority");
        }
        Optional<Decision> found = decision(authority, destination);
        if (found.isEmpty()) {
            return new Finding(false, destination + " has no " + authority + " adequacy decision");
        }
        Decision decision = found.get();
        if (decision.condition() == null) {
            return new Finding(true, destination + " has an " + authority + " adequacy decision (" + decision.citation() + ")");
        }
        if (recipientDpfCertified) {
            return new Finding(true, "the " + authority + " adequacy decision for " + destination + " ("
                    + decision.citation() + ") covers DPF-certified organisations, and the importer is certified");
        }
        return new Finding(false, "the " + authority + " adequacy decision for " + destination + " ("
                + decision.citation() + ") covers only DPF-certified organisations, and "
                + (onward ? "the onward recipient's certification is not known" : "the importer is not certified"));
    }
}
