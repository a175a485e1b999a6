package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MessagingDefaultsTests {

    @Test
    void aPoolGivesUpWithinFiveSecondsAndProducersDoNotLingerUnlessTheServiceSaysOtherwise() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "spring.cloud.stream.kafka.binder.producer-properties.enable.idempotence", "true")));

        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("5000");
        // the binder reads its producer properties as one map: the service's entries and the default merge
        assertThat(Binder.get(environment).bind("spring.cloud.stream.kafka.binder.producer-properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("linger.ms", "0").containsEntry("enable.idempotence", "true");

        StandardEnvironment overridden = new StandardEnvironment();
        overridden.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "spring.datasource.hikari.connection-timeout", "30000")));
        new MessagingDefaults().postProcessEnvironment(overridden, new SpringApplication());
        assertThat(overridden.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("30000");
    }

    @Test
    void everyKafkaClientOfTheBinderLogsInWithTheServicesOwnOAuthClientAndCreatesNoTopic() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("environment", Map.of(
                "spring.application.name", "dispute-service",
                "KAFKA_CLIENT_SECRET", "s3cret",
                "KAFKA_TOKEN_ENDPOINT", "https://keycloak.example/realms/governance/protocol/openid-connect/token")));

        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());

        Map<String, String> client = Binder.get(environment).bind("spring.cloud.stream.kafka.binder.configuration",
                Bindable.mapOf(String.class, String.class)).get();
        assertThat(client)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("sasl.oauthbearer.client.credentials.client.id", "dispute-service")
                .containsEntry("sasl.oauthbearer.client.credentials.client.secret", "s3cret")
                .containsEntry("sasl.oauthbearer.token.endpoint.url",
                        "https://keycloak.example/realms/governance/protocol/openid-connect/token");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.auto-create-topics")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.auto-add-partitions")).isEqualTo("false");
    }

    @Test
    void aServiceWithoutItsKafkaSecretDoesNotStartAnonymously() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("environment", Map.of(
                "spring.application.name", "dispute-service")));
        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> environment.getProperty(
                "spring.cloud.stream.kafka.binder.configuration.sasl.oauthbearer.client.credentials.client.secret"))
                .hasMessageContaining("KAFKA_CLIENT_SECRET");
    }

    @Test
    void everyBindingWorksTheSameWayUnlessTheServiceSaysOtherwise() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "spring.cloud.stream.bindings.transferEvents-in-0.destination", "transfer.events",
                "spring.cloud.stream.bindings.transferEvents-in-0.group", "dispute-service",
                "spring.cloud.stream.kafka.bindings.transferEvents-in-0.consumer.dlq-name", "dispute-service.transfer.events.dlq",
                "spring.cloud.stream.bindings.slow-in-0.consumer.max-attempts", "5",
                "spring.cloud.stream.bindings.dispute-events.destination", "dispute.events",
                "spring.cloud.stream.kafka.binder.consumer-properties.key.deserializer", "StringDeserializer",
                "spring.cloud.stream.kafka.binder.required-acks", "1")));
        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
        // the binder binds spring.cloud.stream.default.* (and kafka.default.*) under each binding's own properties
        // (BindingHandlerAdvise); that it does is what every service's poison-message integration tests rely on
        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.batch-mode")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.use-native-decoding")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.max-attempts")).isEqualTo("3");
        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.retryable-exceptions."
                + InvalidEventException.class.getName())).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.default.consumer.enable-dlq")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.default.producer.use-native-encoding")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.slow-in-0.consumer.max-attempts")).isEqualTo("5");

        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers")).isEqualTo("127.0.0.1:9092");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isEqualTo("1");
        assertThat(Binder.get(environment).bind("spring.cloud.stream.kafka.binder.consumer-properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("auto.offset.reset", "earliest").containsEntry("key.deserializer", "StringDeserializer");
        assertThat(Binder.get(environment).bind("spring.cloud.stream.kafka.binder.producer-properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("enable.idempotence", "true")
                .containsEntry("value.serializer", CloudEventOrBytesSerializer.class.getName());
    }

    @Test
    void aDefaultDoesNotHideTheSameKeyFromSpringApplicationsDefaultProperties() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of(
                "spring.cloud.stream.kafka.binder.brokers", "broker.test:9093")));
        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
        // SpringApplication moves its default properties last after the post-processors ran
        environment.getPropertySources().addLast(environment.getPropertySources().remove("defaultProperties"));

        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers")).isEqualTo("broker.test:9093");
    }
}
