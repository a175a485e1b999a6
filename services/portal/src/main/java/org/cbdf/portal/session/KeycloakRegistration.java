package org.cbdf.portal.session;

import java.net.URI;
import java.util.Map;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The portal's client registration, built from Keycloak's fixed endpoint paths instead of by discovery: the
 * portal starts while Keycloak is still starting, and the browser and the portal may reach Keycloak at
 * different addresses. What the browser visits (the login page, the logout page) is under the issuer; what
 * the portal calls itself (token, key set, user info) is under the back channel. ID tokens are still checked
 * against the issuer they must carry.
 */
final class KeycloakRegistration {

    static final String ID = "keycloak";

    private KeycloakRegistration() {
    }

    static ClientRegistration of(OidcProperties oidc) {
        String issuer = withoutTrailingSlash(oidc.issuerUri());
        String backchannel = withoutTrailingSlash(oidc.effectiveBackchannelUri());
        return ClientRegistration.withRegistrationId(ID)
                .clientName("Keycloak")
                .clientId(oidc.clientId())
                // a public client: authorization code with PKCE (S256), which Spring Security adds for it
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(oidc.issuerUri().toString())
                .authorizationUri(issuer + "/protocol/openid-connect/auth")
                .tokenUri(backchannel + "/protocol/openid-connect/token")
                .jwkSetUri(backchannel + "/protocol/openid-connect/certs")
                .userInfoUri(backchannel + "/protocol/openid-connect/userinfo")
                .userNameAttributeName("preferred_username")
                // read by OidcClientInitiatedLogoutSuccessHandler: logging out ends the Keycloak session too
                .providerConfigurationMetadata(Map.of("issuer", oidc.issuerUri().toString(),
                        "end_session_endpoint", issuer + "/protocol/openid-connect/logout"))
                .build();
    }

    private static String withoutTrailingSlash(URI uri) {
        String value = uri.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
