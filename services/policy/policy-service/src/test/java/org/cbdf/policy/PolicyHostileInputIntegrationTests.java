package org.cbdf.policy;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
 * Every operation of the policy API, as its own description lists it, under hostile input ({@link HostileRunner}):
 * never a server error, every refusal a problem document, nothing stored by a refused request, 413 for a 2 MB body.
 * <p>
 * A quiet service of its own (not {@link SharedServiceContext}): its own database, its consumer not started, its
 * events to a topic of their own, no review scheduler and no rate limit, so that every row counted before and after a
 * request is the request's doing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.transferEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.policy-events.destination=hostile-input.policy.events",
        "cbdf.policy.reviews.poll=false",
        "cbdf.web.rate-limit.enabled=false" })
@DirtiesContext
class PolicyHostileInputIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "policy_hostile_input");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesHostileInputWithAProblemAndStoresNothing() throws Exception {
        // what the shipped policy data holds: hostile changes also meet real decisions, agreements, zones and packs
        Map<String, List<String>> existing = Map.of("id", List.of("eu-ad", "eu-us-dpf", "sg-cbpr"),
                "code", List.of("CN-SH", "CN-SH-LINGANG"), "jurisdiction", List.of("CN", "EU", "SG"),
                "criterion", List.of("rule-of-law", "binding-commitments"));
        return HostileRunner.tests(URI.create("http://127.0.0.1:" + port), database,
                PolicyHostileInputIntegrationTests::callerOf, existing, "POST /api/v1/assessments/evaluate",
                "PUT /api/v1/rule-packs/{jurisdiction}", "PUT /api/v1/adequacy-decisions/{id}",
                "PUT /api/v1/free-trade-zones/{code}/negative-list", "POST /api/v1/adequacy-reviews",
                "GET /api/v1/adequacy-decisions/{id}/status-change-preview",
                "GET /api/v1/recognition-agreements/{id}/status-change-preview");
    }

    /**
     * A caller whose role may call the operation: changes and their previews are policy administrators', reading is
     * auditors'.
     */
    static String callerOf(Endpoint endpoint) {
        return endpoint.method().equals("GET") && !endpoint.path().endsWith("/status-change-preview")
                ? TestTokens.auditor() : TestTokens.policyAdmin();
    }
}
