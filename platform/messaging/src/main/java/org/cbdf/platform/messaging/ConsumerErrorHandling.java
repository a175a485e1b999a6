package org.cbdf.platform.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.messaging.MessagingException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of every consumer binding, in the listener container (Spring Kafka's
 * {@link DefaultErrorHandler}) rather than in the binder, because a failure is handled by its kind:
 * <ul>
 * <li>an event that can never be handled ({@link InvalidEventException}, or an exception the binding lists as not
 * retryable) goes to the binding's {@code dlq-name} at once;</li>
 * <li>a failure of the infrastructure ({@link TransientFailures}: the database refusing connections, restarting,
 * a deadlock) says nothing about the event: it is retried, backing off up to {@link #TRANSIENT_MAX_INTERVAL}, for as
 * long as it lasts, each attempt logged and counted ({@code cbdf.events.retried}); the partition waits, the events
 * behind it keep their order, nothing is dead-lettered because a database was down;</li>
 * <li>any other failure is retried with the binding's back-off ({@code max-attempts}, {@code back-off-*}) and then
 * dead-lettered.</li>
 * </ul>
 * A dead letter is the record as it was consumed (key, value bytes, headers) plus the headers the binder's dead
 * letters carry ({@code x-original-topic}, {@code -partition}, {@code -offset}, {@code -timestamp}, {@code
 * -timestamp-type}, {@code x-exception-fqcn}, {@code x-exception-message}, {@code x-exception-stacktrace}), the
 * exception being the reason the record was refused, not the framework's wrappers; each is counted in
 * {@code cbdf.events.dead.lettered{group,topic,reason}}. In batch mode a {@link BatchListenerFailedException} names
 * the failed record: the ones before it are committed, it is handled as above, the ones after it redelivered.
 */
public class ConsumerErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    static final Duration TRANSIENT_INITIAL_INTERVAL = Duration.ofMillis(250);
    static final Duration TRANSIENT_MAX_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorHandling.class);

    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final KafkaTemplate<Object, Object> template;
    private final MeterRegistry meters;

    /**
     * @param brokers the binder's brokers
     * @param clientConfiguration the binder's common client configuration (security and the like)
     */
    public ConsumerErrorHandling(String brokers, Map<String, String> clientConfiguration, MeterRegistry meters) {
        Map<String, Object> configuration = new HashMap<>(clientConfiguration);
        configuration.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        configuration.put(ProducerConfig.ACKS_CONFIG, "all");
        configuration.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producers = new DefaultKafkaProducerFactory<>(configuration, asConsumed(), asConsumed());
        // dead letters are sent synchronously, so nothing is pending at shutdown: no need to wait for a broker
        // that may already be gone
        this.producers.setPhysicalCloseTimeout(1);
        this.template = new KafkaTemplate<>(producers);
        this.meters = meters;
    }

    /** Keys and values go out as they came in: bytes, or text where a binding decodes to text. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Serializer<Object> asConsumed() {
        Map<Class<?>, Serializer<?>> byType = new java.util.LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Bytes.class, new BytesSerializer());
        byType.put(String.class, new StringSerializer());
        return (Serializer) new DelegatingByTypeSerializer((Map) byType);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        container.setCommonErrorHandler(errorHandler(group, dlqDestinationResolver, backOff, properties));
    }

    DefaultErrorHandler errorHandler(String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        ConsumerRecordRecoverer recoverer;
        if (dlqDestinationResolver == null) {
            // a binding without enable-dlq: after its retries the record is logged (at ERROR) and skipped
            recoverer = (record, failure) -> {
                countDeadLettered(group, record, failure);
                log.error("{} gave up on {}-{}@{} (no dead-letter topic configured): {}", group, record.topic(),
                        record.partition(), record.offset(), reason(failure).toString(), reason(failure));
            };
        } else {
            DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                    dlqDestinationResolver);
            deadLetters.setHeaderNamesSupplier(ConsumerErrorHandling::binderHeaderNames);
            deadLetters.setExceptionHeadersCreator(ConsumerErrorHandling::reasonHeaders);
            deadLetters.setFailIfSendResultIsError(true);
            recoverer = (record, failure) -> {
                deadLetters.accept(record, failure);
                countDeadLettered(group, record, failure);
                log.warn("{} dead-lettered {}-{}@{}: {}", group, record.topic(), record.partition(), record.offset(),
                        reason(failure).toString());
            };
        }
        DefaultErrorHandler errors = new DefaultErrorHandler(recoverer,
                backOff == null ? new FixedBackOff(0L, 0L) : backOff);
        errors.addNotRetryableExceptions(InvalidEventException.class);
        if (properties != null && properties.getRetryableExceptions() != null) {
            properties.getRetryableExceptions().forEach((type, retryable) -> {
                if (!retryable && Exception.class.isAssignableFrom(type)) {
                    errors.addNotRetryableExceptions(type.asSubclass(Exception.class));
                }
            });
        }
        errors.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItWorks() : null);
        errors.setRetryListeners((record, failure, attempt) -> {
            if (TransientFailures.isTransient(failure)) {
                Counter.builder("cbdf.events.retried")
                        .description("Deliveries retried because the infrastructure failed (database down and the like)")
                        .tag("group", group == null ? "" : group).tag("topic", record.topic())
                        .tag("reason", rootCause(failure).getClass().getSimpleName())
                        .register(meters).increment();
                log.warn("{} could not handle {}-{}@{} (attempt {}), retrying until the infrastructure is back: {}",
                        group, record.topic(), record.partition(), record.offset(), attempt,
                        rootCause(failure).toString());
            }
        });
        return errors;
    }

    static BackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(TRANSIENT_INITIAL_INTERVAL.toMillis(), 2.0);
        backOff.setMaxInterval(TRANSIENT_MAX_INTERVAL.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    private void countDeadLettered(String group, ConsumerRecord<?, ?> record, Exception failure) {
        Counter.builder("cbdf.events.dead.lettered")
                .description("Records sent to a dead-letter topic, by consumer group, topic and reason")
                .tag("group", group == null ? "" : group)
                .tag("topic", record.topic())
                .tag("reason", reasonTag(failure))
                .register(meters).increment();
    }

    /** The metric's reason: {@link InvalidEventException} if the event was refused, else the root cause's type. */
    private static String reasonTag(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof InvalidEventException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (cause.getCause() != null && seen.add(cause)) {
            cause = cause.getCause();
        }
        return cause;
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

    /**
     * Why the record was refused: the first exception in the chain that is not one of the frameworks' wrappers
     * (the listener's, the binder's, a batch's pointer at the failed record).
     */
    static Throwable reason(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = thrown;
        while (t.getCause() != null && seen.add(t) && (t instanceof ListenerExecutionFailedException
                || t instanceof BatchListenerFailedException || t instanceof MessagingException)) {
            t = t.getCause();
        }
        return t;
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
