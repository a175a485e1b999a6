package org.cbdf.policy.administration;

import java.util.List;
import java.util.Map;

import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.Refusal;
import org.cbdf.policy.rules.PolicyDataException;
import org.cbdf.policy.rules.RuleProblemException;

/** A policy change that does not compile, validate or apply: nothing is stored or published. */
public class PolicyChangeRefused extends Refusal {

    private PolicyChangeRefused(Kind kind, String field, String title, String message, Map<String, ?> members) {
        super(kind, field, title, message, members);
    }

    private PolicyChangeRefused(List<FieldError> errors) {
        super(Kind.INVALID, null, Refusal.detail(errors), errors, Map.of());
    }

    static PolicyChangeRefused invalid(PolicyDataException e) {
        if (e instanceof RuleProblemException rule) {
            return new PolicyChangeRefused(Kind.INVALID, "rules[" + rule.ruleId() + "].when", "Rule does not compile",
                    "line " + rule.line() + ", expression line " + rule.expressionLine() + " column " + rule.column()
                            + ": " + rule.reason(),
                    Map.of("rule", rule.ruleId(), "line", rule.line(), "expressionLine", rule.expressionLine(),
                            "column", rule.column()));
        }
        return new PolicyChangeRefused(Kind.INVALID, "$", "Policy change refused", e.getMessage(), Map.of());
    }

    public static PolicyChangeRefused notFound(String what) {
        return new PolicyChangeRefused(Kind.NOT_FOUND, null, null, "No " + what + ".", Map.of());
    }

    public static PolicyChangeRefused conflict(String detail) {
        return new PolicyChangeRefused(Kind.CONFLICT, null, "Nothing to change", detail, Map.of());
    }

    public static PolicyChangeRefused field(String field, String reason) {
        return fields(List.of(new FieldError(field, reason)));
    }

    public static PolicyChangeRefused fields(List<FieldError> errors) {
        return new PolicyChangeRefused(errors);
    }
}
