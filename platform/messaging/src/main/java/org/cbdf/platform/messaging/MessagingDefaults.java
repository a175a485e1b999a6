package org.cbdf.platform.messaging;

import java.util.Map;

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
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "cbdfMessagingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "spring.datasource.hikari.connection-timeout", "5000",
                "spring.cloud.stream.kafka.binder.producer-properties.linger.ms", "0")));
    }
}
