package org.cbdf.portal.session;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Gives the signed-in user the realm roles of their access token as {@code ROLE_*} authorities, so that the
 * portal's URL rules can keep a page to the roles whose API calls it makes (Keycloak puts realm roles in the
 * access token only, not in the ID token). The token comes straight from Keycloak's token endpoint.
 */
class RealmRoleAuthorities implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;

    RealmRoleAuthorities(OAuth2UserService<OidcUserRequest, OidcUser> delegate) {
        this.delegate = delegate;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
        PortalUser.realmRoles(PortalUser.claims(request.getAccessToken().getTokenValue()))
                .forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                .getUserNameAttributeName();
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameAttribute);
    }
}
