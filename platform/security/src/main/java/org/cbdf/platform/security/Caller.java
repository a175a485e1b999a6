package org.cbdf.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the validated access token. The organisation of an enterprise and the jurisdiction
 * of a regulator always come from here, never from a request body.
 */
public record Caller(String subject, String username, Set<Role> roles, Optional<String> organization,
        Optional<String> jurisdiction) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The enterprise's organisation; fails if the token carries none (a misconfigured client). */
    public String requiredOrganization() {
        return organization.orElseThrow(() -> new MissingClaimException("organization"));
    }

    /** The regulator's jurisdiction; fails if the token carries none. */
    public String requiredJurisdiction() {
        return jurisdiction.orElseThrow(() -> new MissingClaimException("jurisdiction"));
    }
}
