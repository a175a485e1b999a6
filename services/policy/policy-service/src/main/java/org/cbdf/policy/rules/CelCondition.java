package org.cbdf.policy.rules;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;

/**
 * A rule's {@code when:} condition: a CEL expression over the {@link RequestModel}, parsed and type-checked once
 * when the pack is loaded (it must yield a bool), evaluated for every leg.
 */
final class CelCondition {

    private static final CelCompiler COMPILER;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    static {
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        RequestModel.DECLARATIONS.forEach(builder::addVar);
        COMPILER = builder.build();
    }

    private final String expression;
    private final CelRuntime.Program program;

    private CelCondition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /**
     * @throws RuleProblemException naming the rule and the line and column inside the expression of the first error
     */
    static CelCondition compile(String file, String ruleId, int line, String expression) {
        try {
            var ast = COMPILER.compile(expression).getAst();
            return new CelCondition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().getFirst();
            int exprLine = Math.max(1, first.getSourceLocation().getLine());
            int column = first.getSourceLocation().getColumn() + 1;
            throw new RuleProblemException(file, ruleId, line < 0 ? -1 : line + exprLine - 1, exprLine, column,
                    first.getMessage());
        } catch (CelEvaluationException e) {
            throw new RuleProblemException(file, ruleId, line, 1, 1, "cannot plan the expression: " + e.getMessage());
        }
    }

    /**
     * Evaluates the condition over one leg's variables. A resolver, not a map: {@code Program.eval(Map)} copies the
     * map into an immutable one on every call, which for every rule of every leg was most of an assessment's time.
     */
    boolean holds(CelVariableResolver variables) {
        try {
            return (Boolean) program.eval(variables);
        } catch (CelEvaluationException e) {
            // type-checked at load, so this is a defect in the model's values, never in the request
            throw new IllegalStateException("rule condition '" + expression + "' failed: " + e.getMessage(), e);
        }
    }

    String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CelCondition other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
