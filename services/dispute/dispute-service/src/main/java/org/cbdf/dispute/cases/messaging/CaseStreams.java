package org.cbdf.dispute.cases.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/**
 * The binding {@code caseTriggers-in-0}: {@code transfer.events} and {@code policy.events} in the consumer group
 * {@code dispute-service-cases} in batch mode (a poll in one transaction: {@link EventBatches}), separate from the parties read model's, with its own dead-letter topic (all in
 * {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class CaseStreams {

    @Bean
    CaseTriggerEventHandler caseTriggerHandler(JsonMapper json, ProcessedEvents processedEvents, DisputeProcedure procedure) {
        return new CaseTriggerEventHandler(json, processedEvents, procedure);
    }

    @Bean
    Consumer<Message<List<byte[]>>> caseTriggers(CaseTriggerEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }
}
