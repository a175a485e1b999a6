package org.cbdf.policy.rules;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adequacy decisions as data: which authority (a jurisdiction or a bloc, e.g. the EU for the whole EEA) found
 * which destinations (codes or blocs, which expand to their members) adequate, for which importers, since when,
 * until when, and whether the decision is still in force.
 */
public record AdequacyDecisions(List<Decision> decisions) {

    /** Scope conditions a decision can carry: which importers at the destination it covers. */
    public static final Set<String> SCOPES = Set.of("DPF_CERTIFIED", "UK_EXTENSION", "COMMERCIAL_ORGANISATIONS");

    /**
     * @param scope      null if the decision covers every importer at the destination, else one of {@link #SCOPES}
     * @param validUntil null if open-ended
     * @param review     the adequacy review that adopted or last changed the decision (its id), null for decisions
     *                   recorded without one (the shipped list)
     * @param conditions the conditions the review attached to the decision, in the trace of every assessment
     * @param reviewDate when the decision is due for its periodic review (GDPR Art. 45(3)); null if not set
     */
    public record Decision(String id, String authority, List<String> destinations, String scope, String citation,
            DecisionStatus status, LocalDate adopted, LocalDate validUntil, String note, String review,
            List<String> conditions, LocalDate reviewDate) {

        public Decision {
            destinations = List.copyOf(destinations);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            if (destinations.isEmpty()) {
                throw new PolicyDataException("adequacy decision " + id + " names no destination");
            }
        }

        /** A decision recorded without a review (as shipped). */
        public Decision(String id, String authority, List<String> destinations, String scope, String citation,
                DecisionStatus status, LocalDate adopted, LocalDate validUntil, String note) {
            this(id, authority, destinations, scope, citation, status, adopted, validUntil, note, null, List.of(), null);
        }

        Decision withStatus(DecisionStatus newStatus, String reason) {
            return new Decision(id, authority, destinations, scope, citation, newStatus, adopted, validUntil, reason,
                    review, conditions, reviewDate);
        }

        /** How the trace names the decision's legal basis: its citation and, if any, the review behind it. */
        String basis() {
            return review == null ? citation : citation + "; adequacy review " + review;
        }

        /** The review's conditions as the trace states them, or "" if there are none. */
        String conditionsText() {
            return conditions.isEmpty() ? "" : ", subject to the conditions: " + String.join("; ", conditions);
        }
    }

    /** @param decisionId the decision relied on (or examined and found not to cover), "" if none */
    record Finding(boolean adequate, String decisionId, String explanation) {
    }

    public AdequacyDecisions {
        decisions = List.copyOf(decisions);
        Set<String> ids = new HashSet<>();
        for (Decision decision : decisions) {
            if (!ids.add(decision.id())) {
                throw new PolicyDataException("adequacy decision id " + decision.id() + " is used twice");
            }
            if (decision.scope() != null && !SCOPES.contains(decision.scope())) {
                throw new PolicyDataException("adequacy decision " + decision.id() + " has an unknown scope "
                        + decision.scope() + " (known: " + SCOPES + ")");
            }
        }
    }

    public Optional<Decision> byId(String id) {
        return decisions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    Optional<Decision> decision(Jurisdictions jurisdictions, String authority, String destination) {
        for (Decision d : decisions) {
            if (d.authority().equals(authority) && covers(d.destinations(), jurisdictions, destination)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code destination} is one of {@code destinations}, or in one of the blocs among them. */
    static boolean covers(List<String> destinations, Jurisdictions jurisdictions, String destination) {
        for (String to : destinations) {
            if (to.equals(destination) || jurisdictions.isBloc(to) && jurisdictions.isIn(destination, to)) {
                return true;
            }
        }
        return false;
    }

    Finding find(Jurisdictions jurisdictions, String authority, String destination, boolean recipientDpfCertified,
            boolean onward, LocalDate on) {
        if (authority == null) {
            return new Finding(false, "", "the rule pack names no adequacy authority");
        }
        Optional<Decision> found = decision(jurisdictions, authority, destination);
        if (found.isEmpty()) {
            return new Finding(false, "", destination + " has no " + authority + " adequacy decision");
        }
        Decision d = found.get();
        String named = "the " + authority + " adequacy decision " + d.id() + " for " + destination + " (" + d.basis() + ")";
        if (!d.status().inForce()) {
            return new Finding(false, d.id(), named + " is " + d.status()
                    + (d.note() == null || d.note().isBlank() ? "" : " (" + d.note() + ")") + ": no transfer may rely on it");
        }
        if (on != null && d.adopted() != null && on.isBefore(d.adopted())) {
            return new Finding(false, d.id(), named + " applies only from " + d.adopted());
        }
        if (on != null && d.validUntil() != null && on.isAfter(d.validUntil())) {
            return new Finding(false, d.id(), named + " expired on " + d.validUntil());
        }
        String challenged = d.status() == DecisionStatus.UNDER_CHALLENGE
                ? "; it is under challenge" + (d.note() == null ? "" : " (" + d.note() + ")") + " but in force" : "";
        String until = (d.validUntil() == null ? "" : ", valid until " + d.validUntil()) + d.conditionsText();
        if (d.scope() == null) {
            return new Finding(true, d.id(), destination + " has " + named + until + challenged);
        }
        return switch (d.scope()) {
            case "COMMERCIAL_ORGANISATIONS" -> new Finding(true, d.id(), named + " covers commercial organisations only: "
                    + "the importer must be one (not a public body)" + until + challenged);
            default -> recipientDpfCertified
                    ? new Finding(true, d.id(), named + " covers organisations certified under the Data Privacy Framework"
                            + ("UK_EXTENSION".equals(d.scope()) ? " (UK Extension; the importer must participate in it)" : "")
                            + ", and the importer is certified" + until + challenged)
                    : new Finding(false, d.id(), named + " covers only organisations certified under the Data Privacy "
                            + "Framework, and " + (onward ? "the onward recipient's certification is not known"
                                    : "the importer is not certified"));
        };
    }

    /**
     * These decisions with {@code decision} in place of the one with its id, or added after the others if it is new
     * (a decision found first for an authority and destination is the one the engine uses, so a new one never shadows
     * an existing one).
     */
    AdequacyDecisions with(Decision decision) {
        List<Decision> changed = new java.util.ArrayList<>(decisions.size() + 1);
        boolean replaced = false;
        for (Decision d : decisions) {
            if (d.id().equals(decision.id())) {
                changed.add(decision);
                replaced = true;
            } else {
                changed.add(d);
            }
        }
        if (!replaced) {
            changed.add(decision);
        }
        return new AdequacyDecisions(changed);
    }

    AdequacyDecisions withStatus(String id, DecisionStatus status, String reason) {
        if (byId(id).isEmpty()) {
            throw new PolicyDataException("no adequacy decision " + id);
        }
        return new AdequacyDecisions(decisions.stream()
                .map(d -> d.id().equals(id) ? d.withStatus(status, reason) : d).toList());
    }
}
