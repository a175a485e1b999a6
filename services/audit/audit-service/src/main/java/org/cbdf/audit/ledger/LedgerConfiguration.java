package org.cbdf.audit.ledger;

import java.time.Clock;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.KafkaCloudEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    EventLeaf eventLeaf(JsonMapper json) {
        return new EventLeaf(json);
    }

    @Bean
    AggregateVersions aggregateVersions(JdbcClient jdbc, MeterRegistry meters) {
        return new AggregateVersions(jdbc, meters);
    }

    @Bean
    Ledger eventLedger(JdbcClient jdbc, TransactionTemplate transactions, EventLeaf leaves,
            AggregateVersions versions, Clock clock) {
        return new Ledger(jdbc, transactions, leaves, versions, clock);
    }

    @Bean
    MerkleNodes merkleNodes(JdbcClient jdbc) {
        return new MerkleNodes(jdbc);
    }

    @Bean
    LedgerEntries ledgerEntries(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
            EventLeaf leaves) {
        return new LedgerEntries(dataSource, jdbc, transactions, leaves);
    }

    /**
     * The binding {@code ledger-in-0}: every event of every topic, as bytes. A record that is not a CloudEvent
     * ({@link KafkaCloudEvents}) or lacks the envelope ({@link IncomingEvent#from}) is dead-lettered with the
     * reason.
     */
    @Bean
    Consumer<Message<?>> ledger(Ledger eventLedger) {
        return message -> {
            CloudEvent event = KafkaCloudEvents.read(message);
            String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
            if (topic == null) {
                throw new IllegalStateException("the Kafka binder gave no " + KafkaHeaders.RECEIVED_TOPIC + " header");
            }
            eventLedger.append(event, topic);
        };
    }
}
