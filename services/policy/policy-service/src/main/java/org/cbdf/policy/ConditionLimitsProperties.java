package org.cbdf.policy;

import org.cbdf.policy.rules.ConditionLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cbdf.policy.conditions}: how much work one rule condition may do ({@link ConditionLimits}, where each limit
 * is explained). The defaults are {@link ConditionLimits#DEFAULTS}: they leave every shipped condition a wide
 * margin (the costliest is one {@code all} over the request's data categories, 16 iterations by the estimate).
 */
@ConfigurationProperties("cbdf.policy.conditions")
record ConditionLimitsProperties(
        @DefaultValue("4096") int maxLength,
        @DefaultValue("64") int maxParseDepth,
        @DefaultValue("3") int maxComprehensionNesting,
        @DefaultValue("10000") int maxIterations,
        @DefaultValue("16") int listSize) {

    ConditionLimits limits() {
        return new ConditionLimits(maxLength, maxParseDepth, maxComprehensionNesting, maxIterations, listSize);
    }
}
