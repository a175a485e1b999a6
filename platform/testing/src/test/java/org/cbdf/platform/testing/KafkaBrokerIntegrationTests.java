package org.cbdf.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.kafka.BrokerSecurity;
import org.cbdf.platform.kafka.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-JVM broker of the local stack and the tests: formatted once, its topics and grants survive a restart. */
class KafkaBrokerIntegrationTests {

    private static final TestOAuthServer ISSUER = TestOAuthServer.start();

    private final Path logDirectory = Path.of("target", "it", "kafka-" + UUID.randomUUID()).toAbsolutePath();
    private final BrokerSecurity security = new BrokerSecurity(BrokerSecurity.randomPassword(),
            BrokerSecurity.randomPassword(), ISSUER.issuer(), ISSUER.jwksUrl());
    private final int port = freePort();
    private final int controllerPort = freePort();

    private KafkaBroker broker = newBroker();

    static {
        String allowed = System.getProperty("org.apache.kafka.sasl.oauthbearer.allowed.urls");
        System.setProperty("org.apache.kafka.sasl.oauthbearer.allowed.urls",
                (allowed == null ? "" : allowed + ",") + ISSUER.tokenEndpoint() + "," + ISSUER.jwksUrl());
    }

    @AfterEach
    void stopBroker() {
        this.broker.stop();
    }

    @Test
    void aProvisionedTopicKeepsItsRecordsItsSettingsAndItsGrantsAcrossARestart() throws Exception {
        this.broker.start();
        try (Admin admin = Admin.create(this.broker.administratorClient())) {
            new EventBusProvisioner(admin).provision(EventBusPlan.platform(), EventBusProvisioner.Sizing.singleBroker());
        }

        try (KafkaProducer<String, String> producer = producer("transfer-service")) {
            producer.send(new ProducerRecord<>("transfer.events", "transfer-1", "submitted")).get();
        }
        assertThat(consumeAll("policy-service", "transfer.events", "policy-service-first"))
                .containsExactly("transfer-1=submitted");
        String formatted = Files.readString(this.logDirectory.resolve("meta.properties"));

        this.broker.stop();
        this.broker = newBroker();
        this.broker.start();

        assertThat(consumeAll("policy-service", "transfer.events", "policy-service-after-restart"))
                .containsExactly("transfer-1=submitted");
        try (Admin admin = Admin.create(this.broker.administratorClient())) {
            assertThat(new EventBusProvisioner(admin).provision(EventBusPlan.platform(),
                    EventBusProvisioner.Sizing.singleBroker()).changedNothing())
                    .as("topics and ACLs survived the restart").isTrue();
            assertThat(admin.describeTopics(List.of("transfer.events")).allTopicNames().get().get("transfer.events")
                    .partitions()).hasSize(3);
        }
        assertThat(Files.readString(this.logDirectory.resolve("meta.properties")))
                .as("the storage is formatted on the first start only").isEqualTo(formatted);
    }

    private KafkaBroker newBroker() {
        return new KafkaBroker("127.0.0.1", this.port, this.controllerPort, this.logDirectory, this.security);
    }

    private Map<String, Object> client(String principal) {
        Map<String, Object> settings = new HashMap<>(org.cbdf.platform.eventbus.KafkaCredentials.oauthClient("SASL_PLAINTEXT",
                ISSUER.tokenEndpoint(), principal, ISSUER.register(principal)));
        settings.put("bootstrap.servers", this.broker.bootstrapServers());
        return settings;
    }

    private KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> settings = client(principal);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private List<String> consumeAll(String principal, String topic, String group) {
        List<String> received = new ArrayList<>();
        Map<String, Object> settings = client(principal);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.key() + "=" + record.value());
                }
                return !received.isEmpty();
            });
        }
        return received;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
