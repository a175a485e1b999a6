package org.cbdf.transfer;

import java.time.Instant;

import org.cbdf.platform.testing.MutableClock;
import org.cbdf.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the integration test classes share: the real database ({@code transfer}) and broker,
 * a clock the tests move, and the expiry poller switched off ({@code cbdf.transfer.poll-expiry=false}) so that tests
 * expire transfers themselves ({@code TransferExpiry.expireDue()}). One context means one consumer per group and one
 * clock for every transfer the tests submit. The tests that need a database and a topic of their own (hostile input,
 * the streams' caps) start their own context, as the dispute service's hostile-input test does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cbdf.transfer.poll-expiry=false")
@Import(SharedServiceContext.TestClock.class)
public abstract class SharedServiceContext {

    /** When the shared clock starts; tests that move it put it back, so a decision's time is the submission's. */
    public static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    /** Shared by every test of the context. */
    public static final MutableClock CLOCK = new MutableClock(START);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "transfer");
    }

    /** Imported, not annotated: the component scan of the contexts started by other tests must not pick it up. */
    static class TestClock {
        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }
}
