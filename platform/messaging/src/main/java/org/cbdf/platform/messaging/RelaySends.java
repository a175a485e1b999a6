package org.cbdf.platform.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.integration.channel.NullChannel;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Hands the {@link OutboxRelay} the future of each send, so that it can pipeline a round's events instead of waiting
 * for the broker after each one. Every producer binding's handler is made asynchronous and given this channel as its
 * futures channel ({@link KafkaProducerMessageHandler#setFuturesChannel}); the handler puts the future of a message
 * carrying {@link KafkaIntegrationHeaders#FUTURE_TOKEN} here, on the sending thread, before
 * {@code StreamBridge.send} returns, and the relay takes it by that token.
 * <p>
 * Everything else stays the binder's: topic provisioning, partitioning by key, header mapping, producer settings.
 * The only producer bindings of a service are its outbox's, so no other sender loses a synchronous send.
 */
public class RelaySends implements MessageChannel, ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> {

    private final Map<Object, CompletableFuture<?>> futures = new ConcurrentHashMap<>();

    @Override
    public void configure(KafkaProducerMessageHandler<?, ?> handler, String destinationName) {
        handler.setSync(false);
        handler.setFuturesChannel(this);
        // a failed send is the relay's to report (it awaits the future); the binder would also put the whole message,
        // payload and all, on the error channel, whose handler logs it
        handler.setSendFailureChannel(new NullChannel());
    }

    @Override
    public boolean send(Message<?> message, long timeout) {
        Object token = message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN);
        if (token == null || !(message.getPayload() instanceof CompletableFuture<?> future)) {
            throw new IllegalArgumentException("not a send future: " + message);
        }
        futures.put(token, future);
        return true;
    }

    void forget(String token) {
        futures.remove(token);
    }

    /** The future of the send that carried {@code token}, which {@code StreamBridge.send} has just made. */
    CompletableFuture<?> take(String token, String binding) {
        CompletableFuture<?> future = futures.remove(token);
        if (future == null) {
            throw new IllegalStateException("binding " + binding + " gave no send future for " + token
                    + ": is it a Kafka producer binding customized by " + RelaySends.class.getSimpleName() + "?");
        }
        return future;
    }
}
