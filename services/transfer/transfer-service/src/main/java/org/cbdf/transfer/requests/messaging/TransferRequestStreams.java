package org.cbdf.transfer.requests.messaging;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.transfer.requests.Transfers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bindings {@code policyEvents-in-0} and {@code disputeEvents-in-0}, in batch mode, a poll handled in one
 * transaction ({@link EventBatches}; topics, group, retries and dead letters are in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class TransferRequestStreams {

    @Bean
    PolicyEventHandler policyEventHandler(ProcessedEvents processed, Transfers transfers, JsonMapper json,
            Clock clock) {
        return new PolicyEventHandler(processed, transfers, json, clock);
    }

    @Bean
    DisputeEventHandler disputeEventHandler(ProcessedEvents processed, Transfers transfers, JsonMapper json,
            Clock clock) {
        return new DisputeEventHandler(processed, transfers, json, clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> policyEvents(PolicyEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }

    @Bean
    Consumer<Message<List<byte[]>>> disputeEvents(DisputeEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }
}
