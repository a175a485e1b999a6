package org.cbdf.policy.rules;

/**
 * A rule does not compile or validate: names the file, the rule, the line in the file (-1 if unknown) and the
 * line and column inside the rule's {@code when:} expression.
 */
public class RuleProblemException extends PolicyDataException {

    private final String file;
    private final String ruleId;
    private final int line;
    private final int expressionLine;
    private final int column;
    private final String reason;

    public RuleProblemException(String file, String ruleId, int line, int expressionLine, int column, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": rule " + ruleId + ", expression line " + expressionLine
                + " column " + column + ": " + reason);
        this.file = file;
        this.ruleId = ruleId;
        this.line = line;
        this.expressionLine = expressionLine;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String ruleId() {
        return ruleId;
    }

    /** Line of the file where the rule's expression starts, or -1. */
    public int line() {
        return line;
    }

    public int expressionLine() {
        return expressionLine;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
