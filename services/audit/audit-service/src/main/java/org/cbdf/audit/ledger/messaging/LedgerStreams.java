package org.cbdf.audit.ledger.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.cbdf.audit.ledger.Ledger;
import org.cbdf.audit.ledger.LedgerMetrics;
import org.cbdf.platform.messaging.EventTracing;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.KafkaCloudEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The ledger's binding and its handler (topics, group and dead letters are in {@code application.yml}). */
@Configuration(proxyBeanMethods = false)
class LedgerStreams {

    @Bean
    LedgerEventHandler ledgerEventHandler(Ledger eventLedger, LedgerMetrics metrics, EventTracing tracing) {
        return new LedgerEventHandler(eventLedger, metrics, tracing);
    }

    /**
     * The binding {@code ledger-in-0}, in batch mode: a poll of every topic's events, as bytes, appended in one
     * transaction. A record that is not a CloudEvent ({@link KafkaCloudEvents}) or lacks the envelope
     * ({@link IncomingEvent#from}) is dead-lettered with the reason (platform messaging's {@code ConsumerErrorHandling}), the others appended.
     */
    @Bean
    Consumer<Message<List<byte[]>>> ledger(LedgerEventHandler handler) {
        return handler::append;
    }
}
