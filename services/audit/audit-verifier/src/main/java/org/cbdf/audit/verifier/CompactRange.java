package org.cbdf.audit.verifier;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right frontier of an RFC 9162 tree: the roots of the perfect subtrees its leaves decompose into, one
 * per set bit of the size, largest (leftmost) first. It is all an append needs, so appending is O(log n)
 * and the ledger keeps only this, not the tree, in its head row.
 */
public record CompactRange(long size, List<byte[]> frontier) {

    public CompactRange {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " full subtrees, got " + frontier.size());
        }
        frontier = List.copyOf(frontier);
    }

    public static CompactRange empty() {
        return new CompactRange(0, List.of());
    }

    /** The range after appending one leaf with hash {@code leafHash}. */
    public CompactRange append(byte[] leafHash) {
        List<byte[]> next = new ArrayList<>(frontier);
        byte[] node = leafHash;
        // every trailing 1 bit of the size is a full subtree of the same height that the new node completes
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            node = MerkleTree.nodeHash(next.removeLast(), node);
        }
        next.add(node);
        return new CompactRange(size + 1, next);
    }

    /** The root hash of the tree: the frontier folded from the right. */
    public byte[] root() {
        if (frontier.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = frontier.getLast();
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(frontier.get(i), root);
        }
        return root;
    }

    /** The frontier as stored: the hashes concatenated, 32 bytes each. */
    public byte[] frontierBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(frontier.size() * MerkleTree.HASH_SIZE);
        frontier.forEach(buffer::put);
        return buffer.array();
    }

    public static CompactRange fromStored(long size, byte[] frontierBytes) {
        if (frontierBytes.length % MerkleTree.HASH_SIZE != 0) {
            throw new IllegalStateException("stored frontier is not a whole number of hashes: "
                    + frontierBytes.length + " bytes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < frontierBytes.length; i += MerkleTree.HASH_SIZE) {
            hashes.add(Arrays.copyOfRange(frontierBytes, i, i + MerkleTree.HASH_SIZE));
        }
        return new CompactRange(size, hashes);
    }
}
