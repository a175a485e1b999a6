package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The output formats of kafka-tools 4.1 (EndToEndLatency.printResults, ProducerPerformance.Stats.printTotal). */
class RawKafkaTests {

    @Test
    void theRoundTripIsReadFromEndToEndLatencysSummary() {
        String output = """
                0\t12.345
                1000\t0.912
                Avg latency: 0.8731 ms
                Percentiles: 50th = 0, 99th = 2, 99.9th = 7
                """;

        RawKafka.RoundTrip roundTrip = RawKafka.parseRoundTrip(output, 2_000, 1_024);

        assertThat(roundTrip).isEqualTo(new RawKafka.RoundTrip(2_000, 1_024, 0.8731, 0, 2, 7));
    }

    @Test
    void theProducersTotalIsItsLastSummaryLine() {
        String output = """
                481326 records sent, 96245.9 records/sec (93.99 MB/sec), 180.2 ms avg latency, 410.0 ms max latency.
                500000 records sent, 97295.193618 records/sec (95.02 MB/sec), 177.43 ms avg latency, 410.00 ms max latency, 171 ms 50th, 268 ms 95th, 301 ms 99th, 393 ms 99.9th.
                """;

        RawKafka.Produce produce = RawKafka.parseProduce(output, 1_024);

        assertThat(produce.records()).isEqualTo(500_000);
        assertThat(produce.recordsPerSecond()).isEqualTo(97295.193618);
        assertThat(produce.megabytesPerSecond()).isEqualTo(95.02);
        assertThat(produce.p99Ms()).isEqualTo(301);
        assertThat(produce.p999Ms()).isEqualTo(393);
    }

    @Test
    void theToolsClientConfigHoldsTheSettingsAndOnlyItsOwnerMayReadIt() throws Exception {
        Path file = RawKafka.writeClientConfig(Map.of("bootstrap.servers", "127.0.0.1:9092", "sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;",
                "sasl.oauthbearer.client.credentials.client.secret", "s3cret"));
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Properties read = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                read.load(reader);
            }
            assertThat(read).containsEntry("sasl.oauthbearer.client.credentials.client.secret", "s3cret")
                    .containsEntry("sasl.jaas.config",
                            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")
                    .hasSize(3);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theToolsJvmsAllowListTheTokenEndpointBeforeTheirMainClass() {
        RawKafka.JavaLauncher jvm = RawKafka.JavaLauncher.ofThisJvm();

        RawKafka.JavaLauncher tools = RawKafka.allowingTokenEndpoint(jvm, Map.of("bootstrap.servers", "b:9092",
                "sasl.oauthbearer.token.endpoint.url", "http://127.0.0.1:8180/realms/governance/protocol/openid-connect/token"));

        String allowList = "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls="
                + "http://127.0.0.1:8180/realms/governance/protocol/openid-connect/token";
        assertThat(tools.command()).contains(allowList);
        assertThat(tools.command().indexOf(allowList)).isLessThan(tools.command().size() - 2);
        assertThat(RawKafka.allowingTokenEndpoint(jvm, Map.of("bootstrap.servers", "b:9092")).command())
                .isEqualTo(jvm.command());
    }

    @Test
    void aToolThatPrintedNoResultIsReportedWithItsOutput() {
        assertThatThrownBy(() -> RawKafka.parseRoundTrip("poll() timed out before finding a result", 1, 1))
                .hasMessageContaining("EndToEndLatency printed no result").hasMessageContaining("poll() timed out");
        assertThatThrownBy(() -> RawKafka.parseProduce("", 1)).hasMessageContaining("ProducerPerformance");
    }
}
