package org.cbdf.dispute;

import java.time.Clock;

import org.cbdf.platform.testing.MutableClock;
import org.cbdf.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the integration test classes share: the real database and broker, a clock the
 * tests move, and the deadline poller switched off so that tests fire deadlines themselves
 * ({@code DisputeProcedure.fireDueDeadlines()}). One context means one consumer per group and one clock for every
 * case the tests open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cbdf.dispute.procedure.poll-deadlines=false")
@Import(SharedServiceContext.TestClock.class)
public abstract class SharedServiceContext {

    /** Shared by every test of the context; tests only move it forward and reason relative to its reading. */
    public static final MutableClock CLOCK = MutableClock.startingNow();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dispute");
    }

    /**
     * Imported, not annotated: an annotated configuration in the test sources would be picked up by the component
     * scan of the contexts {@code DeadlineRestartIntegrationTests} starts by hand.
     */
    static class TestClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }
}
