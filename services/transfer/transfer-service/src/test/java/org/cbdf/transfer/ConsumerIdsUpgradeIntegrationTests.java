package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cbdf.platform.messaging.EventTracing;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.platform.testing.DatabaseUpgrade;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upgrade that gave the idempotent consumers their {@code <service>.<binding>} ids: an event the release before
 * handled under its old id is a duplicate to the new one, so a redelivery after the upgrade changes nothing.
 */
class ConsumerIdsUpgradeIntegrationTests {

    @Test
    void anEventHandledUnderItsOldConsumerIdIsNotHandledAgainAfterTheUpgrade() {
        DatabaseUpgrade database = DatabaseUpgrade.of("transfer_upgrade").migrateTo("4");
        ProcessedEvents before = processedEvents(database.runtime());
        List<String> effects = new ArrayList<>();
        IncomingEvent assessment = event();
        assertThat(before.handleOnce("transfer-service.policy-events", assessment, e -> effects.add("before"))).isTrue();
        IncomingEvent resolution = event();
        assertThat(before.handleOnce("transfer-service.dispute-events", resolution, e -> effects.add("before"))).isTrue();

        database.migrate();

        ProcessedEvents after = processedEvents(database.runtime());
        assertThat(after.handleOnce("transfer.policyEvents", assessment, e -> effects.add("again")))
                .as("transfer-service.policy-events → transfer.policyEvents").isFalse();
        assertThat(after.handleOnce("transfer.disputeEvents", resolution, e -> effects.add("again")))
                .as("transfer-service.dispute-events → transfer.disputeEvents").isFalse();
        assertThat(effects).containsOnly("before");
        assertThat(after.handleOnce("transfer.policyEvents", event(), e -> effects.add("new")))
                .as("a new event").isTrue();
    }

    private static ProcessedEvents processedEvents(DataSource dataSource) {
        return new ProcessedEvents(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), EventTracing.withoutTracer(),
                new SimpleMeterRegistry());
    }

    private static IncomingEvent event() {
        return IncomingEvent.from(CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType("test.happened.v1").withSource(URI.create("urn:cbdf:test"))
                .withExtension("aggregateid", UUID.randomUUID().toString()).withExtension("aggregatetype", "test")
                .withExtension("aggregateversion", 1).withData("{}".getBytes(StandardCharsets.UTF_8)).build());
    }
}
