package org.cbdf.audit.verifier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object Mother: a small ledger in memory, as the audit service keeps it (canonical CloudEvents as leaves,
 * checkpoints signed with an Ed25519 key), that writes export bundles the way the service does.
 */
final class TestLog {

    static final String ORIGIN = "audit.test.cbdf/ledger";

    final JsonMapper json = JsonMapper.builder().build();
    final KeyPair keys;
    final LogKey key;
    final List<byte[]> leaves = new ArrayList<>();
    final List<String> eventIds = new ArrayList<>();
    final TreeMap<Long, String> checkpoints = new TreeMap<>();

    TestLog() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        key = new LogKey(ORIGIN, keys.getPublic());
    }

    /** Appends {@code count} events of a transfer's life: submitted, assessed, decisions … */
    TestLog transfer(String transferId, int count) {
        String[] types = { "transfer.submitted.v1", "policy.assessment-completed.v1", "transfer.assessed.v1",
                "transfer.decision-recorded.v1", "transfer.decision-recorded.v1" };
        for (int version = 1; version <= count; version++) {
            String type = types[Math.min(version - 1, types.length - 1)];
            ObjectNode event = json.createObjectNode();
            String id = transferId + "-e" + version;
            event.put("specversion", "1.0");
            event.put("id", id);
            event.put("source", type.startsWith("policy") ? "urn:cbdf:policy-service" : "urn:cbdf:transfer-service");
            event.put("type", type);
            event.put("subject", transferId);
            event.put("time", Instant.parse("2026-11-01T10:00:00Z").plusSeconds(leaves.size()).toString());
            event.put("aggregateid", transferId);
            event.put("aggregatetype", type.startsWith("policy") ? "transfer-assessment" : "transfer");
            event.put("aggregateversion", Integer.toString(type.startsWith("policy") ? 1 : version));
            ObjectNode data = event.putObject("data");
            data.put("transferId", transferId);
            data.put("amount", 1.5e3);
            switch (type) {
                case "policy.assessment-completed.v1" -> {
                    event.put("policyversion", "sha256:abc");
                    data.put("outcome", "REVIEW_REQUIRED");
                }
                case "transfer.assessed.v1" -> data.put("status", "AWAITING_APPROVAL");
                case "transfer.decision-recorded.v1" -> data.put("status", "APPROVED").put("jurisdiction", "CN");
                default -> data.put("purpose", "HR — \"payroll\" \u20ac");
            }
            leaves.add(CanonicalJson.canonicalize(event));
            eventIds.add(id);
        }
        return this;
    }

    /** Signs the head at {@code size}. */
    TestLog checkpoint(long size) {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, size, root(size), Instant.parse("2026-11-02T00:00:00Z"));
        checkpoints.put(size, checkpoint.signedNote(key, sign(checkpoint.textBytes())));
        return this;
    }

    byte[] sign(byte[] message) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update(message);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] root(long size) {
        return MerkleTree.rootOf(leafHashes().subList(0, (int) size));
    }

    List<byte[]> leafHashes() {
        return leaves.stream().map(MerkleTree::leafHash).toList();
    }

    /** A bundle of leaves {@code [from, to)} with every checkpoint and the proofs linking the outside ones. */
    Path bundle(Path directory, long from, long to) throws IOException {
        Proofs.Subtrees subtrees = ProofsTests.reference(leafHashes());
        List<String> prefix = new ArrayList<>();
        long start = 0;
        for (long bit = Long.highestOneBit(from); bit > 0; bit >>>= 1) {
            if ((from & bit) != 0) {
                prefix.add(Hashes.b64(subtrees.hash(start, start + bit)));
                start += bit;
            }
        }
        List<BundleManifest.ConsistencyProof> proofs = new ArrayList<>();
        for (long size : checkpoints.keySet()) {
            if (size < from || size > to) {
                long small = Math.min(size, to);
                long large = Math.max(size, to);
                proofs.add(new BundleManifest.ConsistencyProof(small, large,
                        Proofs.consistency(small, large, subtrees).stream().map(Hashes::b64).toList()));
            }
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, ORIGIN, from, to, prefix, proofs,
                Instant.parse("2026-11-03T00:00:00Z"));
        Path bundle = Files.createTempFile(directory, "bundle-", ".zip");
        Map<Long, String> notes = new LinkedHashMap<>(checkpoints);
        try (OutputStream out = Files.newOutputStream(bundle);
                BundleWriter writer = new BundleWriter(out, manifest, key, notes, json)) {
            for (long i = from; i < to; i++) {
                writer.event(i, MerkleTree.leafHash(leaves.get((int) i)), leaves.get((int) i));
            }
        }
        return bundle;
    }

    Path publicKeyPem(Path directory) throws IOException {
        return Files.writeString(directory.resolve("ledger.pem"), key.pem(), StandardCharsets.US_ASCII);
    }
}
