package org.cbdf.audit.events;

import java.time.Instant;

/**
 * The audit service signed the head of its ledger ({@value AuditEvents#CHECKPOINT_SIGNED_V1}): anyone holding
 * the public key {@code keyId} can check that the ledger of {@code treeSize} entries had {@code rootHash} at
 * {@code time}, and later ask for a consistency proof from this size to a newer one.
 *
 * @param treeSize  number of leaves the signed tree has (RFC 9162 tree size)
 * @param rootHash  RFC 9162 root hash (SHA-256) of those leaves, base64
 * @param time      when the checkpoint was signed
 * @param signature signature over the checkpoint's signed note, base64
 * @param keyId     which of the service's keys signed, so verifiers pick the right public key after rotation
 */
public record CheckpointSigned(long treeSize, String rootHash, Instant time, String signature, String keyId) {
}
