package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.testing.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka's own tools in child JVMs against a real (embedded KRaft) broker secured as the platform's are, logged in as
 * the load harness with the grants of the local stack's plan, as the harness runs them after a load run.
 */
class RawKafkaIntegrationTests {

    @BeforeAll
    static void grantTheLoadHarness() {
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            new EventBusProvisioner(admin).provision(EventBusPlan.platform().with(EventBusPlan.loadHarness()),
                    EventBusProvisioner.Sizing.singleBroker());
        }
    }

    @Test
    void measuresTheRoundTripAndTheProducerAsTheLoadHarnessOnScratchTopicsItRemovesAfterwards() throws Exception {
        Map<String, Object> loadHarness = TestKafka.client("load-harness");
        Set<Path> configsBefore = clientConfigs();

        RawKafka.Result result = new RawKafka(RawKafka.JavaLauncher.ofThisJvm()).measure(
                new RawKafka.Settings(loadHarness, 300, 5_000, 512, 3, Duration.ofMinutes(2)));

        assertThat(result.kafkaVersion()).startsWith("4.1");
        assertThat(result.roundTrip().records()).isEqualTo(300);
        assertThat(result.roundTrip().meanMs()).isPositive();
        assertThat(result.roundTrip().p99Ms()).isGreaterThanOrEqualTo(result.roundTrip().p50Ms());
        assertThat(result.produce().records()).isEqualTo(5_000);
        assertThat(result.produce().recordsPerSecond()).isPositive();
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).noneMatch(topic -> topic.startsWith(RawKafka.SCRATCH_PREFIX));
        }
        assertThat(clientConfigs()).as("the tools' client config, with its secret, is gone")
                .isEqualTo(configsBefore);
    }

    private static Set<Path> clientConfigs() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return Set.copyOf(files.filter(file -> file.getFileName().toString().startsWith("cbdf-load-kafka")).toList());
        }
    }
}
