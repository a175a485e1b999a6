package org.cbdf.audit;

import org.cbdf.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the audit integration test classes share: the real database ({@code audit}) and
 * broker, the service as configured. One context means one ledger consumer in the group {@code audit-service}, so
 * that a test's events are appended by the context it asks. A test class that needs other settings (a signing key
 * of its own, a small replay cap, no consumer) starts its own context, on a database of its own where the ledger's
 * contents would otherwise mix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SharedServiceContext {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "audit");
    }
}
