package org.cbdf.audit;

import java.net.URI;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.cbdf.platform.testing.TestInfrastructure;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.hostile.HostileRunner;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every operation of the audit API, as its own description lists it, under hostile input ({@link HostileRunner}):
 * never a server error, every refusal a problem document, nothing stored by a refused request, 413 for a 2 MB body.
 * <p>
 * A quiet service of its own: its own database, the ledger's consumer not started, checkpoints only on demand and
 * published to a topic of their own, no rate limit, so that every row counted before and after a request is the
 * request's doing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.ledger-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.audit-checkpoints.destination=hostile-input.audit.checkpoints",
        "cbdf.audit.checkpoints.interval=0s",
        "cbdf.web.rate-limit.enabled=false" })
@DirtiesContext
class AuditHostileInputIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "audit_hostile_input");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesHostileInputWithAProblemAndStoresNothing() throws Exception {
        return HostileRunner.tests(URI.create("http://127.0.0.1:" + port), database, endpoint -> TestTokens.auditor(),
                "GET /api/v1/audit/events", "GET /api/v1/audit/proofs/consistency", "POST /api/v1/audit/checkpoints",
                "GET /api/v1/audit/transfers/{id}/state");
    }
}
