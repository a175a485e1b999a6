package org.cbdf.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rate limit of a service's API, per client: a token bucket of {@code burst} requests refilled at
 * {@code requestsPerSecond}. The defaults leave room for the platform's own tests and the portal; a load test
 * switches the limit off ({@code CBDF_WEB_RATELIMIT_ENABLED=false}) or raises it
 * ({@code CBDF_WEB_RATELIMIT_REQUESTSPERSECOND}, {@code CBDF_WEB_RATELIMIT_BURST}).
 *
 * @param enabled           whether requests are limited at all
 * @param requestsPerSecond the sustained rate a client may keep up
 * @param burst             how many requests a client may send at once before the rate applies
 * @param exemptPaths       paths never limited (Ant-style patterns): the probes on the API port (the actuator's own
 *                          port, {@code management.server.port}, is not limited at all)
 */
@ConfigurationProperties("cbdf.web.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") long requestsPerSecond,
        @DefaultValue("200") long burst,
        @DefaultValue({ "/livez", "/readyz" }) List<String> exemptPaths) {

    public RateLimitProperties {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("cbdf.web.rate-limit.requests-per-second must be at least 1, was "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("cbdf.web.rate-limit.burst must be at least 1, was " + burst);
        }
        exemptPaths = List.copyOf(exemptPaths);
    }
}
