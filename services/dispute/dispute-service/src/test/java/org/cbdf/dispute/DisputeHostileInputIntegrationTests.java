package org.cbdf.dispute;

import java.net.URI;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.cbdf.platform.testing.TestInfrastructure;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.hostile.Endpoint;
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
 * Every operation of the dispute API, as its own description lists it, under hostile input ({@link HostileRunner}):
 * never a server error, every refusal a problem document, nothing stored by a refused request, 413 for a 2 MB body.
 * <p>
 * A quiet service of its own (not {@link SharedServiceContext}): its own database, its consumers not started, its
 * events to a topic of their own, no deadline poller and no rate limit, so that every row counted before and after a
 * request is the request's doing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.transferEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.policyEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.caseTriggers-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.dispute-events.destination=hostile-input.dispute.events",
        "cbdf.dispute.procedure.poll-deadlines=false",
        "cbdf.web.rate-limit.enabled=false" })
@DirtiesContext
class DisputeHostileInputIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "dispute_hostile_input");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesHostileInputWithAProblemAndStoresNothing() throws Exception {
        return HostileRunner.tests(URI.create("http://127.0.0.1:" + port), database,
                DisputeHostileInputIntegrationTests::callerOf, "POST /api/v1/disputes", "GET /api/v1/disputes",
                "POST /api/v1/disputes/{id}/statements", "POST /api/v1/disputes/{id}/votes",
                "GET /api/v1/disputes/transfers/{transferId}/parties");
    }

    /** A caller whose role may call the operation: the procedure's steps are regulators', reading is auditors'. */
    static String callerOf(Endpoint endpoint) {
        return endpoint.method().equals("GET") ? TestTokens.auditor() : TestTokens.regulator("DE");
    }
}
