package org.cbdf.platform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.cbdf.platform.testing.TestKafka;
import org.junit.jupiter.api.Test;

/** Kafka's own tools in child JVMs against a real (embedded KRaft) broker, as the harness runs them after a load run. */
class RawKafkaIntegrationTests {

    @Test
    void measuresTheRoundTripAndTheProducerOnScratchTopicsItRemovesAfterwards() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();

        RawKafka.Result result = new RawKafka(RawKafka.JavaLauncher.ofThisJvm()).measure(
                new RawKafka.Settings(bootstrap, 300, 5_000, 512, 3, Duration.ofMinutes(2)));

        assertThat(result.kafkaVersion()).startsWith("4.1");
        assertThat(result.roundTrip().records()).isEqualTo(300);
        assertThat(result.roundTrip().meanMs()).isPositive();
        assertThat(result.roundTrip().p99Ms()).isGreaterThanOrEqualTo(result.roundTrip().p50Ms());
        assertThat(result.produce().records()).isEqualTo(5_000);
        assertThat(result.produce().recordsPerSecond()).isPositive();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).noneMatch(topic -> topic.startsWith("load.raw."));
        }
    }
}
