package org.cbdf.platform.security;

/** Realm roles of the {@code governance} realm (docs/design.md §6). */
public enum Role {
    ENTERPRISE, REGULATOR, AUDITOR, POLICY_ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
