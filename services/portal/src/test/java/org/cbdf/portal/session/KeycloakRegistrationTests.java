package org.cbdf.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRegistrationTests {

    static final String PUBLIC_ISSUER = "http://localhost:8180/realms/governance";
    static final String BACKCHANNEL = "http://keycloak:8080/realms/governance";

    @Test
    void withoutABackChannelEveryEndpointIsUnderTheIssuer() {
        ClientRegistration registration = KeycloakRegistration.of(
                new OidcProperties(URI.create(PUBLIC_ISSUER), null, null));

        var provider = registration.getProviderDetails();
        assertThat(provider.getIssuerUri()).isEqualTo(PUBLIC_ISSUER);
        assertThat(provider.getAuthorizationUri()).isEqualTo(PUBLIC_ISSUER + "/protocol/openid-connect/auth");
        assertThat(provider.getTokenUri()).isEqualTo(PUBLIC_ISSUER + "/protocol/openid-connect/token");
        assertThat(provider.getJwkSetUri()).isEqualTo(PUBLIC_ISSUER + "/protocol/openid-connect/certs");
        assertThat(provider.getUserInfoEndpoint().getUri()).isEqualTo(PUBLIC_ISSUER + "/protocol/openid-connect/userinfo");
        assertThat(provider.getConfigurationMetadata())
                .containsEntry("end_session_endpoint", PUBLIC_ISSUER + "/protocol/openid-connect/logout");
        assertThat(registration.getClientId()).isEqualTo("portal");
        assertThat(registration.getRegistrationId()).isEqualTo("keycloak");
        assertThat(provider.getUserInfoEndpoint().getUserNameAttributeName()).isEqualTo("preferred_username");
    }

    @Test
    void withABackChannelTheBrowsersEndpointsStayUnderTheIssuerAndThePortalsMoveToTheBackChannel() {
        ClientRegistration registration = KeycloakRegistration.of(
                new OidcProperties(URI.create(PUBLIC_ISSUER + "/"), URI.create(BACKCHANNEL + "/"), "portal"));

        var provider = registration.getProviderDetails();
        // what tokens carry and what the browser visits
        assertThat(provider.getIssuerUri()).isEqualTo(PUBLIC_ISSUER + "/");
        assertThat(provider.getAuthorizationUri()).isEqualTo(PUBLIC_ISSUER + "/protocol/openid-connect/auth");
        assertThat(provider.getConfigurationMetadata())
                .containsEntry("end_session_endpoint", PUBLIC_ISSUER + "/protocol/openid-connect/logout");
        // what the portal's container calls itself
        assertThat(provider.getTokenUri()).isEqualTo(BACKCHANNEL + "/protocol/openid-connect/token");
        assertThat(provider.getJwkSetUri()).isEqualTo(BACKCHANNEL + "/protocol/openid-connect/certs");
        assertThat(provider.getUserInfoEndpoint().getUri()).isEqualTo(BACKCHANNEL + "/protocol/openid-connect/userinfo");
    }

    @Test
    void aBlankBackChannelMeansTheIssuer() {
        var properties = new OidcProperties(URI.create(PUBLIC_ISSUER), URI.create(""), "");

        assertThat(properties.effectiveBackchannelUri()).hasToString(PUBLIC_ISSUER);
        assertThat(properties.clientId()).isEqualTo("portal");
    }

    @Test
    void theBrowserIsSentToTheIssuersLoginPageWithPkce() {
        ClientRegistration registration = KeycloakRegistration.of(
                new OidcProperties(URI.create(PUBLIC_ISSUER), URI.create(BACKCHANNEL), "portal"));
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(
                new InMemoryClientRegistrationRepository(registration), "/oauth2/authorization");
        var request = new MockHttpServletRequest("GET", "/oauth2/authorization/keycloak");
        request.setServletPath("/oauth2/authorization/keycloak");

        OAuth2AuthorizationRequest authorization = resolver.resolve(request);

        assertThat(registration.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(authorization.getAuthorizationRequestUri())
                .startsWith(PUBLIC_ISSUER + "/protocol/openid-connect/auth?")
                .contains("client_id=portal", "code_challenge=", "code_challenge_method=S256", "scope=openid%20profile");
    }

    @Test
    void anIdTokenMustComeFromTheIssuerNotFromTheBackChannel() {
        ClientRegistration registration = KeycloakRegistration.of(
                new OidcProperties(URI.create(PUBLIC_ISSUER), URI.create(BACKCHANNEL), "portal"));
        var validator = new OidcIdTokenValidator(registration);

        assertThat(validator.validate(idToken(PUBLIC_ISSUER)).hasErrors()).isFalse();
        assertThat(validator.validate(idToken(BACKCHANNEL)).getErrors())
                .anySatisfy(error -> assertThat(error.getDescription()).contains("iss"));
    }

    private static Jwt idToken(String issuer) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("id-token").header("alg", "RS256").issuer(issuer).subject("sub-regulator-cn")
                .audience(java.util.List.of("portal")).issuedAt(now).expiresAt(now.plusSeconds(300)).build();
    }
}
