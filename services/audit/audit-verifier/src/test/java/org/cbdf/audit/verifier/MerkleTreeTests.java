package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The ledger's hashes are RFC 9162's, checked against the reference vectors of Certificate Transparency
 * (transparency-dev/merkle testonly/constants.go): a log no other implementation agrees with proves nothing.
 */
class MerkleTreeTests {

    private static final HexFormat HEX = HexFormat.of();

    private static final List<String> LEAF_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** Root hash per tree size 0 … 8. */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** The reference's leaf hashes (level 0 of NodeHashes), and the frontier after each size (CompactTrees). */
    private static final List<String> LEAF_HASHES = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");
    private static final String N1_0 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
    private static final String N1_2 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
    private static final String N2_0 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
    private static final String N3_0 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    private static final List<List<String>> FRONTIERS = List.of(
            List.of(),
            List.of(LEAF_HASHES.get(0)),
            List.of(N1_0),
            List.of(N1_0, LEAF_HASHES.get(2)),
            List.of(N2_0),
            List.of(N2_0, LEAF_HASHES.get(4)),
            List.of(N2_0, N1_2),
            List.of(N2_0, N1_2, LEAF_HASHES.get(6)),
            List.of(N3_0));

    @Test
    void theEmptyTreeHasTheHashOfTheEmptyString() {
        assertThat(hex(MerkleTree.emptyRoot())).isEqualTo(ROOTS.getFirst());
        assertThat(hex(MerkleTree.rootOf(List.of()))).isEqualTo(ROOTS.getFirst());
        assertThat(hex(CompactRange.empty().root())).isEqualTo(ROOTS.getFirst());
    }

    @Test
    void leafHashesPrefixZeroAsTheReferenceDoes() {
        for (int i = 0; i < LEAF_INPUTS.size(); i++) {
            assertThat(hex(MerkleTree.leafHash(HEX.parseHex(LEAF_INPUTS.get(i))))).as("leaf %d", i)
                    .isEqualTo(LEAF_HASHES.get(i));
        }
    }

    @Test
    void theRootFromScratchIsTheReferenceRootForEverySize() {
        List<byte[]> hashes = referenceLeafHashes();
        for (int size = 0; size <= hashes.size(); size++) {
            assertThat(hex(MerkleTree.rootOf(hashes.subList(0, size)))).as("size %d", size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void appendingKeepsTheReferenceFrontierAndRootAfterEveryLeaf() {
        CompactRange range = CompactRange.empty();
        for (int size = 1; size <= LEAF_INPUTS.size(); size++) {
            range = range.append(MerkleTree.leafHash(HEX.parseHex(LEAF_INPUTS.get(size - 1))));
            assertThat(range.size()).isEqualTo(size);
            assertThat(range.frontier().stream().map(MerkleTreeTests::hex).toList()).as("frontier of size %d", size)
                    .isEqualTo(FRONTIERS.get(size));
            assertThat(hex(range.root())).as("root of size %d", size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void theIncrementalRootEqualsTheRootFromScratchForSizesUpTo70() {
        List<byte[]> hashes = new ArrayList<>();
        CompactRange range = CompactRange.empty();
        assertThat(range.root()).isEqualTo(MerkleTree.rootOf(hashes));
        for (int i = 0; i < 70; i++) {
            byte[] leafHash = MerkleTree.leafHash(("event " + i).getBytes(StandardCharsets.UTF_8));
            hashes.add(leafHash);
            range = range.append(leafHash);
            assertThat(hex(range.root())).as("size %d", i + 1).isEqualTo(hex(MerkleTree.rootOf(hashes)));
        }
    }

    @Test
    void theStoredFrontierReadsBackAsTheSameRange() {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < 13; i++) {
            range = range.append(MerkleTree.leafHash(new byte[] { (byte) i }));
        }
        CompactRange stored = CompactRange.fromStored(range.size(), range.frontierBytes());
        assertThat(range.frontierBytes()).hasSize(3 * MerkleTree.HASH_SIZE); // 13 = 8 + 4 + 1
        assertThat(stored.root()).isEqualTo(range.root());
        assertThat(stored.append(MerkleTree.leafHash(new byte[] { 13 })).root())
                .isEqualTo(range.append(MerkleTree.leafHash(new byte[] { 13 })).root());
    }

    private static List<byte[]> referenceLeafHashes() {
        return LEAF_INPUTS.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
