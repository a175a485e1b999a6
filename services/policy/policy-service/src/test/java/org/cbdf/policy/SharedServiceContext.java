package org.cbdf.policy;

import java.time.Clock;

import org.cbdf.platform.testing.MutableClock;
import org.cbdf.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the policy service's integration test classes share: the real database and broker, a
 * clock the tests move, and the review scheduler switched off so that tests run due steps themselves
 * ({@code ReviewProcedure.runDueSteps()}). One context means one consumer in the group and one clock for everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "cbdf.policy.reviews.poll=false")
@Import(SharedServiceContext.TestClock.class)
public abstract class SharedServiceContext {

    /** Shared by every test of the context; tests only move it forward and reason relative to its reading. */
    public static final MutableClock CLOCK = MutableClock.startingNow();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "policy");
    }

    /** Imported, not annotated: the component scan must not pick a test configuration up. */
    static class TestClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }
}
