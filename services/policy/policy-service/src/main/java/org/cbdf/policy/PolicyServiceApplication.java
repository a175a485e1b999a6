package org.cbdf.policy;

import org.cbdf.policy.rules.AssessmentEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Jurisdictions, adequacy decisions and rule packs; assesses every submitted transfer (DESIGN §2). */
@SpringBootApplication
public class PolicyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }

    /** Loaded once at start-up: malformed policy data stops the service instead of assessing wrongly. */
    @Bean
    AssessmentEngine assessmentEngine() {
        return AssessmentEngine.fromClasspath();
    }
}
