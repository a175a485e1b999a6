package org.cbdf.policy.rules;

import java.util.List;

/**
 * A jurisdiction the engine knows.
 *
 * @param rulePack             whether an export rule pack governs exports from it
 * @param rulePackJurisdiction the label of that pack ({@code CN}, {@code EU}), or null if there is none yet
 */
public record JurisdictionInfo(String code, String name, List<String> blocs, boolean rulePack,
        String rulePackJurisdiction) {
}
