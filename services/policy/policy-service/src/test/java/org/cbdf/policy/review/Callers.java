package org.cbdf.policy.review;

import java.util.Optional;
import java.util.Set;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;

/** Object Mother of callers, as the resource server builds them from tokens. */
final class Callers {

    private Callers() {
    }

    static Caller regulator(String jurisdiction) {
        return new Caller("sub-" + jurisdiction, "regulator-" + jurisdiction.toLowerCase(), Set.of(Role.REGULATOR),
                Optional.empty(), Optional.of(jurisdiction));
    }

    static Caller enterprise(String organization) {
        return new Caller("sub-" + organization, "alice@" + organization, Set.of(Role.ENTERPRISE),
                Optional.of(organization), Optional.of("BR"));
    }

    static Caller auditor() {
        return new Caller("sub-auditor", "auditor", Set.of(Role.AUDITOR), Optional.empty(), Optional.empty());
    }

    static Caller policyAdmin() {
        return new Caller("sub-admin", "policy-admin", Set.of(Role.POLICY_ADMIN), Optional.empty(), Optional.empty());
    }
}
