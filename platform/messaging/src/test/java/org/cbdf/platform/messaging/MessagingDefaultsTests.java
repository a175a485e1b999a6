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
}
