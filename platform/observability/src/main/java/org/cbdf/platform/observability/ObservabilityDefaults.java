package org.cbdf.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's observability defaults, added with the lowest precedence so that a service's
 * {@code application.yml}, the environment (docker-compose, Helm) or the command line override each one:
 * <ul>
 * <li>logs as JSON lines (Elastic Common Schema) on the console, carrying {@code traceId} and {@code spanId};</li>
 * <li>every trace sampled (a governance platform's volume is low and an auditor asks about any one request;
 * lower {@code management.tracing.sampling.probability} where that is not so);</li>
 * <li>spans exported (OTLP over HTTP) only where {@code management.opentelemetry.tracing.export.otlp.endpoint}
 * (env {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}) names a collector, e.g.
 * {@code http://otel-collector:4318/v1/traces};</li>
 * <li>percentile histograms for HTTP requests and the platform's own timers ({@code cbdf.*}), so that
 * Prometheus computes p95/p99 across replicas;</li>
 * <li>the Prometheus, metrics, health and info endpoints exposed, on the port a service names in
 * {@code management.server.port}, with liveness and readiness probes that also answer on the API port as
 * {@code /livez} and {@code /readyz}: a probe through the port that serves the traffic fails when that port cannot
 * take connections, which one on the management port would not notice;</li>
 * <li>no observations of Spring Security's filters, authentication and authorization (the HTTP request's
 * observation remains): they cost more under load than they tell.</li>
 * </ul>
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "cbdfObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.structured.ecs.service.name", "${spring.application.name:}");
        defaults.put("management.tracing.sampling.probability", "1.0");
        defaults.put("management.opentelemetry.resource-attributes.service.name", "${spring.application.name:}");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.cbdf", "true");
        defaults.put("management.metrics.tags.application", "${spring.application.name:}");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.probes.add-additional-paths", "true");
        // one observation (span) per security filter, authentication and authorization of every request: under
        // load a third of a request's CPU (docs/performance.md); the request's own observation stays
        defaults.put("management.observations.enable.spring.security", "false");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }
}
