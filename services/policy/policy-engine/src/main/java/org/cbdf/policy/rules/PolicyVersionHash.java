package org.cbdf.policy.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy's version: {@code sha256:} + the hex SHA-256 of the canonical JSON of all its files' content (keys sorted,
 * no whitespace) together with the engine's {@link #SEMANTICS_REVISION}. Comments and formatting do not change the
 * version; any change of content does, and so does a change of what the code makes of the same content.
 */
final class PolicyVersionHash {

    /**
     * Revision of what the request model, the CEL environment and the combination of outcomes mean in code.
     * Bump it with any change to {@link RequestModel} or {@link AssessmentEngine} that can change an assessment.
     */
    static final int SEMANTICS_REVISION = 2;

    private PolicyVersionHash() {
    }

    /** The version of the files' parsed content (path → YAML tree). */
    static String of(Map<String, Object> content) {
        Map<String, Object> versioned = new TreeMap<>();
        versioned.put("semanticsRevision", SEMANTICS_REVISION);
        versioned.put("files", content);
        return "sha256:" + sha256(CanonicalJson.write(versioned));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
