package org.cbdf.policy;

import org.cbdf.policy.rules.AssessmentEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Jurisdictions, adequacy decisions and rule packs; assesses every submitted transfer (docs/design.md §2). */
@SpringBootApplication
@EnableConfigurationProperties(ConditionLimitsProperties.class)
public class PolicyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }

    /**
     * Loaded once at start-up: malformed policy data, or a shipped condition over the limits, stops the service
     * instead of assessing wrongly or slowly.
     */
    @Bean
    AssessmentEngine assessmentEngine(ConditionLimitsProperties conditions) {
        return AssessmentEngine.fromClasspath(conditions.limits());
    }
}
