package org.cbdf.platform.security;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuerUri         the realm's issuer, e.g. {@code http://127.0.0.1:8180/realms/governance}; tokens
 *                          from any other issuer are refused
 * @param jwkSetUri         where the realm's signing keys are; defaults to Keycloak's path under the issuer
 * @param publicKeyLocation a PEM public key instead of the key set (tests with self-signed tokens)
 * @param audience          the audience every token must carry
 * @param publicPaths       paths of the API port reachable without a token (the platform's defaults: the probes
 *                          {@code /livez} and {@code /readyz}, the API description); the actuator's own port
 *                          ({@code management.server.port}) needs none
 * @param additionalPublicPaths a service's own anonymous paths, added to {@code publicPaths}
 */
@ConfigurationProperties("cbdf.security")
public record SecurityProperties(
        URI issuerUri,
        URI jwkSetUri,
        String publicKeyLocation,
        @DefaultValue("governance-api") String audience,
        @DefaultValue({ "/livez", "/readyz", "/v3/api-docs/**",
                "/swagger-ui/**", "/swagger-ui.html", "/error" }) List<String> publicPaths,
        @DefaultValue({}) List<String> additionalPublicPaths) {

    /** Every path reachable without a token: {@code publicPaths} and {@code additionalPublicPaths}. */
    public List<String> anonymousPaths() {
        return java.util.stream.Stream.concat(publicPaths.stream(), additionalPublicPaths.stream()).toList();
    }

    String[] allPublicPaths() {
        return anonymousPaths().toArray(String[]::new);
    }

    URI effectiveJwkSetUri() {
        if (jwkSetUri != null) {
            return jwkSetUri;
        }
        return URI.create(issuerUri.toString().replaceAll("/$", "") + "/protocol/openid-connect/certs");
    }
}
