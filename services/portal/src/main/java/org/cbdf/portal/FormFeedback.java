package org.cbdf.portal;

import java.util.Map;

/**
 * What the decision forms show after a submission that did not go through: the portal's own messages per
 * field, a general message, and the transfer API's problem document (its fields shown next to theirs).
 */
public record DecisionFeedback(String decision, Map<String, String> fields, String message, ApiProblem problem) {

    public DecisionFeedback {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public boolean isFor(String decision) {
        return this.decision != null && this.decision.equals(decision);
    }

    public String field(String name) {
        String own = fields.get(name);
        return own != null || problem == null ? own : problem.fieldError(name);
    }
}
