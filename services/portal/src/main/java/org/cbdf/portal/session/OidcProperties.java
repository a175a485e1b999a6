package org.cbdf.portal.session;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak is. The issuer is the realm URL that tokens carry and that browsers reach (login and logout
 * pages); the back channel is where the portal itself reaches the same realm (token, key set and user info).
 * They differ in docker-compose, where the browser uses {@code http://localhost:8180} and the portal's
 * container {@code http://keycloak:8080}; without a back channel the portal uses the issuer for both.
 */
@ConfigurationProperties("cbdf.portal.oidc")
record OidcProperties(URI issuerUri, URI backchannelUri, String clientId) {

    OidcProperties {
        if (issuerUri == null) {
            throw new IllegalStateException("cbdf.portal.oidc.issuer-uri must name the realm (OIDC_ISSUER_URI)");
        }
        if (backchannelUri != null && backchannelUri.toString().isBlank()) {
            backchannelUri = null;
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "portal";
        }
    }

    URI effectiveBackchannelUri() {
        return backchannelUri == null ? issuerUri : backchannelUri;
    }
}
