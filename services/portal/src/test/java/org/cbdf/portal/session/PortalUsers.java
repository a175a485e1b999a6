package org.cbdf.portal.session;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Client;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Signed-in users as the realm's demo users are: their access token carries the realm roles, organisation
 * and jurisdiction the services read; the portal holds it in the session and forwards it.
 */
public final class PortalUsers {

    public static final String ISSUER = "http://127.0.0.1:9/realms/governance";
    public static final ClientRegistration REGISTRATION = KeycloakRegistration.of(
            new OidcProperties(URI.create(ISSUER), null, "portal"));

    /** A user: its name, the access token the services receive, and the session that carries it. */
    public record TestUser(String username, String accessToken, String idToken, RequestPostProcessor session) {
    }

    private PortalUsers() {
    }

    public static TestUser regulator(String jurisdiction) {
        return user("regulator-" + jurisdiction.toLowerCase(java.util.Locale.ROOT), List.of("REGULATOR"), null,
                jurisdiction);
    }

    public static TestUser enterprise() {
        return user("enterprise-cn", List.of("ENTERPRISE"), "acme-cn", "CN");
    }

    public static TestUser auditor() {
        return user("auditor", List.of("AUDITOR"), null, null);
    }

    public static TestUser policyAdmin() {
        return user("policy-admin", List.of("POLICY_ADMIN"), null, null);
    }

    public static String accessToken(String username, List<String> roles, String organization, String jurisdiction) {
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("sub-" + username)
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", java.util.stream.Stream
                        .concat(roles.stream(), java.util.stream.Stream.of("default-roles-governance", "offline_access"))
                        .toList()))
                .audience("governance-api");
        if (organization != null) {
            claims.claim("organization", organization);
        }
        if (jurisdiction != null) {
            claims.claim("jurisdiction", jurisdiction);
        }
        return new PlainJWT(claims.build()).serialize();
    }

    private static TestUser user(String username, List<String> roles, String organization, String jurisdiction) {
        String token = accessToken(username, roles, organization, jurisdiction);
        String idToken = "id-token-of-" + username;
        Instant now = Instant.now();
        OidcIdToken id = OidcIdToken.withTokenValue(idToken).issuer(ISSUER).subject("sub-" + username)
                .claim("preferred_username", username).issuedAt(now).expiresAt(now.plusSeconds(900)).build();
        // the authorities RealmRoleAuthorities gives at login
        var authorities = roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        var login = oidcLogin().oidcUser(new DefaultOidcUser(authorities, id, "preferred_username"))
                .clientRegistration(REGISTRATION);
        var client = oauth2Client(KeycloakRegistration.ID).clientRegistration(REGISTRATION).principalName(username)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now, now.plusSeconds(900)));
        return new TestUser(username, token, idToken, request -> client.postProcessRequest(login.postProcessRequest(request)));
    }
}
