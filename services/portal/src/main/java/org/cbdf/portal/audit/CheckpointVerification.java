package org.cbdf.portal.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.Hashes;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.audit.verifier.Proofs;
import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.AuditApi;
import org.cbdf.portal.session.PortalUser;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Checks, in the portal, what the audit service signed, with the audit verifier's own code (the service signs
 * with it, {@code govctl audit verify} checks with it): the latest checkpoint's signed note against the ledger's
 * Ed25519 public key (the one configured, else the one the service publishes), and each timeline entry's
 * inclusion in the tree that checkpoint signed (an RFC 9162 proof from the API, verified here against the signed
 * root, not against the root the proof states). Only the signed note's values are shown as verified.
 */
@Component
public class CheckpointVerification {

    /** How the latest checkpoint checked out. {@code state}: VERIFIED, NOT_VERIFIED, NONE (nothing signed yet), UNAVAILABLE. */
    public record CheckpointStatus(String state, long treeSize, String rootHash, Instant time, String keyId,
            String note, boolean pinnedKey, String reason) {

        static CheckpointStatus none() {
            return new CheckpointStatus("NONE", 0, null, null, null, null, false, null);
        }

        public boolean verified() {
            return "VERIFIED".equals(state);
        }
    }

    /** A timeline entry and whether it is proven in the signed tree: VERIFIED, PENDING (after it), FAILED, UNCHECKED. */
    public record ProvenEntry(JsonNode event, String proof, String reason) {

        public long leafIndex() {
            return event.path("leafIndex").asLong(-1);
        }
    }

    /** A timeline with the checkpoint its entries were checked against. */
    public record AuditTrail(List<ProvenEntry> entries, CheckpointStatus checkpoint) {

        static AuditTrail empty() {
            return new AuditTrail(List.of(), CheckpointStatus.none());
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public boolean allVerified() {
            return !entries.isEmpty() && entries.stream().allMatch(entry -> "VERIFIED".equals(entry.proof()));
        }

        public long count(String proof) {
            return entries.stream().filter(entry -> proof.equals(entry.proof())).count();
        }
    }

    private final AuditApi audit;
    private final PortalProperties properties;

    CheckpointVerification(AuditApi audit, PortalProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    CheckpointStatus latest(PortalUser user) {
        Optional<JsonNode> latest = audit.latestCheckpoint(user);
        if (latest.isEmpty()) {
            return CheckpointStatus.none();
        }
        JsonNode stated = latest.get();
        String note = stated.path("note").asString("");
        boolean pinned = properties.auditPublicKey() != null;
        LogKey key;
        try {
            key = pinned ? LogKey.parse(origin(note), properties.auditPublicKey()) : publishedKey(user);
        } catch (IllegalArgumentException | IllegalStateException unusable) {
            return new CheckpointStatus("UNAVAILABLE", stated.path("treeSize").asLong(), null, null,
                    stated.path("keyId").asString(null), note, pinned, unusable.getMessage());
        }
        try {
            Checkpoint signed = Checkpoint.open(note, key);
            String signedRoot = Hashes.b64(signed.rootHash());
            if (signed.treeSize() != stated.path("treeSize").asLong(-1)
                    || !signedRoot.equals(stated.path("rootHash").asString())) {
                return new CheckpointStatus("NOT_VERIFIED", signed.treeSize(), signedRoot, signed.time(), key.keyId(),
                        note, pinned, "the tree size or root hash the service states is not the one it signed");
            }
            return new CheckpointStatus("VERIFIED", signed.treeSize(), signedRoot, signed.time(), key.keyId(), note,
                    pinned, null);
        } catch (Checkpoint.InvalidCheckpointException | IllegalArgumentException invalid) {
            return new CheckpointStatus("NOT_VERIFIED", stated.path("treeSize").asLong(), null, null,
                    stated.path("keyId").asString(null), note, pinned, invalid.getMessage());
        }
    }

    /** An aggregate's timeline, each entry proven in the tree of the latest verified checkpoint where it can be. */
    public AuditTrail trail(PortalUser user, List<JsonNode> events) {
        if (events.isEmpty()) {
            return AuditTrail.empty();
        }
        CheckpointStatus checkpoint = latest(user);
        List<ProvenEntry> entries = new ArrayList<>();
        for (JsonNode event : events) {
            entries.add(prove(user, event, checkpoint));
        }
        return new AuditTrail(List.copyOf(entries), checkpoint);
    }

    private ProvenEntry prove(PortalUser user, JsonNode event, CheckpointStatus checkpoint) {
        if (!checkpoint.verified()) {
            return new ProvenEntry(event, "UNCHECKED", null);
        }
        long index = event.path("leafIndex").asLong(-1);
        if (index >= checkpoint.treeSize()) {
            return new ProvenEntry(event, "PENDING", null);
        }
        try {
            byte[] leafHash = Hashes.fromB64(event.path("leafHash").asString(), "the entry's leaf hash");
            JsonNode proof = audit.inclusionProof(user, index, checkpoint.treeSize()).orElse(null);
            if (proof == null) {
                return new ProvenEntry(event, "FAILED", "no inclusion proof of leaf " + index);
            }
            if (!Arrays.equals(leafHash, Hashes.fromB64(proof.path("leafHash").asString(), "the proof's leaf hash"))) {
                return new ProvenEntry(event, "FAILED", "the proof is of another leaf hash than the timeline shows");
            }
            List<byte[]> path = proof.path("inclusionPath").valueStream()
                    .map(hash -> Hashes.fromB64(hash.asString(), "a proof element")).toList();
            Proofs.verifyInclusion(index, checkpoint.treeSize(), leafHash, path,
                    Hashes.fromB64(checkpoint.rootHash(), "the signed root"));
            return new ProvenEntry(event, "VERIFIED", null);
        } catch (Proofs.ProofException | IllegalArgumentException refuted) {
            return new ProvenEntry(event, "FAILED", refuted.getMessage());
        }
    }

    private LogKey publishedKey(PortalUser user) {
        JsonNode published = audit.publicKey(user)
                .orElseThrow(() -> new IllegalStateException("the audit service publishes no public key"));
        return LogKey.fromPem(published.path("origin").asString(), published.path("pem").asString());
    }

    /** A signed note's first line: the log's origin, which is also its key's name. */
    private static String origin(String note) {
        int end = note.indexOf('\n');
        return end < 0 ? note : note.substring(0, end);
    }
}
