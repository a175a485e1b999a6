package org.cbdf.policy.rules;

/**
 * A rule's condition could not be evaluated for a leg: it ran out of its iteration budget
 * ({@link ConditionLimits#maxIterations()}), or met a value its type-check did not foresee. The assessment fails
 * with it, naming the rule: a condition that cannot be evaluated is never taken for one that does not hold.
 */
public class RuleEvaluationException extends RuntimeException {

    private final String ruleId;

    RuleEvaluationException(String ruleId, String reason, Throwable cause) {
        super("rule " + ruleId + " could not be evaluated: " + reason, cause);
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}
