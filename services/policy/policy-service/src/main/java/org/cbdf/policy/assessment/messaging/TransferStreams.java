package org.cbdf.policy.assessment.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.cbdf.platform.messaging.EventBatches;
import org.cbdf.platform.messaging.IncomingEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code transferEvents-in-0} binding, in batch mode: each record of a poll is mapped and handled, the poll in one
 * transaction ({@link EventBatches}); retries and dead letters are in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class TransferStreams {

    @Bean
    Consumer<Message<List<byte[]>>> transferEvents(TransferEventHandler handler, EventBatches batches) {
        return batches.inOneTransaction(message -> handler.handle(IncomingEvent.from(message)));
    }
}
