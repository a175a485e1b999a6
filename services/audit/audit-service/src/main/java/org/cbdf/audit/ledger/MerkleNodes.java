package org.cbdf.audit.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.audit.verifier.Proofs;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answers RFC 9162 proofs and roots for any tree size up to the current one from the stored perfect subtrees
 * ({@code merkle_node}, and the leaf hashes for level 0), never rebuilding the tree: every subtree a proof needs
 * decomposes into at most log2(n) stored nodes, all fetched in one query. Stored nodes never change, so a proof
 * for an old size reads the same nodes it read then.
 */
public class MerkleNodes {

    private final JdbcClient jdbc;

    MerkleNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** RFC 9162 §2.1.3.1 inclusion path of {@code leafIndex} in the tree of {@code treeSize} leaves. */
    public List<byte[]> inclusion(long leafIndex, long treeSize) {
        Proofs.Subtrees nodes = fetch(ranges -> Proofs.inclusion(leafIndex, treeSize, ranges));
        return Proofs.inclusion(leafIndex, treeSize, nodes);
    }

    /** RFC 9162 §2.1.4.1 consistency path from {@code from} to {@code to} leaves. */
    public List<byte[]> consistency(long from, long to) {
        Proofs.Subtrees nodes = fetch(ranges -> Proofs.consistency(from, to, ranges));
        return Proofs.consistency(from, to, nodes);
    }

    /** The root hash of the tree of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        if (treeSize == 0) {
            return MerkleTree.emptyRoot();
        }
        Proofs.Subtrees nodes = fetch(ranges -> ranges.hash(0, treeSize));
        return nodes.hash(0, treeSize);
    }

    /** The compact range of size {@code size}: the roots of the perfect subtrees left of leaf {@code size}, largest first. */
    public List<byte[]> frontier(long size) {
        List<long[]> ranges = new ArrayList<>();
        long start = 0;
        for (long bit = Long.highestOneBit(size); bit > 0; bit >>>= 1) {
            if ((size & bit) != 0) {
                ranges.add(new long[] { start, start + bit });
                start += bit;
            }
        }
        Proofs.Subtrees nodes = fetch(recorder -> ranges.forEach(range -> recorder.hash(range[0], range[1])));
        return ranges.stream().map(range -> nodes.hash(range[0], range[1])).toList();
    }

    /**
     * Runs {@code plan} once against a recorder to learn which subtrees it asks for (which depends only on the
     * sizes, never on the hashes), fetches the perfect nodes they decompose into, and returns the subtrees.
     */
    private Proofs.Subtrees fetch(java.util.function.Consumer<Proofs.Subtrees> plan) {
        Set<Node> needed = new LinkedHashSet<>();
        plan.accept((start, end) -> {
            decompose(start, end, needed);
            return new byte[MerkleTree.HASH_SIZE];
        });
        Map<Node, byte[]> hashes = load(needed);
        return (start, end) -> hash(start, end, hashes);
    }

    /** RFC 9162 MTH of {@code [start, end)}: a perfect node if it is one, else split as the RFC splits. */
    private static void decompose(long start, long end, Set<Node> out) {
        Node perfect = Node.of(start, end);
        if (perfect != null) {
            out.add(perfect);
            return;
        }
        long k = Proofs.largestPowerOfTwoBelow(end - start);
        decompose(start, start + k, out);
        decompose(start + k, end, out);
    }

    private static byte[] hash(long start, long end, Map<Node, byte[]> hashes) {
        Node perfect = Node.of(start, end);
        if (perfect != null) {
            byte[] hash = hashes.get(perfect);
            if (hash == null) {
                throw new IllegalStateException("the ledger lacks node " + perfect + ": leaves " + start + " to "
                        + (end - 1) + " are not all appended");
            }
            return hash;
        }
        long k = Proofs.largestPowerOfTwoBelow(end - start);
        return MerkleTree.nodeHash(hash(start, start + k, hashes), hash(start + k, end, hashes));
    }

    private Map<Node, byte[]> load(Set<Node> needed) {
        Map<Node, byte[]> hashes = new HashMap<>();
        if (needed.isEmpty()) {
            return hashes;
        }
        List<Node> leaves = needed.stream().filter(node -> node.level() == 0).toList();
        List<Node> inner = needed.stream().filter(node -> node.level() > 0).toList();
        if (!leaves.isEmpty()) {
            jdbc.sql("select leaf_index, leaf_hash from ledger_entry where leaf_index = any(cast(:leaves as bigint[]))")
                    .param("leaves", array(leaves.stream().map(Node::idx).toList()))
                    .query(rs -> {
                        hashes.put(new Node(0, rs.getLong(1)), rs.getBytes(2));
                    });
        }
        if (!inner.isEmpty()) {
            jdbc.sql("""
                    select n.level, n.idx, n.hash
                    from unnest(cast(:levels as smallint[]), cast(:idxs as bigint[])) as wanted(level, idx)
                    join merkle_node n on n.level = wanted.level and n.idx = wanted.idx
                    """)
                    .param("levels", array(inner.stream().map(node -> (long) node.level()).toList()))
                    .param("idxs", array(inner.stream().map(Node::idx).toList()))
                    .query(rs -> {
                        hashes.put(new Node(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                    });
        }
        return hashes;
    }

    private static String array(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** A perfect subtree: leaves {@code [idx·2^level, (idx+1)·2^level)}. */
    record Node(int level, long idx) {

        /** The perfect node covering exactly {@code [start, end)}, or null if that range is not one. */
        static Node of(long start, long end) {
            long size = end - start;
            if (size <= 0 || Long.bitCount(size) != 1 || start % size != 0) {
                return null;
            }
            int level = Long.numberOfTrailingZeros(size);
            return new Node(level, start >>> level);
        }
    }
}
