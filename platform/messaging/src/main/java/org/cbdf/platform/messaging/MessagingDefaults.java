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
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "cbdfMessagingDefaults";

    /** The service's Kafka credentials: {@code cbdf.kafka.client-id}, {@code client-secret}, {@code token-endpoint}. */
    static final String KAFKA = "cbdf.kafka.";

    private static final String BINDER_CONFIGURATION = "spring.cloud.stream.kafka.binder.configuration.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
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
