package org.cbdf.policy.assessment;

import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.policy.messaging.UndecodableRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The {@code transferEvents-in-0} binding: maps and delegates; retries and dead letters are in application.yml. */
@Configuration(proxyBeanMethods = false)
class TransferEventsBinding {

    @Bean
    Consumer<Message<CloudEvent>> transferEvents(TransferEventHandler handler) {
        return message -> {
            if (message.getPayload() instanceof UndecodableRecord undecodable) {
                throw new InvalidEventException("message is not a CloudEvent: " + undecodable.reason());
            }
            handler.handle(IncomingEvent.from(message.getPayload()));
        };
    }
}
