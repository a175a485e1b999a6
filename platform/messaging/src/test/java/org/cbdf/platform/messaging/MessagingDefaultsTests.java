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
}
