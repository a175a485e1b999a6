package org.cbdf.platform.testing;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft) per test JVM, started on first use and shared by every test class.
 * Where a Docker engine exists, {@code -Dcbdf.fixtures=containers} runs the apache/kafka image instead.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker embedded;
    private static String containerBootstrap;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (Fixtures.useContainers()) {
            if (containerBootstrap == null) {
                containerBootstrap = ContainerFixtures.startKafka();
            }
            return containerBootstrap;
        }
        if (embedded == null) {
            embedded = new EmbeddedKafkaKraftBroker(1, 3);
            embedded.brokerProperties(Map.of(
                    "auto.create.topics.enable", "true",
                    "num.partitions", "3",
                    "offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0"));
            embedded.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(embedded::destroy));
        }
        return embedded.getBrokersAsString();
    }
}
