package org.cbdf.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.junit.jupiter.api.Test;

/**
 * The platform's broker against the attacks issue 16 reported: a client without credentials, one service writing
 * another's topic, reading what it does not consume, joining another service's consumer group, creating or deleting
 * topics. Everything here runs against the real broker the services' tests use, provisioned from the event bus plan.
 */
class EventBusSecurityIntegrationTests {

    private static final Duration REFUSAL = Duration.ofSeconds(20);

    @Test
    void aClientWithoutCredentialsCanNeitherProduceNorConsume() throws Exception {
        Map<String, Object> anonymous = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        String key = "forged-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("dispute.events", key, "OVERTURN"))
                    .get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                    .as("an unauthenticated producer is never acknowledged").isInstanceOf(Exception.class);
        }
        Map<String, Object> anonymousConsumer = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "audit-service",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(anonymousConsumer, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("transfer.events", "dispute.events"));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(250)).forEach(read::add);
            }
            assertThat(read).as("an unauthenticated consumer reads nothing").isEmpty();
            assertThat(consumer.assignment()).as("nor joins a group").isEmpty();
        }
        assertThat(recordsWithKey("dispute.events", key)).as("nothing reached the topic").isEmpty();
    }

    @Test
    void aClientWithAnotherServicesNameButNotItsSecretIsRefused() {
        Map<String, Object> impostor = TestKafka.client("dispute-service");
        impostor.put("sasl.oauthbearer.client.credentials.client.secret", "guessed");
        impostor.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(impostor, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("dispute.events", "x", "OVERTURN"))
                    .get(REFUSAL.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        } catch (KafkaException refusedAtLogin) {
            assertThat(refusedAtLogin).hasStackTraceContaining("401");
        }
    }

    @Test
    void thePolicyServicesPrincipalCannotWriteTheDisputeServicesTopicButWritesItsOwn() throws Exception {
        String key = "policy-forgery-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer("policy-service")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("dispute.events", key, "OVERTURN"))
                    .get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(producer.send(new ProducerRecord<>("policy.events", key, "its own")).get(REFUSAL.toSeconds(),
                    TimeUnit.SECONDS).topic()).isEqualTo("policy.events");
            assertThat(producer.send(new ProducerRecord<>("policy-service.transfer.events.dlq", key, "its dead letter"))
                    .get(REFUSAL.toSeconds(), TimeUnit.SECONDS).topic()).isEqualTo("policy-service.transfer.events.dlq");
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("audit-service.dlq", key, "another's dead letter"))
                    .get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(recordsWithKey("dispute.events", key)).isEmpty();
    }

    @Test
    void aServiceReadsOnlyWhatItConsumesAndOnlyInItsOwnGroups() {
        assertThatThrownBy(() -> pollOnce("policy-service", "dispute.events", "policy-service-reader"))
                .as("the policy service consumes transfer.events only").isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> pollOnce("policy-service", "transfer.events", "audit-service"))
                .as("joining the ledger's group would make it skip events").isInstanceOf(GroupAuthorizationException.class);
        assertThat(pollOnce("policy-service", "transfer.events", "policy-service-" + UUID.randomUUID())).isNotNull();
    }

    @Test
    void noServiceCreatesOrDeletesTopics() {
        try (Admin admin = Admin.create(TestKafka.client("transfer-service"))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("transfer.events.shadow", 1, (short) 1)))
                    .all().get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.deleteTopics(List.of("transfer.events")).all().get(REFUSAL.toSeconds(),
                    TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theTopicsAreThePlansAndProvisioningAgainRemovesAGrantThePlanDoesNotGive() throws Exception {
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, "dispute.events"))).all().get(30, TimeUnit.SECONDS);
            Config dispute = configs.values().iterator().next();
            assertThat(dispute.get("retention.ms").value())
                    .isEqualTo(String.valueOf(EventBusPlan.EVENT_RETENTION.toMillis()));
            assertThat(dispute.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(admin.describeTopics(List.of("dispute.events")).allTopicNames().get().get("dispute.events")
                    .partitions()).hasSize(3);

            AclBinding mistaken = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "dispute.events", PatternType.LITERAL),
                    new AccessControlEntry("User:policy-service", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
            admin.createAcls(List.of(mistaken)).all().get(30, TimeUnit.SECONDS);

            EventBusProvisioner.Outcome outcome = new EventBusProvisioner(admin).provision(EventBusPlan.platform(),
                    EventBusProvisioner.Sizing.singleBroker());

            assertThat(outcome.removedAcls()).containsExactly(mistaken);
            assertThat(outcome.createdTopics()).isEmpty();
            assertThat(Set.copyOf(admin.describeAcls(mistaken.toFilter()).values().get(30, TimeUnit.SECONDS))).isEmpty();
        }
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> settings = TestKafka.client(principal);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** Polls until assigned (or refused), within bounded time; returns what the first polls read. */
    private static List<ConsumerRecord<String, String>> pollOnce(String principal, String topic, String group) {
        Map<String, Object> settings = TestKafka.client(principal);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + REFUSAL.toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(250)).forEach(read::add);
            }
            assertThat(consumer.assignment()).as("assigned " + topic).isNotEmpty();
        }
        return read;
    }

    private static List<String> recordsWithKey(String topic, String key) {
        Map<String, Object> settings = TestKafka.administrator(ConsumerConfig.GROUP_ID_CONFIG,
                "test-observer-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}
