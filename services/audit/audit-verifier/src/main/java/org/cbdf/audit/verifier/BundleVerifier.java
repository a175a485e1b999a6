package org.cbdf.audit.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an export bundle offline with the ledger's public key alone: every checkpoint's signature, every
 * leaf against the signed roots (recomputed from the leaves themselves), the consistency proofs to the
 * checkpoints outside the bundle's range, and the inclusion of chosen events. Stops at the first divergence
 * and names it: which leaf, and what is wrong with it.
 */
public final class BundleVerifier {

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * @param bundle     the zip
     * @param trustedKey the ledger's key as the auditor obtained it; empty: the key inside the bundle (which
     *                   only proves the bundle is self-consistent, not that the ledger signed it)
     * @param eventIds   events whose inclusion to prove
     */
    public Report verify(Path bundle, Optional<LogKey> trustedKey, Set<String> eventIds) throws IOException {
        Report report = new Report();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            BundleManifest manifest = readManifest(zip);
            if (!BundleManifest.FORMAT.equals(manifest.format())) {
                return report.fail(null, "unknown bundle format " + manifest.format() + ", expected "
                        + BundleManifest.FORMAT);
            }
            LogKey key;
            if (trustedKey.isPresent()) {
                key = trustedKey.get();
                report.info("public key " + key.keyId() + " (given)");
            } else {
                ZipEntry vkey = zip.getEntry(BundleManifest.VERIFIER_KEY);
                if (vkey == null) {
                    return report.fail(null, "no public key given and none in the bundle");
                }
                key = LogKey.fromVerifierKey(read(zip, vkey));
                report.warn("public key " + key.keyId() + " taken from the bundle itself: this proves the bundle is "
                        + "consistent, not that the ledger signed it; pass --public-key with the key you trust");
            }
            if (!key.name().equals(manifest.origin())) {
                return report.fail(null, "the bundle is of log " + manifest.origin() + " but the key is "
                        + key.name() + "'s");
            }
            TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
            for (ZipEntry entry : entries(zip)) {
                if (entry.getName().startsWith(BundleManifest.CHECKPOINTS) && !entry.isDirectory()) {
                    Checkpoint checkpoint;
                    try {
                        checkpoint = Checkpoint.open(read(zip, entry), key);
                    } catch (Checkpoint.InvalidCheckpointException e) {
                        return report.fail(null, entry.getName() + ": " + e.getMessage());
                    }
                    if (!checkpoint.origin().equals(manifest.origin())) {
                        return report.fail(null, entry.getName() + " is a checkpoint of another log: "
                                + checkpoint.origin());
                    }
                    Checkpoint other = checkpoints.put(checkpoint.treeSize(), checkpoint);
                    if (other != null && !Arrays.equals(other.rootHash(), checkpoint.rootHash())) {
                        return report.fail(null, "two signed checkpoints give size " + checkpoint.treeSize()
                                + " different roots: the log forked");
                    }
                }
            }
            report.info(checkpoints.size() + " signed checkpoint(s) verify with " + key.keyId());
            if (checkpoints.isEmpty() || checkpoints.lastKey() < manifest.to()) {
                return report.fail(manifest.to() == 0 ? null : manifest.to() - 1, "no signed checkpoint covers the "
                        + "bundle's last leaves: the largest signed tree has " + (checkpoints.isEmpty() ? 0
                                : checkpoints.lastKey()) + " leaves, the bundle goes to " + manifest.to());
            }
            return new Leaves(manifest, checkpoints, eventIds, report).check(zip);
        }
    }

    /** The leaves, streamed: each line's hash, the roots at every checkpoint inside the range, then proofs. */
    private final class Leaves {
        private final BundleManifest manifest;
        private final TreeMap<Long, Checkpoint> checkpoints;
        private final Set<String> eventIds;
        private final Report report;
        private final Map<String, Long> found = new LinkedHashMap<>();
        private final LeafHashes kept = new LeafHashes();

        Leaves(BundleManifest manifest, TreeMap<Long, Checkpoint> checkpoints, Set<String> eventIds, Report report) {
            this.manifest = manifest;
            this.checkpoints = checkpoints;
            this.eventIds = eventIds;
            this.report = report;
        }

        Report check(ZipFile zip) throws IOException {
            List<byte[]> prefix = new ArrayList<>();
            for (String hash : manifest.prefix()) {
                prefix.add(Hashes.fromB64(hash, "a prefix hash of the manifest"));
            }
            if (prefix.size() != Long.bitCount(manifest.from())) {
                return report.fail(manifest.from(), "the manifest's prefix has " + prefix.size() + " hashes; a tree of "
                        + manifest.from() + " leaves has " + Long.bitCount(manifest.from()) + " full subtrees");
            }
            CompactRange tree = new CompactRange(manifest.from(), prefix);
            long lastGood = -1;
            Checkpoint atFrom = checkpoints.get(manifest.from());
            if (atFrom != null) {
                if (!Arrays.equals(tree.root(), atFrom.rootHash())) {
                    return report.fail(manifest.from(), "the manifest's prefix does not lead to the root checkpoint "
                            + manifest.from() + " signed");
                }
                lastGood = manifest.from();
            }
            ZipEntry events = zip.getEntry(BundleManifest.EVENTS);
            if (events == null) {
                return report.fail(manifest.from(), "the bundle has no " + BundleManifest.EVENTS);
            }
            long expected = manifest.from();
            long firstLeaf = manifest.from();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(zip.getInputStream(events),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (expected >= manifest.to()) {
                        return report.fail(expected, "the bundle holds leaves after " + (manifest.to() - 1)
                                + ", the last one its manifest covers");
                    }
                    JsonNode entry;
                    try {
                        entry = json.readTree(line);
                    } catch (JacksonException e) {
                        return report.fail(expected, "the line of leaf " + expected + " is not JSON: "
                                + e.getOriginalMessage());
                    }
                    JsonNode index = entry.get("leafIndex");
                    JsonNode event = entry.get("event");
                    if (index == null || !index.canConvertToLong() || event == null || !event.isObject()) {
                        return report.fail(expected, "the line of leaf " + expected
                                + " lacks its leafIndex or event");
                    }
                    long leafIndex = index.asLong();
                    String eventId = event.path("id").asString("");
                    if (leafIndex > expected) {
                        return report.fail(expected, "leaf " + expected + " is missing: where it belongs, the "
                                + "line holds leaf " + leafIndex + " (event " + eventId + "): removed or moved");
                    }
                    if (leafIndex < expected) {
                        return report.fail(expected, "leaf " + leafIndex + " (event " + eventId + ") stands where leaf "
                                + expected + " belongs: reordered or duplicated");
                    }
                    byte[] leafHash;
                    try {
                        leafHash = MerkleTree.leafHash(CanonicalJson.canonicalize(event));
                    } catch (CanonicalJson.NotCanonicalizableException e) {
                        return report.fail(expected, "the event of leaf " + expected + " is not canonical JSON: "
                                + e.getMessage());
                    }
                    String recorded = entry.path("leafHash").asString("");
                    if (!Base64.getEncoder().encodeToString(leafHash).equals(recorded)) {
                        return report.fail(expected, "event " + eventId + " at leaf " + expected + " was altered: its "
                                + "content hashes to " + Hashes.b64(leafHash) + ", the ledger recorded " + recorded);
                    }
                    tree = tree.append(leafHash);
                    if (!eventIds.isEmpty()) {
                        kept.add(leafHash);
                        if (eventIds.contains(eventId)) {
                            found.put(eventId, expected);
                        }
                    }
                    expected++;
                    Checkpoint signed = checkpoints.get(expected);
                    if (signed != null) {
                        if (!Arrays.equals(tree.root(), signed.rootHash())) {
                            long since = lastGood < 0 ? firstLeaf : lastGood;
                            return report.fail(since, "the first " + expected + " leaves have root "
                                    + Hashes.b64(tree.root()) + " but checkpoint " + expected + " signed "
                                    + Hashes.b64(signed.rootHash()) + ": a leaf from " + since + " to "
                                    + (expected - 1) + " differs from what was signed");
                        }
                        lastGood = expected;
                    }
                }
            }
            if (expected < manifest.to()) {
                return report.fail(expected, "truncated: the bundle ends after leaf " + (expected - 1)
                        + " but covers leaves up to " + (manifest.to() - 1));
            }
            report.info("leaves " + manifest.from() + " to " + (manifest.to() - 1) + ": " + (manifest.to()
                    - manifest.from()) + " events, each canonical and hashing to its recorded leaf hash");
            byte[] rootAtTo = tree.root();
            for (Checkpoint checkpoint : checkpoints.values()) {
                long size = checkpoint.treeSize();
                if (size >= manifest.from() && size <= manifest.to()) {
                    report.info("checkpoint " + size + " (" + checkpoint.time() + "): root recomputed from the "
                            + "leaves matches the signed root");
                    continue;
                }
                long small = Math.min(size, manifest.to());
                long large = Math.max(size, manifest.to());
                Optional<BundleManifest.ConsistencyProof> proof = manifest.consistency().stream()
                        .filter(p -> p.from() == small && p.to() == large).findFirst();
                if (proof.isEmpty()) {
                    return report.fail(null, "checkpoint " + size + " lies outside the bundle's leaves and the "
                            + "manifest has no consistency proof between sizes " + small + " and " + large);
                }
                List<byte[]> hashes = new ArrayList<>();
                for (String hash : proof.get().proof()) {
                    hashes.add(Hashes.fromB64(hash, "a consistency proof hash"));
                }
                byte[] smallRoot = size < manifest.to() ? checkpoint.rootHash() : rootAtTo;
                byte[] largeRoot = size < manifest.to() ? rootAtTo : checkpoint.rootHash();
                try {
                    Proofs.verifyConsistency(small, large, smallRoot, largeRoot, hashes);
                } catch (Proofs.ProofException e) {
                    return report.fail(null, "checkpoint " + size + " is not consistent with the bundle's tree of "
                            + manifest.to() + " leaves: " + e.getMessage());
                }
                report.info("checkpoint " + size + " (" + checkpoint.time() + "): consistent with the bundle's tree "
                        + "of " + manifest.to() + " leaves (RFC 9162 consistency proof, " + hashes.size()
                        + " hashes)");
            }
            for (String eventId : eventIds) {
                Long leaf = found.get(eventId);
                if (leaf == null) {
                    return report.fail(null, "event " + eventId + " is not in the bundle");
                }
                List<byte[]> path = Proofs.inclusion(leaf, manifest.to(), this::subtree);
                try {
                    Proofs.verifyInclusion(leaf, manifest.to(), kept.get(leaf - manifest.from()), path, rootAtTo);
                } catch (Proofs.ProofException e) {
                    return report.fail(leaf, "event " + eventId + ": " + e.getMessage());
                }
                report.info("event " + eventId + " is leaf " + leaf + ": its RFC 9162 inclusion proof (" + path.size()
                        + " hashes) verifies against the signed tree of " + manifest.to() + " leaves");
            }
            return report;
        }

        /** MTH over {@code [start, end)}, from the prefix's perfect subtrees and the bundle's leaves. */
        private byte[] subtree(long start, long end) {
            long from = manifest.from();
            if (start >= from) {
                return fromLeaves(start, end);
            }
            if (end <= from) {
                long nodeStart = 0;
                int i = 0;
                for (long bit = Long.highestOneBit(from); bit > 0; bit >>>= 1) {
                    if ((from & bit) != 0) {
                        if (nodeStart == start && nodeStart + bit == end) {
                            return Hashes.fromB64(manifest.prefix().get(i), "prefix hash");
                        }
                        nodeStart += bit;
                        i++;
                    }
                }
                throw new Proofs.ProofException("the bundle does not hold the subtree of leaves " + start + " to "
                        + (end - 1));
            }
            long k = Proofs.largestPowerOfTwoBelow(end - start);
            return MerkleTree.nodeHash(subtree(start, start + k), subtree(start + k, end));
        }

        private byte[] fromLeaves(long start, long end) {
            if (end - start == 1) {
                return kept.get(start - manifest.from());
            }
            long k = Proofs.largestPowerOfTwoBelow(end - start);
            return MerkleTree.nodeHash(fromLeaves(start, start + k), fromLeaves(start + k, end));
        }
    }

    private BundleManifest readManifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BundleManifest.ENTRY);
        if (entry == null) {
            throw new IOException("not an audit bundle: no " + BundleManifest.ENTRY);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return json.readValue(in, BundleManifest.class);
        }
    }

    private static String read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<ZipEntry> entries(ZipFile zip) {
        List<ZipEntry> entries = new ArrayList<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            entries.add(all.nextElement());
        }
        return entries;
    }

    /** Leaf hashes kept for inclusion proofs, 32 bytes each in one growing array. */
    private static final class LeafHashes {
        private byte[] hashes = new byte[32 * 1024];
        private int count;

        void add(byte[] hash) {
            if ((count + 1) * 32 > hashes.length) {
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
            }
            System.arraycopy(hash, 0, hashes, count * 32, 32);
            count++;
        }

        byte[] get(long index) {
            return Arrays.copyOfRange(hashes, (int) index * 32, (int) index * 32 + 32);
        }
    }

    /** What the verification found: what checked out, and the first divergence if anything did not. */
    public static final class Report {
        private final List<String> lines = new ArrayList<>();
        private Divergence divergence;

        void info(String line) {
            lines.add("ok    " + line);
        }

        void warn(String line) {
            lines.add("WARN  " + line);
        }

        Report fail(Long leafIndex, String what) {
            divergence = new Divergence(leafIndex, what);
            lines.add("FAIL  " + (leafIndex == null ? "" : "leaf " + leafIndex + ": ") + what);
            return this;
        }

        public boolean verified() {
            return divergence == null;
        }

        public Optional<Divergence> divergence() {
            return Optional.ofNullable(divergence);
        }

        public List<String> lines() {
            return Collections.unmodifiableList(lines);
        }
    }

    /** The first place where the bundle is not what the ledger signed: a leaf index when it can be named. */
    public record Divergence(Long leafIndex, String what) {
    }
}
