package org.cbdf.policy.assessment;

import java.util.function.Consumer;

import org.cbdf.platform.messaging.IncomingEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The {@code transferEvents-in-0} binding: maps and delegates; retries and dead letters are in application.yml. */
@Configuration(proxyBeanMethods = false)
class TransferEventsBinding {

    @Bean
    Consumer<Message<byte[]>> transferEvents(TransferEventHandler handler) {
        return message -> handler.handle(IncomingEvent.from(message));
    }
}
