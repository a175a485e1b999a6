package org.cbdf.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cbdf.platform.eventbus.KafkaCredentials;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of every service with a database, added with the lowest precedence (a service's {@code application.yml},
 * the environment or the command line override them): a connection the pool cannot hand out within 5 seconds (the
 * database down or refusing connections) fails then rather than after HikariCP's 30, so that an API request is
 * answered {@code 503} while the client still waits ({@code StoreUnavailableProblems}) and a consumer backs off and
 * retries ({@link ConsumerErrorHandling}) instead of holding its partition for half a minute per attempt.
 * <p>
 * Producers send at once ({@code linger.ms} 0, Kafka 4's default being 5 ms): when the platform is quiet the relay
 * has one event to send and waits for its acknowledgement, and lingering would add 5 ms to every hop; under load
 * the relay hands the producer a whole round at once, which it batches while earlier requests are in flight.
 * <p>
 * Every Kafka client of a service authenticates (SASL/OAUTHBEARER, the OAuth 2.0 client-credentials grant at the
 * platform's Keycloak: {@code KAFKA_TOKEN_ENDPOINT}, {@code KAFKA_CLIENT_ID} defaulting to the application's name,
 * {@code KAFKA_CLIENT_SECRET} without a default, {@code KAFKA_SECURITY_PROTOCOL} {@code SASL_PLAINTEXT} or
 * {@code SASL_SSL}): the binder's common client configuration carries it to every producer, consumer and admin client,
 * dead letters included. Topics exist before a service starts (provisioned from the event bus plan), so the binder
 * neither creates topics nor adds partitions: a service's principal may do neither.
 * <p>
 * Every binding works the same way in every service ({@link #STREAM_DEFAULTS}), so that a service's
 * {@code application.yml} holds only its own: destinations, groups and dead-letter topics. A consumer takes a poll
 * in one transaction ({@code batch-mode}, {@link EventBatches}), its records as bytes ({@code use-native-decoding},
 * read by {@link KafkaCloudEvents}); a record that fails is tried 3 times, 200 ms apart, then dead-lettered
 * ({@code enable-dlq}), one that can never be handled ({@link InvalidEventException}) at once; every failure from
 * the database or the broker is retried until it works ({@link ConsumerErrorHandling}). A producer (the outbox
 * relay's output) sends the CloudEvent it is handed ({@code use-native-encoding}, {@link CloudEventOrBytesSerializer})
 * idempotently, acknowledged by all in-sync replicas (its topic's partition count is the service's, with the topic:
 * a default would fail the binding of any topic sized otherwise). A consumer binding names its
 * {@code dlq-name}: the binder derives none for the container's dead-letter publisher (its
 * {@code error.<destination>.<group>} is only the provisioner's and the error channel's), and the event bus plan
 * provisions each dead-letter topic by name.
 * <p>
 * These defaults are added only where no property source (the service's {@code application.yml}, the environment,
 * SpringApplication's default properties) sets the key: the binder binds the {@code spring.cloud.stream.default.*}
 * and {@code spring.cloud.stream.kafka.default.*} properties first and a binding's own over them.
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "cbdfMessagingDefaults";

    /** The service's Kafka credentials: {@code cbdf.kafka.client-id}, {@code client-secret}, {@code token-endpoint}. */
    static final String KAFKA = "cbdf.kafka.";

    private static final String BINDER_CONFIGURATION = "spring.cloud.stream.kafka.binder.configuration.";

    /** What every service's bindings share; a service's own entry for a key wins. */
    static final Map<String, String> STREAM_DEFAULTS = streamDefaults();

    private static Map<String, String> streamDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("spring.cloud.stream.kafka.binder.brokers", "${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}");
        defaults.put("spring.cloud.stream.kafka.binder.required-acks", "all");
        defaults.put("spring.cloud.stream.kafka.binder.producer-properties.enable.idempotence", "true");
        defaults.put("spring.cloud.stream.kafka.binder.producer-properties.value.serializer",
                CloudEventOrBytesSerializer.class.getName());
        defaults.put("spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset", "earliest");
        defaults.put("spring.cloud.stream.default.consumer.batch-mode", "true");
        defaults.put("spring.cloud.stream.default.consumer.use-native-decoding", "true");
        defaults.put("spring.cloud.stream.default.consumer.max-attempts", "3");
        defaults.put("spring.cloud.stream.default.consumer.back-off-initial-interval", "200");
        defaults.put("spring.cloud.stream.default.consumer.retryable-exceptions." + InvalidEventException.class.getName(),
                "false");
        defaults.put("spring.cloud.stream.kafka.default.consumer.enable-dlq", "true");
        defaults.put("spring.cloud.stream.default.producer.use-native-encoding", "true");
        return java.util.Collections.unmodifiableMap(defaults);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        STREAM_DEFAULTS.forEach((key, value) -> {
            if (!environment.containsProperty(key)) {
                defaults.put(key, value);
            }
        });
        defaults.put("spring.datasource.hikari.connection-timeout", "5000");
        defaults.put("spring.cloud.stream.kafka.binder.producer-properties.linger.ms", "0");
        defaults.put("spring.cloud.stream.kafka.binder.auto-create-topics", "false");
        defaults.put("spring.cloud.stream.kafka.binder.auto-add-partitions", "false");
        // placeholders with the environment as their default, not entries of their own: an entry here would hide the
        // same key set with lower precedence (SpringApplication's default properties, which tests use)
        KafkaCredentials.oauthClient(
                "${" + KAFKA + "security-protocol:${KAFKA_SECURITY_PROTOCOL:" + KafkaCredentials.DEFAULT_SECURITY_PROTOCOL + "}}",
                "${" + KAFKA + "token-endpoint:${KAFKA_TOKEN_ENDPOINT:"
                        + "http://127.0.0.1:8180/realms/governance/protocol/openid-connect/token}}",
                "${" + KAFKA + "client-id:${KAFKA_CLIENT_ID:${spring.application.name}}}",
                "${" + KAFKA + "client-secret:${KAFKA_CLIENT_SECRET}}")
                .forEach((name, value) -> defaults.put(BINDER_CONFIGURATION + name, value));
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }
}
