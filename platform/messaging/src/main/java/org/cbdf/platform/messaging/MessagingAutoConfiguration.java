package org.cbdf.platform.messaging;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, JsonMapper json, StreamBridge streamBridge,
            MessagingProperties properties, TransactionTemplate transactions) {
        if (properties.source() == null) {
            throw new IllegalStateException("cbdf.messaging.source must name this service, e.g. urn:cbdf:transfer-service");
        }
        return new OutboxRelay(jdbc, json, streamBridge, properties, transactions);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, MessagingProperties properties, OutboxRelay relay, Clock clock) {
        return new Outbox(jdbc, json, properties, relay, clock);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc, TransactionTemplate transactions) {
        return new ProcessedEvents(jdbc, transactions);
    }
}
