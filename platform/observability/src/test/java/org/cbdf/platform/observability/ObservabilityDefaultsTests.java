package org.cbdf.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityDefaultsTests {

    @Test
    void defaultsApplyUnlessTheServiceOrTheEnvironmentSetsTheProperty() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "spring.application.name", "transfer-service",
                "management.tracing.sampling.probability", "0.25")));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
        assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("transfer-service");
        assertThat(environment.getProperty("management.opentelemetry.resource-attributes.service.name"))
                .isEqualTo("transfer-service");
        assertThat(environment.getProperty("management.metrics.distribution.percentiles-histogram.cbdf"))
                .isEqualTo("true");
        assertThat(environment.getProperty("management.endpoint.health.probes.add-additional-paths"))
                .as("/livez and /readyz on the API port, where the actuator itself is not").isEqualTo("true");
        assertThat(environment.containsProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .as("no exporter unless an endpoint is configured").isFalse();
    }

    @Test
    void springSecuritysObservationsAreOffButTheRequestsOwnStays() {
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withInitializer(context -> new ObservabilityDefaults()
                        .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(
                        org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration.class))
                // a handler, as the tracing and metrics ones are in a service: without one every observation is a no-op
                .withBean(io.micrometer.observation.ObservationHandler.class,
                        () -> (io.micrometer.observation.ObservationHandler<io.micrometer.observation.Observation.Context>) c -> true)
                .run(context -> {
                    var registry = context.getBean(io.micrometer.observation.ObservationRegistry.class);
                    assertThat(io.micrometer.observation.Observation.start("spring.security.filterchains", registry)
                            .isNoop()).isTrue();
                    assertThat(io.micrometer.observation.Observation.start("http.server.requests", registry)
                            .isNoop()).isFalse();
                });
    }
}
