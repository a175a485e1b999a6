package org.cbdf.policy.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;

/**
 * A rule's {@code when:} condition: a CEL expression over the {@link RequestModel}, parsed and type-checked once
 * when the pack is loaded (it must yield a bool), evaluated for every leg. Its work is bounded by
 * {@link ConditionLimits}: checked at load where the pack is being published or shipped, enforced on every
 * evaluation.
 */
final class CelCondition {

    /** Built once per set of limits: a compiler and a runtime take a while to build, and the limits rarely change. */
    private static final Map<ConditionLimits, Environment> ENVIRONMENTS = new ConcurrentHashMap<>();

    private final String expression;
    private final CelRuntime.Program program;
    private final int maxIterations;

    private CelCondition(String expression, CelRuntime.Program program, int maxIterations) {
        this.expression = expression;
        this.program = program;
        this.maxIterations = maxIterations;
    }

    /**
     * @param checked whether the expression must keep within {@code limits} to compile (a pack being published or
     *                shipped), or is compiled as stored (a version stored earlier, under the limits of its day); the
     *                iteration limit applies to its evaluations either way
     * @throws RuleProblemException naming the rule and the line and column inside the expression of the first error
     */
    static CelCondition compile(String file, String ruleId, int line, String expression, ConditionLimits limits,
            boolean checked) {
        Environment environment = ENVIRONMENTS.computeIfAbsent(limits, Environment::new);
        try {
            CelAbstractSyntaxTree ast = (checked ? environment.checking : environment.asStored).compile(expression)
                    .getAst();
            if (checked) {
                CelValidationResult validated = environment.validator.validate(ast);
                if (validated.hasError()) {
                    throw problem(file, ruleId, line, validated.getErrors().getFirst());
                }
            }
            return new CelCondition(expression, environment.runtime.createProgram(ast), limits.maxIterations());
        } catch (CelValidationException e) {
            throw problem(file, ruleId, line, e.getErrors().getFirst());
        } catch (CelEvaluationException e) {
            throw new RuleProblemException(file, ruleId, line, 1, 1, "cannot plan the expression: " + e.getMessage());
        }
    }

    private static RuleProblemException problem(String file, String ruleId, int line, CelIssue first) {
        int exprLine = Math.max(1, first.getSourceLocation().getLine());
        int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
        return new RuleProblemException(file, ruleId, line < 0 ? -1 : line + exprLine - 1, exprLine, column,
                first.getMessage());
    }

    /** The compilers, the validator and the runtime of one set of limits. */
    private static final class Environment {

        /** Refuses what is longer or deeper than the limits (CEL's parser options), then type-checks. */
        final CelCompiler checking;
        /** CEL's own parser limits, as conditions were compiled before the limits existed. */
        final CelCompiler asStored;
        final CelValidator validator;
        /** Stops an evaluation after {@code maxIterations} iterations, whatever the compile-time check said. */
        final CelRuntime runtime;

        Environment(ConditionLimits limits) {
            checking = compiler(CelOptions.current().maxExpressionCodePointSize(limits.maxLength())
                    .maxParseRecursionDepth(limits.maxParseDepth()).build());
            asStored = compiler(CelOptions.current().build());
            runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                    .setOptions(CelOptions.current().comprehensionMaxIterations(limits.maxIterations()).build())
                    .build();
            validator = CelValidatorFactory.standardCelValidatorBuilder(checking, runtime)
                    .addAstValidators(new ComprehensionCost(limits)).build();
        }

        private static CelCompiler compiler(CelOptions options) {
            var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                    .setResultType(SimpleType.BOOL).setStandardMacros(CelStandardMacro.STANDARD_MACROS);
            RequestModel.DECLARATIONS.forEach(builder::addVar);
            return builder.build();
        }
    }

    /**
     * Evaluates the condition over one leg's variables. A resolver, not a map: {@code Program.eval(Map)} copies the
     * map into an immutable one on every call, which for every rule of every leg was most of an assessment's time.
     */
    boolean holds(CelVariableResolver variables) throws CelEvaluationException {
        return (Boolean) program.eval(variables);
    }

    /** Why an evaluation failed, in the words of the limits rather than the interpreter's. */
    String reason(CelEvaluationException failure) {
        if (failure.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
            return "it took more than the " + RequestModel.format(maxIterations)
                    + " comprehension iterations one evaluation may take";
        }
        // type-checked at load, so this is a defect in the model's values, never in the request
        return "'" + expression + "' failed: " + failure.getMessage();
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
