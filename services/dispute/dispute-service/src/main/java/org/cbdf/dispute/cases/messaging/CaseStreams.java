package org.cbdf.dispute.cases.messaging;

import java.util.function.Consumer;

import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.databind.json.JsonMapper;

/**
 * The binding {@code caseTriggers-in-0}: {@code transfer.events} and {@code policy.events} in the consumer group
 * {@code dispute-service-cases}, separate from the parties read model's, with its own dead-letter topic (all in
 * {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class CaseStreams {

    @Bean
    CaseTriggers caseTriggerHandler(JsonMapper json, ProcessedEvents processedEvents, DisputeProcedure procedure) {
        return new CaseTriggers(json, processedEvents, procedure);
    }

    @Bean
    Consumer<Message<byte[]>> caseTriggers(CaseTriggers handler) {
        return message -> handler.handle(IncomingEvent.from(message));
    }
}
