package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoadCommandTests {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Map<String, String> environment = new HashMap<>(Map.of(LoadCommand.KAFKA_CLIENT_SECRET, "s3cret"));
    final LoadCommand command = new LoadCommand(new FakeTicker(), System.err, environment);
    final CommandLine commandLine = LoadCommand.commandLine(command, new PrintWriter(out, true), new PrintWriter(err, true));

    TrafficDriver.Plan plan(String... args) {
        commandLine.parseArgs(args);
        return command.plan();
    }

    int execute(String... args) {
        return commandLine.execute(args);
    }

    @Test
    void byDefaultTwoHundredPerSecondForAMinuteAfterTenSeconds() {
        TrafficDriver.Plan plan = plan();

        assertThat(plan.rate()).isEqualTo(new Rate(200));
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.count()).isZero();
        assertThat(command.users).containsExactly("enterprise-cn", "enterprise-de");
        assertThat(command.auditClock).isEqualTo(LedgerWatch.AuditClock.server);
    }

    @Test
    void aFixedRateForADuration() {
        TrafficDriver.Plan plan = plan("--rate", "200", "--duration", "90s", "--warmup", "5s");

        assertThat(plan.rate().flatOut()).isFalse();
        assertThat(plan.rate().perSecond()).isEqualTo(200.0);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void flatOutForACountWithItsConcurrency() {
        TrafficDriver.Plan plan = plan("--rate", "max", "--count", "10000", "--concurrency", "64");

        assertThat(plan.rate().flatOut()).isTrue();
        assertThat(plan.count()).isEqualTo(10_000);
        assertThat(plan.duration()).isNull();
        assertThat(plan.concurrency()).isEqualTo(64);
    }

    @Test
    void deploymentsAndUsersAreOptions() {
        plan("--transfer-url", "https://transfers.example", "--audit-url", "https://audit.example", "--issuer",
                "https://id.example/realms/governance", "--bootstrap-servers", "kafka:9092", "--user",
                "enterprise-cn,enterprise-de:secret", "--auditor", "auditor:pw", "--audit-clock", "observed");

        assertThat(command.transferUrl).hasToString("https://transfers.example");
        assertThat(command.users).containsExactly("enterprise-cn", "enterprise-de:secret");
        assertThat(command.auditClock).isEqualTo(LedgerWatch.AuditClock.observed);
        assertThat(command.bootstrapServers).isEqualTo("kafka:9092");
    }

    @Test
    void theKafkaClientLogsInAsTheLoadHarnessWithTheSecretOfTheEnvironmentAtTheRealmsTokenEndpoint() {
        commandLine.parseArgs("--issuer", "https://id.example/realms/governance", "--bootstrap-servers", "kafka:9092");

        assertThat(command.kafkaClient()).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("sasl.oauthbearer.token.endpoint.url",
                        "https://id.example/realms/governance/protocol/openid-connect/token")
                .containsEntry("sasl.oauthbearer.client.credentials.client.id", "load-harness")
                .containsEntry("sasl.oauthbearer.client.credentials.client.secret", "s3cret");
    }

    @Test
    void theKafkaPrincipalAndItsTokenEndpointAreOptions() {
        commandLine.parseArgs("--kafka-client-id", "load-harness-2", "--kafka-token-endpoint",
                "https://sso.example/token");

        assertThat(command.kafkaClient()).containsEntry("sasl.oauthbearer.token.endpoint.url", "https://sso.example/token")
                .containsEntry("sasl.oauthbearer.client.credentials.client.id", "load-harness-2");
    }

    @Test
    void withoutAKafkaSecretTheRunStopsBeforeAnythingIsSentAndSaysWhereTheSecretComesFrom() {
        environment.remove(LoadCommand.KAFKA_CLIENT_SECRET);

        assertThat(execute("--count", "1")).isEqualTo(2);

        assertThat(err.toString()).contains("error: no secret for the Kafka client load-harness: set KAFKA_CLIENT_SECRET")
                .contains(".local/secrets.properties");
    }

    @Test
    void aDurationAndACountTogetherAreRefused() {
        assertThat(execute("--duration", "10s", "--count", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive").contains("usage: tools/load/run --help");
    }

    @Test
    void aRateIsAPositiveNumberOrMax() {
        assertThat(execute("--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("it must be above 0 (or max)");
        assertThat(execute("--rate", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("'fast' is not a rate");
        assertThat(Rate.parse("250/s")).isEqualTo(new Rate(250));
        assertThat(Rate.parse("MAX").flatOut()).isTrue();
        assertThat(new Rate(200)).hasToString("200/s");
        assertThat(new Rate(12.5)).hasToString("12.5/s");
    }

    @Test
    void durationsAreWrittenAsPeopleDo() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("0")).isZero();
        assertThatThrownBy(() -> Durations.parse("ten seconds")).hasMessageContaining("is not a duration");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThat(execute("--duration", "1x")).isEqualTo(2);
        assertThat(err.toString()).contains("'1x' is not a duration");
    }

    @Test
    void aZeroCountIsAUsageError() {
        commandLine.parseArgs("--count", "0");

        assertThatThrownBy(command::plan).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--count must be at least 1");
    }

    @Test
    void theSamplePrintsGeneratedRequestsWithoutAStack() {
        assertThat(execute("--sample", "2")).isZero();

        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(2 * TrafficMix.jurisdictions().size());
        JsonNode first = JsonMapper.builder().build().readTree(lines[0]);
        assertThat(first.path("scenario").asString()).isNotEmpty();
        assertThat(first.path("expected").asString()).isIn("PERMITTED", "CONDITIONAL", "AWAITING_APPROVAL", "PROHIBITED");
        assertThat(first.path("request").path("exporter").path("jurisdiction").asString()).isEqualTo("BR");
    }

    @Test
    void aStackThatIsNotThereIsAnErrorNotAHang() {
        assertThat(execute("--issuer", "http://127.0.0.1:1/realms/governance", "--count", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("login of enterprise-cn at http://127.0.0.1:1/realms/governance failed");
    }
}
