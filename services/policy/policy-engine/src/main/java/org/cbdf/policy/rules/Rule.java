package org.cbdf.policy.rules;

import java.time.Period;
import java.util.List;
import java.util.Set;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
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
        // declared order, not Set.copyOf's per-JVM order: the trace names the first exempted scope's rule, and the
        // same request must get the same trace wherever it is re-run
        scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
        exempts = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(exempts));
        if (!exempts.isEmpty() && outcome != Outcome.PERMITTED) {
            throw new PolicyDataException("rule " + id + " exempts " + exempts + " but is not PERMITTED");
        }
    }

    boolean holds(CelVariableResolver variables) {
        try {
            return when.holds(variables);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(id, when.reason(e), e);
        }
    }

    /** Appends the trace text of this rule for a leg: its explanation if it matched, else why it does not apply. */
    void explain(RequestModel.Values values, boolean matched, StringBuilder out) {
        if (matched) {
            explanation.fill(values, out);
        } else if (otherwise == null) {
            out.append("does not apply (").append(when.expression()).append(" is false)");
        } else {
            otherwise.fill(values, out);
            out.append(" — does not apply");
        }
    }
}
