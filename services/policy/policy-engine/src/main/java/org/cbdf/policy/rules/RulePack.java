package org.cbdf.policy.rules;

import java.util.List;
import java.util.Set;

/**
 * The export rules of one jurisdiction (or a bloc that shares them, like the EEA under the GDPR).
 *
 * @param jurisdiction       label of the law's jurisdiction in the trace ({@code CN}, {@code EU})
 * @param appliesTo          exporting jurisdictions the pack governs
 * @param adequacyAuthority  whose adequacy decisions count ({@code EU}), or null
 * @param perDestination     whether the rules depend on the destination, so each destination is judged apart
 */
record RulePack(String jurisdiction, String name, Set<String> appliesTo, String adequacyAuthority,
        boolean perDestination, List<Rule> rules) {

    RulePack {
        appliesTo = Set.copyOf(appliesTo);
        rules = List.copyOf(rules);
    }
}
