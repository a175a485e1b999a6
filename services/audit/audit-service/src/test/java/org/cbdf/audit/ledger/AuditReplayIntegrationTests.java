package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.testing.TestInfrastructure;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NDJSON replays to clients that read slowly, with the connection pool at its configured size (ten): more slow
 * replays than connections leave the ledger appending and the API answering, because a replay holds a connection only
 * while it reads a page; and replays beyond {@code cbdf.audit.replay.max-concurrent} are answered 429.
 * <p>
 * A slow client here reads the response's status line and then nothing: its receive buffer and the server's send
 * buffer are small, so the server's write to it blocks after a few kB, well before the ledger's entries are written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cbdf.audit.replay.max-concurrent=" + AuditReplayIntegrationTests.MAX_REPLAYS,
        "cbdf.web.rate-limit.enabled=false" })
@DirtiesContext
class AuditReplayIntegrationTests {

    /** More than the pool's ten connections, so that the cap is not what keeps the pool free. */
    static final int MAX_REPLAYS = 14;
    private static final int SLOW_CLIENTS = 12;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "audit_replay");
    }

    @TestConfiguration
    static class SmallSendBuffers {

        @Bean
        TomcatConnectorCustomizer smallSendBuffer() {
            return connector -> connector.setProperty("socket.txBufSize", "4096");
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Ledger ledger;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Socket> slowClients = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket client : slowClients) {
            client.close();
        }
    }

    @Test
    @Timeout(180)
    void slowReplaysBeyondThePoolsSizeStopNeitherTheLedgerNorTheApiAndThoseBeyondTheCapAre429() throws Exception {
        // a few hundred kB of NDJSON: far more than the buffers between the server and a client that stopped reading
        String filler = UUID.randomUUID().toString();
        ledger.appendAll(IntStream.rangeClosed(1, 300)
                .mapToObj(version -> PlatformEvents.transfer(filler, version, "acme-cn", "CN,DE")).toList(),
                "transfer.events");
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slowClients.add(slowReplay());
        }

        // the ledger still appends what it consumes, and the API still answers
        String transferId = UUID.randomUUID().toString();
        CloudEvent submitted = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN,DE");
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(TestKafka.administrator(
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>("transfer.events", transferId, submitted)).get();
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> appended = get("/api/v1/audit/events?aggregateId=" + transferId, "application/json");
            assertThat(appended.statusCode()).isEqualTo(200);
            assertThat(json.readTree(appended.body()).size()).as("the event consumed meanwhile, appended").isEqualTo(1);
        });
        assertThat(get("/api/v1/audit/tree", "application/json").statusCode()).isEqualTo(200);

        // up to the cap, replays start; the one after it is refused, and says when to come back
        while (slowClients.size() < MAX_REPLAYS) {
            slowClients.add(slowReplay());
        }
        HttpResponse<String> refused = get("/api/v1/audit/events?aggregateId=" + filler, "application/x-ndjson");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains(String.valueOf(MAX_REPLAYS));

        // the slow clients go away: their writes fail, their replays end and others may start
        close();
        slowClients.clear();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> replay = get("/api/v1/audit/events?aggregateId=" + filler, "application/x-ndjson");
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body().lines()).hasSize(300);
        });
    }

    /**
     * A replay of the whole ledger to a client that reads the status line and then stops reading, with a receive
     * buffer as small as the system allows.
     */
    private Socket slowReplay() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("GET /api/v1/audit/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TestTokens.auditor() + "\r\nAccept: application/x-ndjson\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] statusLine = new byte["HTTP/1.1 200".length()];
        int read = 0;
        while (read < statusLine.length) {
            int n = in.read(statusLine, read, statusLine.length - read);
            if (n < 0) {
                throw new IOException("the replay ended before its status line");
            }
            read += n;
        }
        assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.auditor()).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
