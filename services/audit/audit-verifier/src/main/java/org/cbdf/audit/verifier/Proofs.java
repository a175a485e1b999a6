package org.cbdf.audit.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1.3 (inclusion) and §2.1.4 (consistency) proofs: generation from any source of subtree
 * hashes, and verification with nothing but the proof, the leaf hash and the roots. Generation follows the
 * RFC's recursive definitions (PATH and SUBPROOF); verification is the RFC's iterative algorithm, so a proof
 * this class accepts is one any RFC 9162 client accepts.
 */
public final class Proofs {

    private Proofs() {
    }

    /**
     * The hash of the RFC 9162 subtree over leaves {@code [start, end)}: {@code MTH(D[start:end])} where the
     * range is one the RFC's recursion visits (its size a power of two, aligned, or the right part of a split).
     */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(long start, long end);
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusion(long index, long size, Subtrees subtrees) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of " + size + " leaves");
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, subtrees, path);
        return path;
    }

    private static void path(long m, long start, long end, Subtrees subtrees, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, subtrees, out);
            out.add(subtrees.hash(start + k, end));
        } else {
            path(m - k, start + k, end, subtrees, out);
            out.add(subtrees.hash(start, start + k));
        }
    }

    /** RFC 9162 §2.1.4.1 PROOF(m, D[n]): proves that the tree of {@code from} leaves is a prefix of the one of {@code to}. */
    public static List<byte[]> consistency(long from, long to, Subtrees subtrees) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from size " + from + " to size " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from == 0 || from == to) {
            return proof; // the empty tree is a prefix of every tree; a tree is consistent with itself
        }
        subproof(from, 0, to, true, subtrees, proof);
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean complete, Subtrees subtrees, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(subtrees.hash(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, subtrees, out);
            out.add(subtrees.hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, subtrees, out);
            out.add(subtrees.hash(start, start + k));
        }
    }

    /** The largest power of two smaller than {@code n} (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
    public static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * RFC 9162 §2.1.3.2: checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves
     * whose root is {@code root}.
     *
     * @throws ProofException naming why the proof does not verify
     */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        byte[] computed = rootFromInclusion(index, size, leafHash, proof);
        if (!Arrays.equals(computed, root)) {
            throw new ProofException("the inclusion proof of leaf " + index + " leads to root " + Hashes.b64(computed)
                    + ", not to " + Hashes.b64(root));
        }
    }

    /** The root the inclusion proof leads to, per RFC 9162 §2.1.3.2 steps 1–5. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new ProofException("leaf index " + index + " is not in a tree of " + size + " leaves");
        }
        requireHash(leafHash, "leaf hash");
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            requireHash(p, "proof element");
            if (sn == 0) {
                throw new ProofException("the inclusion proof has more elements than a tree of " + size + " leaves needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the inclusion proof has fewer elements than a tree of " + size + " leaves needs");
        }
        return r;
    }

    /**
     * RFC 9162 §2.1.4.2: checks that the tree of {@code size1} leaves with root {@code root1} is a prefix of the
     * tree of {@code size2} leaves with root {@code root2}.
     *
     * @throws ProofException naming why the proof does not verify
     */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("a tree of " + size2 + " leaves cannot extend one of " + size1);
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("trees of the same size need an empty consistency proof");
            }
            if (!Arrays.equals(root1, root2)) {
                throw new ProofException("two different roots for the same size " + size1 + ": " + Hashes.b64(root1)
                        + " and " + Hashes.b64(root2));
            }
            return;
        }
        if (size1 == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("the empty tree needs an empty consistency proof");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("the consistency proof from " + size1 + " to " + size2 + " is empty");
        }
        requireHash(root1, "first root");
        requireHash(root2, "second root");
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.addFirst(root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = requireHash(path.getFirst(), "proof element");
        byte[] sr = fr;
        for (byte[] c : path.subList(1, path.size())) {
            requireHash(c, "proof element");
            if (sn == 0) {
                throw new ProofException("the consistency proof has more elements than sizes " + size1 + " and "
                        + size2 + " need");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the consistency proof has fewer elements than sizes " + size1 + " and "
                    + size2 + " need");
        }
        if (!Arrays.equals(fr, root1)) {
            throw new ProofException("the consistency proof leads to root " + Hashes.b64(fr) + " for size " + size1
                    + ", not to " + Hashes.b64(root1));
        }
        if (!Arrays.equals(sr, root2)) {
            throw new ProofException("the consistency proof leads to root " + Hashes.b64(sr) + " for size " + size2
                    + ", not to " + Hashes.b64(root2));
        }
    }

    private static byte[] requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != MerkleTree.HASH_SIZE) {
            throw new ProofException("the " + what + " is not a SHA-256 hash (" + (hash == null ? 0 : hash.length)
                    + " bytes)");
        }
        return hash;
    }

    /** A proof that does not verify, and why. */
    public static class ProofException extends RuntimeException {
        public ProofException(String reason) {
            super(reason);
        }
    }
}
