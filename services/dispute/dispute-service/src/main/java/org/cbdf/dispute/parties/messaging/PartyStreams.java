package org.cbdf.dispute.parties.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bindings {@code transferEvents-in-0} and {@code policyEvents-in-0}, in batch mode, a poll handled in one
 * transaction ({@link EventBatches}; topics, group, retries and dead letters are in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class PartyStreams {

    @Bean
    PartyEventMapping partyEventMapping(JsonMapper json) {
        return new PartyEventMapping(json);
    }

    @Bean
    TransferEventHandler transferEventHandler(PartyEventMapping mapping, ProcessedEvents processedEvents,
            TransferParties parties) {
        return new TransferEventHandler(mapping, processedEvents, parties);
    }

    @Bean
    PolicyEventHandler policyEventHandler(PartyEventMapping mapping, ProcessedEvents processedEvents,
            TransferParties parties) {
        return new PolicyEventHandler(mapping, processedEvents, parties);
    }

    @Bean
    Consumer<Message<List<byte[]>>> transferEvents(TransferEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }

    @Bean
    Consumer<Message<List<byte[]>>> policyEvents(PolicyEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }
}
