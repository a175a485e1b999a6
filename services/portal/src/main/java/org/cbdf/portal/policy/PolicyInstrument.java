package org.cbdf.portal.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What a policy administrator changes the status of: adequacy decisions and mutual-recognition agreements,
 * each named as the policy API names its collection ({@code /api/v1/<path>}) and shown under the portal's
 * {@code /policy/<path>}. Both take the same statuses (the policy service's DecisionStatus), two of them in
 * force.
 */
public enum PolicyInstrument {
    ADEQUACY_DECISIONS("adequacy-decisions", "adequacy"),
    RECOGNITION_AGREEMENTS("recognition-agreements", "agreement");

    /** The policy service's DecisionStatus, in its order. */
    public static final List<String> STATUSES = List.of("ACTIVE", "UNDER_CHALLENGE", "SUSPENDED", "REVOKED");
    private static final List<String> IN_FORCE = List.of("ACTIVE", "UNDER_CHALLENGE");

    private final String path;
    private final String messages;

    PolicyInstrument(String path, String messages) {
        this.path = path;
        this.messages = messages;
    }

    public String path() {
        return path;
    }

    /** The prefix of its message keys: {@code policy.adequacy.*}, {@code policy.agreement.*}. */
    public String messages() {
        return messages;
    }

    /** When an instrument applies, as far as the policy data says: either date may be absent. */
    public record Validity(String from, String until) {

        /** The message key that reads it: {@code policy.validity.fromTo}, {@code .from}, {@code .until}, {@code .none}. */
        public String key() {
            return "policy.validity." + (from != null ? (until != null ? "fromTo" : "from") : (until != null ? "until" : "none"));
        }
    }

    /** An adequacy decision applies from its adoption, an agreement from {@code validFrom}; both until {@code validUntil}. */
    public Validity validity(JsonNode item) {
        return new Validity(date(item.get(this == ADEQUACY_DECISIONS ? "adopted" : "validFrom")), date(item.get("validUntil")));
    }

    private static String date(JsonNode value) {
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    static Optional<PolicyInstrument> of(String path) {
        return Arrays.stream(values()).filter(instrument -> instrument.path.equals(path)).findFirst();
    }

    static boolean inForce(String status) {
        return IN_FORCE.contains(status);
    }

    /** For the pages: whether a status keeps the instrument in force (ACTIVE, UNDER_CHALLENGE). */
    public boolean keepsInForce(String status) {
        return inForce(status);
    }

    /**
     * What a change from one status to another does to the transfers relying on it (PolicyAdministration):
     * leaving force reassesses them; any other change reassesses nothing.
     */
    static String consequence(String from, String to) {
        if (inForce(from) && !inForce(to)) {
            return "reassesses";
        }
        return inForce(from) ? "staysInForce" : inForce(to) ? "restores" : "staysOutOfForce";
    }
}
