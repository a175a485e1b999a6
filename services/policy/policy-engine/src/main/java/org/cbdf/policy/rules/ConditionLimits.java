package org.cbdf.policy.rules;

/**
 * How much work one rule's {@code when:} condition may do, so that no pack can stall the assessments of the
 * jurisdictions it governs. A condition is checked against these limits when its pack is published or shipped; a
 * condition over them is refused, naming its rule. At run time one evaluation of a condition stops after
 * {@code maxIterations} comprehension iterations, whatever the estimate said: that holds for versions stored before
 * the limits existed (or under looser ones), which are loaded as they were stored.
 *
 * @param maxLength               code points of one expression (CEL's {@code maxExpressionCodePointSize})
 * @param maxParseDepth           how deeply the parser may recurse into brackets, calls and operators (CEL's
 *                                {@code maxParseRecursionDepth})
 * @param maxComprehensionNesting comprehensions ({@code all}, {@code exists}, {@code exists_one}, {@code map},
 *                                {@code filter}) inside one another; one over an empty literal does not count
 * @param maxIterations           comprehension iterations of one evaluation: the ceiling of the estimate at
 *                                publication, and CEL's {@code comprehensionMaxIterations} at run time
 * @param listSize                the length the estimate assumes for a list that is not a literal; no list of the
 *                                request model is longer than the 8 safeguards, the largest of its enums
 */
public record ConditionLimits(int maxLength, int maxParseDepth, int maxComprehensionNesting, int maxIterations,
        int listSize) {

    public static final ConditionLimits DEFAULTS = new ConditionLimits(4096, 64, 3, 10_000, 16);

    public ConditionLimits {
        if (maxLength < 1 || maxParseDepth < 1 || maxComprehensionNesting < 0 || maxIterations < 1 || listSize < 1) {
            throw new IllegalArgumentException("condition limits must be positive (nesting at least 0), were "
                    + describe(maxLength, maxParseDepth, maxComprehensionNesting, maxIterations, listSize));
        }
    }

    @Override
    public String toString() {
        return describe(maxLength, maxParseDepth, maxComprehensionNesting, maxIterations, listSize);
    }

    private static String describe(int maxLength, int maxParseDepth, int maxComprehensionNesting, int maxIterations,
            int listSize) {
        return "max-length " + maxLength + ", max-parse-depth " + maxParseDepth + ", max-comprehension-nesting "
                + maxComprehensionNesting + ", max-iterations " + maxIterations + ", list-size " + listSize;
    }
}
