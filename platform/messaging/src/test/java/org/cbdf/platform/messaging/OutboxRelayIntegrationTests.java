package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.platform.testing.TestPostgres;
import org.cbdf.platform.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against the real broker and database: an event committed while no relay runs (the service
 * crashed between commit and publish) goes out after restart, exactly once, with its envelope.
 */
class OutboxRelayIntegrationTests {

    private static final String PRINCIPAL = "messaging-test";

    @SpringBootApplication
    static class MessagingTestApplication {
    }

    record Greeting(String text) {
    }

    private ConfigurableApplicationContext start(boolean relayEnabled) {
        return start(relayEnabled, Map.of());
    }

    private ConfigurableApplicationContext start(boolean relayEnabled, Map<String, Object> more) {
        provisionTestTopics();
        return new SpringApplicationBuilder(MessagingTestApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .properties(more)
                .properties(Map.of(
                        "spring.datasource.url", TestPostgres.jdbcUrl("messaging"),
                        "spring.datasource.username", TestPostgres.USERNAME,
                        "spring.datasource.password", TestPostgres.PASSWORD,
                        "spring.cloud.stream.kafka.binder.brokers", TestKafka.bootstrapServers(),
                        "cbdf.kafka.token-endpoint", TestKafka.tokenEndpoint(),
                        "cbdf.kafka.client-id", PRINCIPAL,
                        "cbdf.kafka.client-secret", TestKafka.clientSecret(PRINCIPAL),
                        "cbdf.messaging.relay-enabled", String.valueOf(relayEnabled)))
                .run();
    }

    /** The test application is a principal like a service: it writes only the topics granted to it. */
    private static void provisionTestTopics() {
        EventBusPlan plan = new EventBusPlan(
                List.of(new EventBusPlan.Topic("messaging.test.events", PRINCIPAL, Optional.empty(), 3, Duration.ofDays(1))),
                List.of(new EventBusPlan.Principal(PRINCIPAL, Set.of(), Set.of(), Set.of("messaging.test."), PRINCIPAL)));
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            new EventBusProvisioner(admin).provision(plan, EventBusProvisioner.Sizing.singleBroker());
        }
    }

    @Test
    void anEventCommittedBeforeACrashIsPublishedExactlyOnceAfterRestart() {
        String aggregateId = UUID.randomUUID().toString();
        OutgoingEvent event = OutgoingEvent.to("test-events").type("test.greeted.v1")
                .aggregate("greeting", aggregateId, 1).data(new Greeting("hello"))
                .extension(CloudEventExtensions.ORGANIZATION, "acme-cn").build();

        try (TopicRecorder topic = TopicRecorder.of("messaging.test.events")) {
            try (ConfigurableApplicationContext crashed = start(false)) {
                crashed.getBean(TransactionTemplate.class)
                        .executeWithoutResult(status -> crashed.getBean(Outbox.class).append(event));
                assertThat(crashed.getBean(Outbox.class).backlog()).isGreaterThanOrEqualTo(1);
            }

            try (ConfigurableApplicationContext restarted = start(true)) {
                CloudEvent published = topic.awaitEvents(e -> aggregateId.equals(e.getSubject()), 1).getFirst();
                restarted.getBean(OutboxRelay.class).relayPending(); // a second round finds nothing to send

                assertThat(published.getId()).isEqualTo(event.id().toString());
                assertThat(published.getType()).isEqualTo("test.greeted.v1");
                assertThat(published.getSource().toString()).isEqualTo("urn:cbdf:messaging-test");
                assertThat(published.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString()).isEqualTo("1");
                assertThat(published.getExtension(CloudEventExtensions.ORGANIZATION)).isEqualTo("acme-cn");
                assertThat(new String(published.getData().toBytes())).isEqualTo("{\"text\":\"hello\"}");
                assertThat(topic.records()).filteredOn(r -> aggregateId.equals(r.key())).hasSize(1);
                assertThat(restarted.getBean(JdbcClient.class)
                        .sql("select count(*) from outbox_event where event_id = :id and published_at is not null")
                        .param("id", event.id()).query(Long.class).single()).isEqualTo(1);
            }
        }
    }

    /**
     * A round's events are marked up to the first one the producer refuses (larger than {@code max.request.size}),
     * the round stops there, and the events behind it wait (in order) until it is gone; the next rounds send one
     * event at a time.
     */
    @Test
    void aRefusedEventStopsTheRoundAtItAndTheOnesBeforeItAreMarked() {
        String aggregateId = UUID.randomUUID().toString();
        List<OutgoingEvent> events = new ArrayList<>();
        for (int version = 1; version <= 6; version++) {
            String text = version == 4 ? "x".repeat(1_200_000) : "hello " + version;
            events.add(OutgoingEvent.to("test-events").type("test.greeted.v1")
                    .aggregate("greeting", aggregateId, version).data(new Greeting(text)).build());
        }
        try (TopicRecorder topic = TopicRecorder.of("messaging.test.events");
                ConfigurableApplicationContext context = start(false)) {
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            Outbox outbox = context.getBean(Outbox.class);
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            transactions.executeWithoutResult(status -> events.subList(0, 5).forEach(outbox::append));

            assertThatThrownBy(relay::relayPending).hasMessageContaining(events.get(3).id().toString())
                    .hasRootCauseInstanceOf(RecordTooLargeException.class);
            assertThat(published(jdbc, events)).containsExactly(true, true, true, false, false, false);
            assertThatThrownBy(relay::relayPending).hasMessageContaining(events.get(3).id().toString());
            assertThat(published(jdbc, events)).containsExactly(true, true, true, false, false, false);

            // an operator removes the refused event: the ones behind it go out, in order
            jdbc.sql("delete from outbox_event where event_id = :id").param("id", events.get(3).id()).update();
            transactions.executeWithoutResult(status -> outbox.append(events.get(5)));
            assertThat(relay.relayPending()).isEqualTo(2);

            topic.awaitEvents(e -> e.getId().equals(events.get(5).id().toString()), 1);
            List<String> ids = topic.events(e -> aggregateId.equals(e.getSubject())).stream().map(CloudEvent::getId)
                    .toList();
            assertThat(ids).containsExactly(events.get(0).id().toString(), events.get(1).id().toString(),
                    events.get(2).id().toString(), events.get(4).id().toString(), events.get(5).id().toString());
            assertThat(published(jdbc, events)).containsExactly(true, true, true, false, true, true);
        }
    }

    /**
     * The broker refuses one event of a pipelined round (larger than its topic's {@code max.message.bytes}; the
     * producer lets it through, so the refusal comes back on its future): the events before it are marked, the ones
     * behind it went out anyway and are not (they go again, with their ids), and the next rounds send one event at a
     * time, so the refused event does not take the ones behind it out again each round.
     */
    @Test
    void anEventTheBrokerRefusesMidRoundIsRetriedAloneUntilTheRelayIsHealthyAgain() throws Exception {
        String topicName = "messaging.test.small-events";
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            admin.createTopics(List.of(new NewTopic(topicName, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "4096")))).all().get(30, TimeUnit.SECONDS);
        }
        String aggregateId = UUID.randomUUID().toString();
        List<OutgoingEvent> events = new ArrayList<>();
        for (int version = 1; version <= 6; version++) {
            String text = version == 4 ? "x".repeat(20_000) : "hello " + version;
            events.add(OutgoingEvent.to("small-events").type("test.greeted.v1")
                    .aggregate("greeting", aggregateId, version).data(new Greeting(text)).build());
        }
        try (TopicRecorder topic = TopicRecorder.of(topicName);
                ConfigurableApplicationContext context = start(false, Map.of(
                        "spring.cloud.stream.bindings.small-events.destination", topicName,
                        "spring.cloud.stream.bindings.small-events.producer.use-native-encoding", "true"))) {
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            Outbox outbox = context.getBean(Outbox.class);
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            transactions.executeWithoutResult(status -> events.subList(0, 5).forEach(outbox::append));

            assertThatThrownBy(relay::relayPending).hasMessageContaining("the broker did not take event "
                    + events.get(3).id()).hasRootCauseInstanceOf(RecordTooLargeException.class);
            assertThat(published(jdbc, events)).containsExactly(true, true, true, false, false, false);
            topic.awaitEvents(e -> e.getId().equals(events.get(4).id().toString()), 1); // went out behind it

            assertThatThrownBy(relay::relayPending).hasRootCauseInstanceOf(RecordTooLargeException.class);
            jdbc.sql("delete from outbox_event where event_id = :id").param("id", events.get(3).id()).update();
            transactions.executeWithoutResult(status -> outbox.append(events.get(5)));
            assertThat(relay.relayPending()).isEqualTo(2);

            topic.awaitEvents(e -> e.getId().equals(events.get(5).id().toString()), 1);
            // one partition, in order: the fifth went out in the first round and in the last, not in the second,
            // where only the refused one was tried
            assertThat(topic.events(e -> aggregateId.equals(e.getSubject())).stream().map(CloudEvent::getId))
                    .containsExactly(events.get(0).id().toString(), events.get(1).id().toString(),
                            events.get(2).id().toString(), events.get(4).id().toString(),
                            events.get(4).id().toString(), events.get(5).id().toString());
            assertThat(published(jdbc, events)).containsExactly(true, true, true, false, true, true);
        }
    }

    /** Many events in one round, several aggregates: every one published once, in order per aggregate. */
    @Test
    void aPipelinedRoundKeepsTheOrderOfEachAggregate() {
        List<String> aggregates = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        List<OutgoingEvent> events = new ArrayList<>();
        for (int version = 1; version <= 150; version++) {
            for (String aggregateId : aggregates) {
                events.add(OutgoingEvent.to("test-events").type("test.greeted.v1")
                        .aggregate("greeting", aggregateId, version).data(new Greeting("hello " + version)).build());
            }
        }
        try (TopicRecorder topic = TopicRecorder.of("messaging.test.events");
                ConfigurableApplicationContext context = start(false)) {
            context.getBean(TransactionTemplate.class)
                    .executeWithoutResult(status -> events.forEach(context.getBean(Outbox.class)::append));

            assertThat(context.getBean(OutboxRelay.class).relayPending()).isEqualTo(events.size());

            for (String aggregateId : aggregates) {
                List<String> versions = topic.awaitEvents(e -> aggregateId.equals(e.getSubject()), 150).stream()
                        .map(e -> e.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString()).toList();
                assertThat(versions).containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 150).mapToObj(String::valueOf).toList());
            }
            assertThat(context.getBean(Outbox.class).backlog()).isZero();
        }
    }

    private static List<Boolean> published(JdbcClient jdbc, List<OutgoingEvent> events) {
        return events.stream().map(event -> jdbc.sql("""
                select count(*) from outbox_event where event_id = :id and published_at is not null
                """).param("id", event.id()).query(Long.class).single() == 1).toList();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        try (ConfigurableApplicationContext context = start(false)) {
            Outbox outbox = context.getBean(Outbox.class);
            OutgoingEvent event = OutgoingEvent.to("test-events").type("test.greeted.v1")
                    .aggregate("greeting", "g-1", 1).data(new Greeting("hi")).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.append(event))
                    .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
        }
    }
}
