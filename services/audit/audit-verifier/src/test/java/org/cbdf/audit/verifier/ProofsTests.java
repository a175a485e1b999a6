package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * RFC 9162 proofs against the known-answer vectors of transparency-dev/merkle (proof/verify_test.go:
 * inclusionProofs, consistencyProofs, over the eight reference leaves), and generation against verification
 * for every pair of sizes up to 64, and the corruptions that reference suite probes.
 */
class ProofsTests {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> LEAF_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    /** Root of the tree of size i + 1. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** {leaf (1-based, as in the reference), size, proof…}. */
    private static final List<List<String>> INCLUSION = List.of(
            List.of("1", "1"),
            List.of("1", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("6", "8", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            List.of("3", "3", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            List.of("2", "5", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));

    /** {size1, size2, proof…}. */
    private static final List<List<String>> CONSISTENCY = List.of(
            List.of("1", "1"),
            List.of("1", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("6", "8", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            List.of("2", "5", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            List.of("6", "7", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));

    private final List<byte[]> leafHashes = LEAF_INPUTS.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();

    @Test
    void inclusionProofsAreTheReferenceOnesAndVerify() {
        for (List<String> vector : INCLUSION) {
            long index = Long.parseLong(vector.get(0)) - 1;
            long size = Long.parseLong(vector.get(1));
            List<String> expected = vector.subList(2, vector.size());

            List<byte[]> proof = Proofs.inclusion(index, size, reference(leafHashes));

            assertThat(proof.stream().map(HEX::formatHex).toList()).as("leaf %d of %d", index, size)
                    .isEqualTo(expected);
            byte[] root = HEX.parseHex(ROOTS.get((int) size - 1));
            assertThatCode(() -> Proofs.verifyInclusion(index, size, leafHashes.get((int) index), proof, root))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void consistencyProofsAreTheReferenceOnesAndVerify() {
        for (List<String> vector : CONSISTENCY) {
            long size1 = Long.parseLong(vector.get(0));
            long size2 = Long.parseLong(vector.get(1));
            List<String> expected = vector.subList(2, vector.size());

            List<byte[]> proof = Proofs.consistency(size1, size2, reference(leafHashes));

            assertThat(proof.stream().map(HEX::formatHex).toList()).as("%d to %d", size1, size2).isEqualTo(expected);
            byte[] root1 = HEX.parseHex(ROOTS.get((int) size1 - 1));
            byte[] root2 = HEX.parseHex(ROOTS.get((int) size2 - 1));
            assertThatCode(() -> Proofs.verifyConsistency(size1, size2, root1, root2, proof)).doesNotThrowAnyException();
        }
    }

    @Test
    void everyCorruptionTheReferenceProbesIsRefusedForInclusion() {
        for (List<String> vector : INCLUSION.subList(1, INCLUSION.size())) {
            long index = Long.parseLong(vector.get(0)) - 1;
            long size = Long.parseLong(vector.get(1));
            List<byte[]> proof = vector.subList(2, vector.size()).stream().map(HEX::parseHex).toList();
            byte[] root = HEX.parseHex(ROOTS.get((int) size - 1));
            byte[] leaf = leafHashes.get((int) index);
            List<Runnable> probes = new ArrayList<>(List.of(
                    () -> Proofs.verifyInclusion(index - 1, size, leaf, proof, root),
                    () -> Proofs.verifyInclusion(index + 1, size, leaf, proof, root),
                    () -> Proofs.verifyInclusion(index ^ 2, size, leaf, proof, root),
                    () -> Proofs.verifyInclusion(index, size * 2, leaf, proof, root),
                    () -> Proofs.verifyInclusion(index, size / 2, leaf, proof, root),
                    () -> Proofs.verifyInclusion(index, size, "WrongLeaf".getBytes(StandardCharsets.UTF_8), proof, root),
                    () -> Proofs.verifyInclusion(index, size, leaf, proof, MerkleTree.emptyRoot()),
                    () -> Proofs.verifyInclusion(index, size, leaf, with(proof, proof.size(), new byte[0]), root),
                    () -> Proofs.verifyInclusion(index, size, leaf, with(proof, proof.size(), root), root),
                    () -> Proofs.verifyInclusion(index, size, leaf, with(proof, 0, root), root),
                    () -> Proofs.verifyInclusion(index, size, leaf, proof.subList(0, proof.size() - 1), root)));
            for (int i = 0; i < proof.size(); i++) {
                List<byte[]> flipped = flip(proof, i);
                probes.add(() -> Proofs.verifyInclusion(index, size, leaf, flipped, root));
            }
            for (Runnable probe : probes) {
                assertThatThrownBy(probe::run).as("leaf %d of %d", index, size).isInstanceOf(Proofs.ProofException.class);
            }
        }
    }

    @Test
    void everyCorruptionTheReferenceProbesIsRefusedForConsistency() {
        for (List<String> vector : CONSISTENCY.subList(1, CONSISTENCY.size())) {
            long size1 = Long.parseLong(vector.get(0));
            long size2 = Long.parseLong(vector.get(1));
            List<byte[]> proof = vector.subList(2, vector.size()).stream().map(HEX::parseHex).toList();
            byte[] root1 = HEX.parseHex(ROOTS.get((int) size1 - 1));
            byte[] root2 = HEX.parseHex(ROOTS.get((int) size2 - 1));
            List<Runnable> probes = new ArrayList<>(List.of(
                    () -> Proofs.verifyConsistency(size1 - 1, size2, root1, root2, proof),
                    () -> Proofs.verifyConsistency(size1 + 1, size2, root1, root2, proof),
                    () -> Proofs.verifyConsistency(size1 ^ 2, size2, root1, root2, proof),
                    () -> Proofs.verifyConsistency(size1, size2 * 2, root1, root2, proof),
                    () -> Proofs.verifyConsistency(size1, size2 / 2, root1, root2, proof),
                    () -> Proofs.verifyConsistency(size1, size2, MerkleTree.emptyRoot(), root2, proof),
                    () -> Proofs.verifyConsistency(size1, size2, root1, MerkleTree.emptyRoot(), proof),
                    () -> Proofs.verifyConsistency(size1, size2, root2, root1, proof),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, List.of()),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, with(proof, proof.size(), root1)),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, with(proof, proof.size(), root2)),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, with(proof, 0, root1)),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, with(proof, 0, proof.getFirst())),
                    () -> Proofs.verifyConsistency(size1, size2, root1, root2, proof.subList(0, proof.size() - 1))));
            for (int i = 0; i < proof.size(); i++) {
                List<byte[]> flipped = flip(proof, i);
                probes.add(() -> Proofs.verifyConsistency(size1, size2, root1, root2, flipped));
            }
            for (Runnable probe : probes) {
                assertThatThrownBy(probe::run).as("%d to %d", size1, size2).isInstanceOf(Proofs.ProofException.class);
            }
        }
    }

    @Test
    void generatedProofsVerifyForEverySizeUpTo64AndFailForAnotherLeaf() {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            hashes.add(MerkleTree.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        Proofs.Subtrees subtrees = reference(hashes);
        for (int size = 1; size <= 64; size++) {
            byte[] root = MerkleTree.rootOf(hashes.subList(0, size));
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = Proofs.inclusion(index, size, subtrees);
                long i = index;
                long n = size;
                assertThatCode(() -> Proofs.verifyInclusion(i, n, hashes.get((int) i), proof, root))
                        .as("leaf %d of %d", index, size).doesNotThrowAnyException();
                byte[] other = hashes.get((index + 1) % 64);
                assertThatThrownBy(() -> Proofs.verifyInclusion(i, n, other, proof, root))
                        .isInstanceOf(Proofs.ProofException.class);
            }
            for (int size1 = 0; size1 <= size; size1++) {
                byte[] root1 = MerkleTree.rootOf(hashes.subList(0, size1));
                List<byte[]> proof = Proofs.consistency(size1, size, subtrees);
                long m = size1;
                long n = size;
                assertThatCode(() -> Proofs.verifyConsistency(m, n, root1, root, proof)).as("%d to %d", size1, size)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void trivialCasesFollowTheReference() {
        byte[] root = HEX.parseHex(ROOTS.getFirst());
        assertThatCode(() -> Proofs.verifyConsistency(0, 0, root, root, List.of())).doesNotThrowAnyException();
        assertThatCode(() -> Proofs.verifyConsistency(0, 1, root, root, List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> Proofs.verifyConsistency(1, 1, root, MerkleTree.emptyRoot(), List.of()))
                .isInstanceOf(Proofs.ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(2, 1, root, root, List.of()))
                .isInstanceOf(Proofs.ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(1, 1, root, root, List.of(MerkleTree.emptyRoot())))
                .isInstanceOf(Proofs.ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 0, root, List.of(), root))
                .isInstanceOf(Proofs.ProofException.class);
    }

    static Proofs.Subtrees reference(List<byte[]> leafHashes) {
        return (start, end) -> MerkleTree.rootOf(leafHashes.subList((int) start, (int) end));
    }

    private static List<byte[]> with(List<byte[]> proof, int at, byte[] hash) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(at, hash);
        return copy;
    }

    private static List<byte[]> flip(List<byte[]> proof, int i) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = copy.get(i).clone();
        changed[0] ^= 16;
        copy.set(i, changed);
        return copy;
    }
}
