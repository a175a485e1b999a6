package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
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

    @SpringBootApplication
    static class MessagingTestApplication {
    }

    record Greeting(String text) {
    }

    private ConfigurableApplicationContext start(boolean relayEnabled) {
        return new SpringApplicationBuilder(MessagingTestApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url", TestPostgres.jdbcUrl("messaging"),
                        "spring.datasource.username", TestPostgres.USERNAME,
                        "spring.datasource.password", TestPostgres.PASSWORD,
                        "spring.cloud.stream.kafka.binder.brokers", TestKafka.bootstrapServers(),
                        "cbdf.messaging.relay-enabled", String.valueOf(relayEnabled)))
                .run();
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
