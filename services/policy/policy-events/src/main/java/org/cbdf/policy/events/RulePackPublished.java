package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * A new version of a jurisdiction's rule pack was validated, compiled and published
 * ({@value PolicyEvents#RULE_PACK_PUBLISHED_V1}); {@code packSha256} is the hash of the uploaded YAML.
 */
public record RulePackPublished(String jurisdiction, String name, List<String> rules, String packSha256,
        String publishedBy, Instant publishedAt, String previousPolicyVersion, String policyVersion) {
}
