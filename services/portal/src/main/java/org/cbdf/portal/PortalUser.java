package org.cbdf.portal;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * The signed-in user as the services will see them: the roles, organisation and jurisdiction of the access
 * token the portal forwards. The services validate the token; here it only decides what to show.
 */
public record PortalUser(String username, List<String> roles, String organization, String jurisdiction, String token) {

    static PortalUser of(OAuth2AuthorizedClient client) {
        String token = client.getAccessToken().getTokenValue();
        try {
            Map<String, Object> claims = JWTParser.parse(token).getJWTClaimsSet().getClaims();
            List<String> roles = claims.get("realm_access") instanceof Map<?, ?> access
                    && access.get("roles") instanceof Collection<?> names
                            ? names.stream().map(Object::toString)
                                    .filter(r -> List.of("ENTERPRISE", "REGULATOR", "AUDITOR", "POLICY_ADMIN").contains(r))
                                    .toList()
                            : List.of();
            return new PortalUser((String) claims.getOrDefault("preferred_username", client.getPrincipalName()), roles,
                    (String) claims.get("organization"), (String) claims.get("jurisdiction"), token);
        } catch (ParseException e) {
            throw new IllegalStateException("the access token from Keycloak is not a JWT", e);
        }
    }

    public boolean isRegulator() {
        return roles.contains("REGULATOR");
    }

    public boolean isAuditor() {
        return roles.contains("AUDITOR");
    }
}
