package org.cbdf.policy.rules;

import java.util.List;

import dev.cel.bundle.Cel;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.navigation.TraversalOrder;
import dev.cel.validator.CelAstValidator;

/**
 * Refuses a condition whose comprehensions nest deeper than {@link ConditionLimits#maxComprehensionNesting()}, or
 * whose worst case takes more than {@link ConditionLimits#maxIterations()} iterations. cel-java 0.11 has neither a
 * cost estimator nor the {@code ComprehensionNestingLimitValidator} of later versions (nesting is counted as that
 * one counts it: a comprehension over an empty literal does not count), so this is an AST validator run by CEL's
 * own {@code CelValidator}, which places its errors in the expression like the compiler's.
 *
 * <p>The estimate: a comprehension iterates over its range once each time it is evaluated, and it is evaluated once
 * for every iteration of each comprehension whose loop (condition or step) contains it; a range is as long as its
 * literal, or {@link ConditionLimits#listSize()} if it is not one. Short-circuiting only ends loops sooner.
 */
final class ComprehensionCost implements CelAstValidator {

    private final ConditionLimits limits;

    ComprehensionCost(ConditionLimits limits) {
        this.limits = limits;
    }

    @Override
    public void validate(CelNavigableAst ast, Cel cel, IssuesFactory issues) {
        List<CelNavigableExpr> comprehensions = ast.getRoot().allNodes(TraversalOrder.PRE_ORDER)
                .filter(node -> node.getKind() == ExprKind.Kind.COMPREHENSION).toList();
        if (comprehensions.isEmpty()) {
            return;
        }
        CelNavigableExpr deepest = comprehensions.getFirst();
        for (CelNavigableExpr comprehension : comprehensions) {
            if (nesting(comprehension) > nesting(deepest)) {
                deepest = comprehension;
            }
        }
        if (nesting(deepest) > limits.maxComprehensionNesting()) {
            issues.addError(deepest.id(), "comprehensions are nested " + nesting(deepest) + " deep, at most "
                    + limits.maxComprehensionNesting() + " are allowed");
            return;
        }
        long iterations = 0;
        for (CelNavigableExpr comprehension : comprehensions) {
            iterations = saturatedAdd(iterations, saturatedMultiply(timesEvaluated(comprehension),
                    rangeSize(comprehension.expr())));
        }
        if (iterations > limits.maxIterations()) {
            issues.addError(comprehensions.getFirst().id(), "may take up to "
                    + (iterations == Long.MAX_VALUE ? "more than " + RequestModel.format(Long.MAX_VALUE)
                            : RequestModel.format(iterations))
                    + " comprehension iterations per evaluation, at most "
                    + RequestModel.format(limits.maxIterations()) + " are allowed");
        }
    }

    private static int nesting(CelNavigableExpr node) {
        int nesting = 0;
        for (CelNavigableExpr at = node; at != null; at = at.parent().orElse(null)) {
            if (at.getKind() == ExprKind.Kind.COMPREHENSION && rangeLiteralSize(at.expr()) != 0) {
                nesting++;
            }
        }
        return nesting;
    }

    private long timesEvaluated(CelNavigableExpr node) {
        long times = 1;
        CelNavigableExpr child = node;
        for (CelNavigableExpr parent = node.parent().orElse(null); parent != null;
                child = parent, parent = parent.parent().orElse(null)) {
            if (parent.getKind() == ExprKind.Kind.COMPREHENSION) {
                CelExpr.CelComprehension loop = parent.expr().comprehension();
                if (child.id() == loop.loopStep().id() || child.id() == loop.loopCondition().id()) {
                    times = saturatedMultiply(times, rangeSize(parent.expr()));
                }
            }
        }
        return times;
    }

    private long rangeSize(CelExpr comprehension) {
        int literal = rangeLiteralSize(comprehension);
        return literal >= 0 ? literal : limits.listSize();
    }

    /** The length of a comprehension's range if it is a list or map literal, else -1. */
    private static int rangeLiteralSize(CelExpr comprehension) {
        CelExpr range = comprehension.comprehension().iterRange();
        return switch (range.getKind()) {
            case LIST -> range.list().elements().size();
            case MAP -> range.map().entries().size();
            default -> -1;
        };
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
