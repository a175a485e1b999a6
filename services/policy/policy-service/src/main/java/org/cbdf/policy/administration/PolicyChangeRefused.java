package org.cbdf.policy.administration;

import java.util.List;

import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.rules.PolicyDataException;
import org.cbdf.policy.rules.RuleProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A policy change that does not compile, validate or apply: nothing is stored or published. */
class PolicyChangeRefused extends ErrorResponseException {

    private PolicyChangeRefused(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    static PolicyChangeRefused invalid(PolicyDataException e) {
        if (e instanceof RuleProblemException rule) {
            ProblemDetail problem = ApiProblems.invalid(List.of(new FieldError("rules[" + rule.ruleId() + "].when",
                    "line " + rule.line() + ", expression line " + rule.expressionLine() + " column " + rule.column()
                            + ": " + rule.reason())));
            problem.setTitle("Rule does not compile");
            problem.setProperty("rule", rule.ruleId());
            problem.setProperty("line", rule.line());
            problem.setProperty("expressionLine", rule.expressionLine());
            problem.setProperty("column", rule.column());
            return new PolicyChangeRefused(HttpStatus.BAD_REQUEST, problem);
        }
        ProblemDetail problem = ApiProblems.invalid(List.of(new FieldError("$", e.getMessage())));
        problem.setTitle("Policy change refused");
        return new PolicyChangeRefused(HttpStatus.BAD_REQUEST, problem);
    }

    static PolicyChangeRefused notFound(String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No " + what + ".");
        problem.setTitle("Not found");
        return new PolicyChangeRefused(HttpStatus.NOT_FOUND, problem);
    }

    static PolicyChangeRefused conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Nothing to change");
        return new PolicyChangeRefused(HttpStatus.CONFLICT, problem);
    }

    static PolicyChangeRefused field(String field, String reason) {
        return fields(List.of(new FieldError(field, reason)));
    }

    static PolicyChangeRefused fields(List<FieldError> errors) {
        return new PolicyChangeRefused(HttpStatus.BAD_REQUEST, ApiProblems.invalid(errors));
    }
}
