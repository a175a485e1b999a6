package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cbdf.platform.testing.TestInfrastructure;
import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caps on live status streams over HTTP: a user's streams beyond its share and any stream beyond the replica's
 * total are answered 429 with {@code Retry-After} and a problem document, and a slot comes back once its client went
 * away (noticed by the keep-alive). The rate limit is off, so every 429 here is the streams'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.policyEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.disputeEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.transfer-events.destination=stream-limits.transfer.events",
        "cbdf.transfer.poll-expiry=false",
        "cbdf.web.rate-limit.enabled=false",
        "cbdf.transfer.streams.per-user=2",
        "cbdf.transfer.streams.total=3",
        "cbdf.transfer.streams.keep-alive=PT0.2S" })
@DirtiesContext
class TransferStreamLimitsIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "transfer_stream_limits");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<InputStream> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (InputStream stream : open) {
            stream.close();
        }
        http.shutdownNow();
    }

    @Test
    @Timeout(120)
    void streamsOverAUsersShareOrTheReplicasTotalAre429AndASlotComesBackWhenItsClientLeaves() throws Exception {
        String acme = TestTokens.enterprise("acme-cn", "CN");
        InputStream first = following(acme);
        following(acme);

        assertThat(refused(acme)).contains("as many as one user may");

        following(TestTokens.regulator("DE"));
        assertThat(refused(TestTokens.auditor()))
                .contains("This replica holds as many status streams open as it may (3)");

        // the client of one of acme's streams goes away: the keep-alive finds out and its slot comes back
        first.close();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> open(acme).statusCode() == 200);
    }

    /** A stream that opened: 200, its first line the comment that says what it follows. */
    private InputStream following(String token) throws Exception {
        HttpResponse<InputStream> response = open(token);
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).startsWith(":following");
        return response.body();
    }

    /** A stream refused with 429, {@code Retry-After} and a problem document: its text. */
    private String refused(String token) throws Exception {
        HttpResponse<InputStream> response = open(token);
        assertThat(response.statusCode()).isEqualTo(429);
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asString()).isEqualTo("Too many status streams");
        return body;
    }

    private HttpResponse<InputStream> open(String token) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/transfers/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            open.add(response.body());
        }
        return response;
    }
}
