package org.cbdf.audit.ledger;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.messaging.InvalidEventException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of the ledger's batch binding, in the listener container rather than the binder: in
 * batch mode the binder's own dead-lettering would send the whole poll to the dead-letter topic. Here Spring Kafka's
 * {@link DefaultErrorHandler} takes the index a {@link BatchListenerFailedException} names ({@link LedgerIntake}):
 * it commits the records before it, retries the failed one with the binding's back-off ({@code max-attempts},
 * {@code back-off-*}) unless it can never succeed ({@link InvalidEventException}), then publishes it to the
 * binding's {@code dlq-name} and redelivers the records after it.
 * <p>
 * The dead letter is the record as it was consumed — key, value bytes, headers — plus the headers the binder's
 * dead letters have always carried ({@code x-original-topic}, {@code -partition}, {@code -offset}, {@code
 * -timestamp}, {@code -timestamp-type}, {@code x-exception-fqcn}, {@code x-exception-message}, {@code
 * x-exception-stacktrace}), the exception being the reason the record was refused, not its wrappers.
 */
class LedgerDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;

    /**
     * @param brokers the binder's brokers
     * @param clientConfiguration the binder's common client configuration (security and the like)
     */
    LedgerDeadLetters(String brokers, Map<String, String> clientConfiguration) {
        Map<String, Object> configuration = new HashMap<>(clientConfiguration);
        configuration.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        configuration.put(ProducerConfig.ACKS_CONFIG, "all");
        configuration.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producers = new DefaultKafkaProducerFactory<>(configuration, new StringSerializer(),
                new ByteArraySerializer());
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        if (dlqDestinationResolver == null) {
            // a binding without enable-dlq keeps the binder's handling
            return;
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, dlqDestinationResolver);
        recoverer.setHeaderNamesSupplier(LedgerDeadLetters::binderHeaderNames);
        recoverer.setExceptionHeadersCreator(LedgerDeadLetters::reasonHeaders);
        DefaultErrorHandler errors = new DefaultErrorHandler(recoverer,
                backOff == null ? new FixedBackOff(0L, 0L) : backOff);
        errors.addNotRetryableExceptions(InvalidEventException.class);
        container.setCommonErrorHandler(errors);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    private static HeaderNames binderHeaderNames() {
        return HeaderNames.Builder.original()
                .topicHeader(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC)
                .partitionHeader(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)
                .offsetHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
                .timestampHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP)
                .timestampTypeHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE)
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .exceptionFqcn(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .exceptionMessage(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE)
                .exceptionStacktrace(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE)
                .keyExceptionFqcn("x-key-exception-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .build();
    }

    private static void reasonHeaders(Headers headers, Exception thrown, boolean isKey, HeaderNames names) {
        Throwable reason = reason(thrown);
        HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), reason.getClass().getName());
        if (reason.getMessage() != null) {
            replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), reason.getMessage());
        }
        StringWriter trace = new StringWriter();
        reason.printStackTrace(new PrintWriter(trace, true));
        replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(), trace.toString());
    }

    /** Why the record was refused: the cause a {@link BatchListenerFailedException} carries, not its wrappers. */
    static Throwable reason(Throwable thrown) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof BatchListenerFailedException failed && failed.getCause() != null) {
                return failed.getCause();
            }
        }
        return thrown;
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
