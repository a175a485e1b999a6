package org.cbdf.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

class RealmRoleAuthoritiesTests {

    @Test
    void theRealmRolesOfTheAccessTokenBecomeRoleAuthoritiesKeycloaksOwnDoNot() {
        Instant now = Instant.now();
        OidcIdToken idToken = OidcIdToken.withTokenValue("id").subject("sub-regulator-cn")
                .claim("preferred_username", "regulator-cn").issuedAt(now).expiresAt(now.plusSeconds(60)).build();
        var service = new RealmRoleAuthorities(request -> new DefaultOidcUser(
                Set.of(new SimpleGrantedAuthority("OIDC_USER")), idToken, "sub"));
        String token = PortalUsers.accessToken("regulator-cn", List.of("REGULATOR"), "cac", "CN");

        OidcUser user = service.loadUser(new OidcUserRequest(PortalUsers.REGISTRATION,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now, now.plusSeconds(60)), idToken));

        assertThat(user.getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("OIDC_USER", "ROLE_REGULATOR");
        assertThat(user.getName()).isEqualTo("regulator-cn");
    }
}
