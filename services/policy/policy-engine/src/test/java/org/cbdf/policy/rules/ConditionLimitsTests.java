package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.cbdf.policy.events.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded work per rule condition: a pack whose conditions could take too long is refused at publication naming the
 * rule, one within the limits is published, and a condition that was stored before (or under looser limits) is
 * stopped by its iteration budget instead of hanging the assessments of its origin.
 */
class ConditionLimitsTests {

    static final AssessmentEngine SHIPPED = AssessmentEngine.fromClasspath();
    static final String PACK = "policy/packs/in.yaml";
    static final String RULE = "in.dpdp.notified-country";
    static final String SHIPPED_WHEN = "when: \"leg.destination in []\"";

    /** {@code depth} {@code all()} loops inside one another, each over a list literal of {@code elements}, all true. */
    static String nestedAll(int depth, int elements) {
        String list = IntStream.range(0, elements).mapToObj(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        String condition = "true";
        for (int level = depth; level > 0; level--) {
            condition = list + ".all(x" + level + ", " + condition + ")";
        }
        return condition;
    }

    /** The shipped Indian pack with its first rule's condition replaced: true for no destination, and costly. */
    static String packWhen(String condition) {
        String shipped = SHIPPED.files().get(PACK);
        assertThat(shipped).contains(SHIPPED_WHEN);
        return shipped.replace(SHIPPED_WHEN, "when: \"!(" + condition + ")\"");
    }

    static AssessmentEngine shippedWithin(ConditionLimits limits) {
        return AssessmentEngine.fromClasspath(limits);
    }

    @Test
    void nineNestedAllLoopsOverTenElementsAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> SHIPPED.withRulePack("IN", packWhen(nestedAll(9, 10))))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo(RULE);
                    assertThat(problem.reason()).isEqualTo("comprehensions are nested 9 deep, at most 3 are allowed");
                    assertThat(problem.expressionLine()).isEqualTo(1);
                    assertThat(problem.line()).isPositive();
                });
    }

    @Test
    void aPackAtTheLimitsIsPublishedAndOneIterationOrLevelMoreIsRefused() {
        // two levels over ten elements: 10 iterations outside, 10 × 10 inside
        ConditionLimits exactly = new ConditionLimits(4096, 64, 2, 110, 16);
        AssessmentEngine published = shippedWithin(exactly).withRulePack("IN", packWhen(nestedAll(2, 10)));
        assertThat(published.policyVersion()).isNotEqualTo(SHIPPED.policyVersion());
        assertThat(published.assess(aTransfer().from("IN").to("DE").build()).outcome()).isEqualTo(Outcome.PERMITTED);

        assertThatThrownBy(() -> shippedWithin(new ConditionLimits(4096, 64, 2, 109, 16))
                .withRulePack("IN", packWhen(nestedAll(2, 10))))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo(RULE);
                    assertThat(problem.reason()).isEqualTo(
                            "may take up to 110 comprehension iterations per evaluation, at most 109 are allowed");
                });
        assertThatThrownBy(() -> shippedWithin(exactly).withRulePack("IN", packWhen(nestedAll(3, 1))))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> assertThat(problem.reason())
                        .isEqualTo("comprehensions are nested 3 deep, at most 2 are allowed"));
    }

    @Test
    void theDefaultsAllowThreeLevelsOverTenElementsButNotOverThirty() {
        assertThat(SHIPPED.withRulePack("IN", packWhen(nestedAll(3, 10))).rulePacks()).isNotEmpty();

        assertThatThrownBy(() -> SHIPPED.withRulePack("IN", packWhen(nestedAll(3, 30))))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo(RULE);
                    assertThat(problem.reason()).isEqualTo(
                            "may take up to 27,930 comprehension iterations per evaluation, at most 10,000 are allowed");
                });
    }

    @Test
    void aListThatIsNotALiteralCountsAsLongAsTheLimitsAssume() {
        String overCategories = "request.dataCategories.all(a, request.dataCategories.all(b, "
                + "request.dataCategories.all(c, true)))";
        // 16 + 16² + 16³ = 4,368 with the default list size; 40 + 40² + 40³ = 65,640 if lists are taken as 40 long
        assertThat(SHIPPED.withRulePack("IN", packWhen(overCategories)).rulePacks()).isNotEmpty();
        assertThatThrownBy(() -> shippedWithin(new ConditionLimits(4096, 64, 3, 10_000, 40))
                .withRulePack("IN", packWhen(overCategories)))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> assertThat(problem.reason())
                        .startsWith("may take up to 65,640 comprehension iterations"));
    }

    @Test
    void anExpressionTooLongOrTooDeeplyNestedIsRefusedByTheParsersLimits() {
        ConditionLimits tight = new ConditionLimits(200, 20, 3, 10_000, 16);
        String longOne = "leg.destination in [" + IntStream.range(0, 40).mapToObj(i -> "'X" + i + "'")
                .collect(Collectors.joining(", ")) + "]";
        assertThat(longOne).hasSizeGreaterThan(200);
        assertThatThrownBy(() -> shippedWithin(tight).withRulePack("IN", packWhen(longOne)))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo(RULE);
                    assertThat(problem.reason()).contains("expression code point size exceeds limit");
                });
        String deep = "(".repeat(30) + "true" + ")".repeat(30);
        assertThatThrownBy(() -> shippedWithin(tight).withRulePack("IN", packWhen(deep)))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo(RULE);
                    assertThat(problem.reason()).containsIgnoringCase("recursion");
                });
        assertThat(AssessmentEngine.fromClasspath().withRulePack("IN", packWhen(deep)).rulePacks()).isNotEmpty();
    }

    /** A version stored with a costly condition (before the limits, or under looser ones), loaded as stored. */
    static AssessmentEngine storedWith(String condition) {
        Map<String, String> files = new HashMap<>(SHIPPED.files());
        files.put(PACK, packWhen(condition));
        return AssessmentEngine.fromFiles(files);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theIterationBudgetStopsACostlyConditionThatWasStoredAndTheAssessmentFailsNamingTheRule() {
        // a billion iterations for every leg: without the budget this assessment takes hours
        AssessmentEngine stored = storedWith(nestedAll(9, 10));

        assertThatThrownBy(() -> stored.assess(aTransfer().from("IN").to("DE").build()))
                .isInstanceOfSatisfying(RuleEvaluationException.class, failure -> {
                    assertThat(failure.ruleId()).isEqualTo(RULE);
                    assertThat(failure.getMessage()).isEqualTo("rule " + RULE + " could not be evaluated: it took "
                            + "more than the 10,000 comprehension iterations one evaluation may take");
                });
        // the version stays loadable and changeable: an administrator can publish a pack that replaces the rule
        assertThat(stored.withAdequacyStatus("eu-jp", DecisionStatus.REVOKED, "test").policyVersion())
                .isNotEqualTo(stored.policyVersion());
    }
}
