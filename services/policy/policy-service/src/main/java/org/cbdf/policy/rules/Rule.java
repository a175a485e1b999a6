package org.cbdf.policy.rules;

import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Outcome;

/**
 * One rule of a pack: when its CEL condition holds for a leg, it applies with its outcome, the mechanisms it
 * accepts, the approval it requires and the obligations it imposes. A matched rule that {@code exempts} a
 * scope makes the later rules of that scope not applicable. {@code explanation} is the trace text when it
 * matches, {@code otherwise} when it does not; both are templates filled with the leg's values.
 */
record Rule(String id, String citation, CelCondition when, Outcome outcome, List<String> acceptedMechanisms,
        RequiredApproval requiredApproval, List<Obligation> obligations, Period validity, Set<String> scopes,
        Set<String> exempts, RequestModel.Template explanation, RequestModel.Template otherwise) {

    Rule(String id, String citation, CelCondition when, Outcome outcome, List<String> acceptedMechanisms,
            RequiredApproval requiredApproval, List<Obligation> obligations, Period validity, Set<String> scopes,
            Set<String> exempts, String explanation, String otherwise) {
        this(id, citation, when, outcome, acceptedMechanisms, requiredApproval, obligations, validity, scopes, exempts,
                RequestModel.Template.of(explanation), otherwise == null ? null : RequestModel.Template.of(otherwise));
    }

    Rule {
        acceptedMechanisms = List.copyOf(acceptedMechanisms);
        obligations = List.copyOf(obligations);
        scopes = Set.copyOf(scopes);
        exempts = Set.copyOf(exempts);
        if (!exempts.isEmpty() && outcome != Outcome.PERMITTED) {
            throw new PolicyDataException("rule " + id + " exempts " + exempts + " but is not PERMITTED");
        }
    }

    boolean holds(Map<String, Object> values) {
        return when.holds(values);
    }

    String explain(Map<String, Object> values, boolean matched) {
        if (matched) {
            return explanation.fill(values);
        }
        return otherwise == null ? "does not apply (" + when.expression() + " is false)"
                : otherwise.fill(values) + " — does not apply";
    }
}
