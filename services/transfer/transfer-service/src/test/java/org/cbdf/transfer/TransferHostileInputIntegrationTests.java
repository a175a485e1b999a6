package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the transfer API, as its own description lists it, under hostile input ({@link HostileRunner}):
 * never a server error, every refusal a problem document, nothing stored by a refused request, 413 for a 2 MB body.
 * <p>
 * A quiet service of its own: its own database, its consumers not started, its events to a topic of their own, its
 * expiry job idle and no rate limit, so that every row counted before and after a request is the request's doing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.policyEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.disputeEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.transfer-events.destination=hostile-input.transfer.events",
        "cbdf.transfer.expiry-check=PT1000H",
        "cbdf.web.rate-limit.enabled=false" })
@DirtiesContext
class TransferHostileInputIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "transfer_hostile_input");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @Autowired
    JsonMapper json;

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesHostileInputWithAProblemAndStoresNothing() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        // a transfer of the caller's, so that hostile requests also meet a real one and its checks
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/transfers")).header("Authorization", "Bearer " + TestTokens.enterprise(
                        "hostile-org", "CN")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(TransferRequests.hrDataToGermany())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = json.readTree(submitted.body()).get("id").asString();

        return HostileRunner.tests(base, database, TransferHostileInputIntegrationTests::callerOf,
                Map.of("id", List.of(id)), "POST /api/v1/transfers", "GET /api/v1/transfers",
                "POST /api/v1/transfers/{id}/decisions", "GET /api/v1/transfers/{id}/events");
    }

    /** A caller whose role may call the operation. */
    static String callerOf(Endpoint endpoint) {
        String operation = endpoint.toString();
        if (operation.equals("POST /api/v1/transfers/{id}/decisions")) {
            return TestTokens.regulator("DE");
        }
        if (endpoint.method().equals("GET") && !operation.equals("GET /api/v1/transfers/stream")) {
            return TestTokens.auditor();
        }
        return TestTokens.enterprise("hostile-org", "CN");
    }
}
