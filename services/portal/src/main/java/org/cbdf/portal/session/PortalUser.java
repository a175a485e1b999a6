package org.cbdf.portal.session;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import tools.jackson.databind.JsonNode;

/**
 * The signed-in user as the services will see them: the roles, organisation and jurisdiction of the access
 * token the portal forwards. The services validate the token; here it only decides what to show.
 */
public record PortalUser(String username, List<String> roles, String organization, String jurisdiction, String token) {

    static final List<String> ROLES = List.of("ENTERPRISE", "REGULATOR", "AUDITOR", "POLICY_ADMIN");

    static PortalUser of(OAuth2AuthorizedClient client) {
        String token = client.getAccessToken().getTokenValue();
        Map<String, Object> claims = claims(token);
        return new PortalUser((String) claims.getOrDefault("preferred_username", client.getPrincipalName()),
                realmRoles(claims), (String) claims.get("organization"), (String) claims.get("jurisdiction"), token);
    }

    /** The claims of an access token the portal received from Keycloak's token endpoint itself. */
    static Map<String, Object> claims(String accessToken) {
        try {
            return JWTParser.parse(accessToken).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new IllegalStateException("the access token from Keycloak is not a JWT", e);
        }
    }

    /** The platform's realm roles among {@code realm_access.roles} (Keycloak's own, like offline_access, left out). */
    static List<String> realmRoles(Map<String, Object> claims) {
        return claims.get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> names
                ? names.stream().map(Object::toString).filter(ROLES::contains).toList()
                : List.of();
    }

    public boolean isRegulator() {
        return roles.contains("REGULATOR");
    }

    public boolean isAuditor() {
        return roles.contains("AUDITOR");
    }

    public boolean isEnterprise() {
        return roles.contains("ENTERPRISE");
    }

    public boolean isPolicyAdmin() {
        return roles.contains("POLICY_ADMIN");
    }

    /** Whether the portal shows this user the adequacy reviews and the recognition map (enterprises take no part). */
    public boolean readsReviews() {
        return isRegulator() || isPolicyAdmin() || isAuditor();
    }

    /** Whether the transfer API shows this user any transfer (it shows a policy administrator none). */
    public boolean readsTransfers() {
        return isRegulator() || isAuditor() || isEnterprise();
    }

    /** Whether the dispute API shows this user any case: its parties, its panel's regulators, auditors. */
    public boolean readsDisputes() {
        return readsTransfers();
    }

    /**
     * Whether the transfer service would take this user's decision on the transfer: a regulator whose
     * jurisdiction is among the required approvals, while the transfer awaits approval, once per jurisdiction.
     */
    public boolean mayDecide(JsonNode transfer) {
        if (!isRegulator() || jurisdiction == null || transfer == null
                || !"AWAITING_APPROVAL".equals(transfer.path("status").asString())) {
            return false;
        }
        return isApprover(transfer) && !hasDecided(transfer);
    }

    /** Whether the transfer needs the approval of this user's jurisdiction (as a regulator). */
    public boolean isApprover(JsonNode transfer) {
        return isRegulator() && jurisdiction != null && transfer.path("requiredApprovals").valueStream()
                .anyMatch(approver -> jurisdiction.equals(approver.asString()));
    }

    /** Whether this user's jurisdiction has already decided on the transfer. */
    public boolean hasDecided(JsonNode transfer) {
        return jurisdiction != null && transfer.path("decisions").valueStream()
                .anyMatch(decision -> jurisdiction.equals(decision.path("jurisdiction").asString()));
    }

    /** Never the token: a user may end up in a log line. */
    @Override
    public String toString() {
        return "PortalUser[" + username + ", " + roles + ", " + organization + ", " + jurisdiction + "]";
    }
}
