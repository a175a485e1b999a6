package org.cbdf.portal.policy;

import java.util.List;
import java.util.Map;

import org.cbdf.portal.apis.ApiProblem;

/**
 * The policy API's refusal of a rule pack, where it says what is wrong: the rule, the line of the file (the
 * line of the condition's error), and the line and column inside that rule's {@code when:} expression
 * (PolicyChangeRefused: {@code rule, line, expressionLine, column}, and {@code errors[{field: "rules[<id>].when",
 * reason}]}); a pack that does not load at all names only the field {@code $} and the reason.
 */
public record RulePackProblem(ApiProblem problem, String rule, Integer line, Integer expressionLine, Integer column,
        List<Map.Entry<String, String>> errors) {

    static RulePackProblem of(ApiProblem problem) {
        return new RulePackProblem(problem, problem.member("rule"), number(problem.member("line")),
                number(problem.member("expressionLine")), number(problem.member("column")),
                List.copyOf(problem.fieldErrors().entrySet()));
    }

    /** Whether the API named a line of the file (it says -1 when it could not tell). */
    public boolean atLine() {
        return line != null && line > 0;
    }

    public boolean isLine(int number) {
        return atLine() && line == number;
    }

    private static Integer number(String value) {
        return value != null && value.matches("-?\\d{1,9}") ? Integer.valueOf(value) : null;
    }
}
