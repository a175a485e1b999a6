package org.cbdf.policy.rules;

import java.util.List;

/** A rule pack as the API shows it. */
public record RulePackInfo(String jurisdiction, String name, List<String> appliesTo, List<String> rules, String yaml) {
}
