package org.cbdf.policy.rules;

import java.time.Period;
import java.util.List;
import java.util.Set;

import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Outcome;

/**
 * One rule of a pack: when all its conditions hold for a leg, it applies with its outcome, the mechanisms it
 * accepts, the approval it requires and the obligations it imposes. A matched rule that {@code exempts} a
 * scope makes the later rules of that scope not applicable.
 */
record Rule(String id, String citation, List<Condition> when, Outcome outcome, List<String> acceptedMechanisms,
        RequiredApproval requiredApproval, List<Obligation> obligations, Period validity, Set<String> scopes,
        Set<String> exempts, String explanation) {

    Rule {
        when = List.copyOf(when);
        acceptedMechanisms = List.copyOf(acceptedMechanisms);
        obligations = List.copyOf(obligations);
        scopes = Set.copyOf(scopes);
        exempts = Set.copyOf(exempts);
        if (when.isEmpty()) {
            throw new PolicyDataException("rule " + id + " has no conditions");
        }
        if (!exempts.isEmpty() && outcome != Outcome.PERMITTED) {
            throw new PolicyDataException("rule " + id + " exempts " + exempts + " but is not PERMITTED");
        }
    }

    boolean holds(Leg leg) {
        return when.stream().allMatch(condition -> condition.holds(leg));
    }

    String describe(Leg leg) {
        return String.join("; ", when.stream().map(condition -> condition.describe(leg)).toList());
    }

    String explain(Leg leg) {
        var request = leg.request();
        return explanation
                .replace("{origin}", leg.origin())
                .replace("{destination}", leg.destination())
                .replace("{mechanism}", String.valueOf(request.mechanism()))
                .replace("{exemption}", String.valueOf(request.exemption()))
                .replace("{count}", Condition.format(request.dataSubjects().count()))
                .replace("{sensitiveCount}", Condition.format(request.dataSubjects().sensitiveCount()));
    }
}
