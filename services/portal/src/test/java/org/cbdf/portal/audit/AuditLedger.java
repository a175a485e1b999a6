package org.cbdf.portal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.Hashes;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.audit.verifier.Proofs;
import org.cbdf.portal.FakeServices;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An audit ledger as the audit service keeps and shows it: entries appended to an RFC 9162 tree, checkpoints
 * signed with an Ed25519 key of its own as C2SP signed notes, inclusion proofs computed from the leaves. Served
 * through {@link FakeServices} the way the audit API answers.
 */
public final class AuditLedger {

    public static final String ORIGIN = "audit.cbdf.local/ledger";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PROOF_QUERY = Pattern.compile("leafIndex=(\\d+)&treeSize=(\\d+)");

    private final KeyPair keys = generate();
    private final LogKey key = new LogKey(ORIGIN, keys.getPublic());
    private final List<ObjectNode> entries = new ArrayList<>();
    private final List<byte[]> leafHashes = new ArrayList<>();

    /** Appends an event of {@code aggregateId}; its leaf is the event's text. */
    public AuditLedger append(String aggregateId, String aggregateType, String type, Instant time) {
        long index = entries.size();
        byte[] leaf = ("{\"id\":\"event-" + index + "\",\"type\":\"" + type + "\",\"aggregateid\":\"" + aggregateId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] leafHash = MerkleTree.leafHash(leaf);
        leafHashes.add(leafHash);
        ObjectNode entry = JSON.createObjectNode().put("leafIndex", index).put("eventId", "event-" + index)
                .put("source", "/" + aggregateType + "-service").put("type", type).put("subject", aggregateId)
                .put("time", time.toString()).put("aggregateType", aggregateType).put("aggregateId", aggregateId)
                .put("aggregateVersion", index + 1).put("organization", "acme-cn");
        entry.putArray("jurisdictions").add("CN").add("DE");
        entry.put("topic", aggregateType + ".events").put("leafHash", Hashes.b64(leafHash))
                .put("appendedAt", time.plusMillis(5).toString());
        entry.putObject("data").put("status", "SUBMITTED");
        entries.add(entry);
        return this;
    }

    public long size() {
        return entries.size();
    }

    public LogKey key() {
        return key;
    }

    /** The listing of one aggregate's entries, as {@code GET /api/v1/audit/events?aggregateId=} answers. */
    public String listing(String aggregateId) {
        ArrayNode listing = JSON.createArrayNode();
        entries.stream().filter(e -> e.get("aggregateId").asString().equals(aggregateId)).forEach(listing::add);
        return listing.toString();
    }

    /** The same listing with one entry's recorded leaf hash replaced, as if the log had been edited. */
    public String listingWithAlteredLeaf(String aggregateId, long leafIndex) {
        ArrayNode listing = JSON.createArrayNode();
        entries.stream().filter(e -> e.get("aggregateId").asString().equals(aggregateId)).map(ObjectNode::deepCopy)
                .forEach(e -> {
                    if (e.get("leafIndex").asLong() == leafIndex) {
                        e.put("leafHash", Hashes.b64(MerkleTree.leafHash("edited".getBytes(StandardCharsets.UTF_8))));
                    }
                    listing.add(e);
                });
        return listing.toString();
    }

    /** {@code GET /api/v1/audit/checkpoints/latest}: the checkpoint of the first {@code size} entries, signed. */
    public String checkpoint(long size) {
        return checkpointSignedWith(size, keys);
    }

    /** A checkpoint whose note is signed with another key under the same name. */
    public String checkpointSignedWith(long size, KeyPair signer) {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, size, root(size), Instant.parse("2026-11-28T21:00:00Z"));
        LogKey signerKey = new LogKey(ORIGIN, signer.getPublic());
        String note = checkpoint.signedNote(signerKey, sign(signer, checkpoint.textBytes()));
        return JSON.createObjectNode().put("treeSize", size).put("rootHash", Hashes.b64(root(size)))
                .put("time", "2026-11-28T21:00:00Z").put("keyId", signerKey.keyId()).put("note", note).toString();
    }

    /** {@code GET /api/v1/audit/public-key}. */
    public String publicKey() {
        return JSON.createObjectNode().put("algorithm", "Ed25519").put("origin", ORIGIN).put("keyId", key.keyId())
                .put("pem", key.pem()).put("verifierKey", key.verifierKey()).toString();
    }

    /** {@code GET /api/v1/audit/proofs/inclusion?leafIndex&treeSize}, or null when it names no leaf of the tree. */
    public String inclusionProof(String query) {
        Matcher matcher = PROOF_QUERY.matcher(query == null ? "" : query);
        if (!matcher.find()) {
            return null;
        }
        long index = Long.parseLong(matcher.group(1));
        long size = Long.parseLong(matcher.group(2));
        if (index >= size || size > entries.size()) {
            return null;
        }
        ObjectNode proof = JSON.createObjectNode().put("leafIndex", index).put("treeSize", size)
                .put("leafHash", Hashes.b64(leafHashes.get((int) index)));
        ArrayNode path = proof.putArray("inclusionPath");
        Proofs.inclusion(index, size, (start, end) -> MerkleTree.rootOf(leafHashes.subList((int) start, (int) end)))
                .forEach(hash -> path.add(Hashes.b64(hash)));
        proof.put("rootHash", Hashes.b64(root(size)));
        return proof.toString();
    }

    /** Serves the ledger: the checkpoint of {@code signedSize} entries, the key, the proofs and each aggregate's listing. */
    public AuditLedger serve(FakeServices services, long signedSize, String... aggregateIds) {
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, checkpoint(signedSize))
                .answer("GET", "/api/v1/audit/public-key", 200, publicKey())
                .answerByQuery("GET", "/api/v1/audit/proofs/inclusion", this::inclusionProof);
        for (String aggregateId : aggregateIds) {
            services.answer("GET", "/api/v1/audit/events", 200, listing(aggregateId));
        }
        return this;
    }

    private byte[] root(long size) {
        return MerkleTree.rootOf(leafHashes.subList(0, (int) size));
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(KeyPair signer, byte[] message) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer.getPrivate());
            ed25519.update(message);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
