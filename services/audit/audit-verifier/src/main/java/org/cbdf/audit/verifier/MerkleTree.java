package org.cbdf.audit.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 9162 (Certificate Transparency 2.0, §2.1.1) hashing with SHA-256: a leaf hashes as
 * {@code SHA-256(0x00 ‖ leaf)}, an interior node as {@code SHA-256(0x01 ‖ left ‖ right)}, and the tree over
 * n leaves splits at the largest power of two below n. Being the standard's, the root can be checked by any
 * CT/transparency-log tool, not only by ours.
 */
public final class MerkleTree {

    public static final int HASH_SIZE = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        return sha256.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The root of the empty tree: the hash of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /**
     * The root over the given leaf hashes, computed from scratch by the recursive definition (MTH). This is
     * the reference the incremental {@link CompactRange} is checked against; it is O(n).
     */
    public static byte[] rootOf(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] subtreeRoot(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1); // largest power of two smaller than n
        return nodeHash(subtreeRoot(leafHashes, from, from + k), subtreeRoot(leafHashes, from + k, to));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
