package org.cbdf.audit.verifier;

import java.time.Instant;
import java.util.List;

/**
 * {@value #ENTRY} of an export bundle: which leaves the bundle holds and what links them to the signed
 * checkpoints. A bundle is a zip with
 * <ul>
 * <li>{@value #ENTRY} — this record as JSON;</li>
 * <li>{@value #EVENTS} — one line per leaf {@code from … to-1}, in order:
 * {@code {"leafIndex":n,"leafHash":"<base64>","event":<the RFC 8785 canonical event, the leaf itself>}};</li>
 * <li>{@value #CHECKPOINTS}{@code <treeSize>.txt} — signed checkpoints (C2SP tlog-checkpoint notes);</li>
 * <li>{@value #PUBLIC_KEY_PEM} and {@value #VERIFIER_KEY} — the ledger's public key, for convenience: an
 * auditor checks against the key obtained independently ({@code --public-key}).</li>
 * </ul>
 *
 * @param format      {@value #FORMAT}
 * @param origin      the log's origin, the first line of its checkpoints and the name of its key
 * @param from        first leaf index in the bundle
 * @param to          leaves {@code from … to-1} are in the bundle; {@code to} is a tree size
 * @param prefix      the roots of the perfect subtrees left of {@code from} (the compact range of size
 *                    {@code from}, largest first, base64): with them the leaves rebuild every root from
 *                    {@code from} to {@code to}
 * @param consistency proofs linking the tree of size {@code to} to each checkpoint outside {@code from … to}
 * @param exportedAt  when the bundle was made
 */
public record BundleManifest(String format, String origin, long from, long to, List<String> prefix,
        List<ConsistencyProof> consistency, Instant exportedAt) {

    public static final String FORMAT = "cbdf-audit-bundle/1";
    public static final String ENTRY = "manifest.json";
    public static final String EVENTS = "events.ndjson";
    public static final String CHECKPOINTS = "checkpoints/";
    public static final String PUBLIC_KEY_PEM = "public-key.pem";
    public static final String VERIFIER_KEY = "public-key.vkey";

    public BundleManifest {
        prefix = prefix == null ? List.of() : List.copyOf(prefix);
        consistency = consistency == null ? List.of() : List.copyOf(consistency);
    }

    /** RFC 9162 consistency proof between two tree sizes, hashes base64. */
    public record ConsistencyProof(long from, long to, List<String> proof) {
    }
}
