package org.cbdf.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.cbdf.policy.rules.ConditionLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConditionLimitsPropertiesTests {

    static ConditionLimits bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cbdf.policy.conditions", ConditionLimitsProperties.class).limits();
    }

    @Test
    void withoutConfigurationTheLimitsAreTheEnginesDefaults() {
        assertThat(bound(Map.of())).isEqualTo(ConditionLimits.DEFAULTS);
    }

    @Test
    void eachLimitIsConfigurable() {
        assertThat(bound(Map.of("cbdf.policy.conditions.max-length", "100",
                "cbdf.policy.conditions.max-parse-depth", "10", "cbdf.policy.conditions.max-comprehension-nesting", "1",
                "cbdf.policy.conditions.max-iterations", "50", "cbdf.policy.conditions.list-size", "8")))
                .isEqualTo(new ConditionLimits(100, 10, 1, 50, 8));
    }
}
