package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported bundle verifies offline with the public key alone, and every kind of tampering with its events
 * (edit, delete, reorder, truncate) fails verification at the first place it diverges.
 */
class BundleVerifierTests {

    @TempDir
    Path directory;

    private final TestLog log = new TestLog().transfer("tr-1", 5).transfer("tr-2", 5).checkpoint(4).checkpoint(10);
    private final BundleVerifier verifier = new BundleVerifier();

    @Test
    void anIntactBundleVerifiesAndProvesTheInclusionOfChosenEvents() throws IOException {
        Path bundle = log.bundle(directory, 0, 10);

        BundleVerifier.Report report = verifier.verify(bundle, Optional.of(log.key), Set.of("tr-2-e3", "tr-1-e1"));

        assertThat(report.verified()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.lines()).anyMatch(line -> line.contains("2 signed checkpoint(s) verify"))
                .anyMatch(line -> line.contains("event tr-2-e3 is leaf 7") && line.contains("inclusion proof"))
                .anyMatch(line -> line.contains("event tr-1-e1 is leaf 0"));
    }

    @Test
    void anEditedEventIsNamedByItsLeaf() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> {
            lines.set(7, lines.get(7).replace("AWAITING_APPROVAL", "APPROVED"));
            return lines;
        });

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).isEqualTo(7);
        assertThat(divergence.what()).contains("tr-2-e3").contains("altered");
    }

    @Test
    void anEditWhoseRecordedHashWasRewrittenTooFailsAtTheSignedRootAfterIt() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> {
            String edited = lines.get(7).replace("AWAITING_APPROVAL", "APPROVED");
            var entry = (tools.jackson.databind.node.ObjectNode) log.json.readTree(edited);
            entry.put("leafHash", Hashes.b64(MerkleTree.leafHash(CanonicalJson.canonicalize(entry.get("event")))));
            lines.set(7, entry.toString());
            return lines;
        });

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).as("the first leaf after the last checkpoint that still matches").isEqualTo(4);
        assertThat(divergence.what()).contains("checkpoint 10 signed").contains("from 4 to 9");
    }

    @Test
    void aDeletedEventIsNamedByTheLeafThatIsMissing() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> {
            lines.remove(5);
            return lines;
        });

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).isEqualTo(5);
        assertThat(divergence.what()).contains("leaf 5 is missing");
    }

    @Test
    void reorderedEventsAreNamedByTheFirstLeafOutOfPlace() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> {
            Collections.swap(lines, 2, 3);
            return lines;
        });

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).isEqualTo(2);
        assertThat(divergence.what()).contains("leaf 2").contains("leaf 3");
    }

    @Test
    void reorderedEventsWithRenumberedIndexesFailAtTheSignedRoot() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> {
            Collections.swap(lines, 1, 2);
            lines.set(1, lines.get(1).replace("{\"leafIndex\":2,", "{\"leafIndex\":1,"));
            lines.set(2, lines.get(2).replace("{\"leafIndex\":1,", "{\"leafIndex\":2,"));
            return lines;
        });

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).isEqualTo(0);
        assertThat(divergence.what()).contains("checkpoint 4 signed");
    }

    @Test
    void aTruncatedBundleIsNamedByTheFirstLeafItLacks() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 10), lines -> lines.subList(0, 7));

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.leafIndex()).isEqualTo(7);
        assertThat(divergence.what()).contains("truncated");
    }

    @Test
    void aTruncationThatAlsoShortensTheManifestIsCaughtByTheLaterCheckpoint() throws IOException {
        Path truncated = BundleTampering.events(log.bundle(directory, 0, 10), lines -> lines.subList(0, 7));
        Path bundle = BundleTampering.entry(truncated, BundleManifest.ENTRY,
                manifest -> manifest.replace("\"to\" : 10", "\"to\" : 7"));

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.what()).contains("checkpoint 10").contains("no consistency proof");
    }

    @Test
    void anAlteredCheckpointDoesNotVerify() throws IOException {
        String forgedRoot = Hashes.b64(MerkleTree.leafHash(new byte[] { 1 }));
        Path bundle = BundleTampering.entry(log.bundle(directory, 0, 10), BundleManifest.CHECKPOINTS + "10.txt",
                note -> note.replace(Hashes.b64(log.root(10)), forgedRoot));

        BundleVerifier.Divergence divergence = divergence(bundle);

        assertThat(divergence.what()).contains("checkpoints/10.txt").contains("does not verify");
    }

    @Test
    void anotherKeyDoesNotVerifyTheCheckpoints() throws IOException {
        Path bundle = log.bundle(directory, 0, 10);
        LogKey stranger = new TestLog().key;

        BundleVerifier.Report report = verifier.verify(bundle, Optional.of(stranger), Set.of());

        assertThat(report.verified()).isFalse();
        assertThat(report.divergence().orElseThrow().what()).contains("no signature of " + stranger.keyId());
    }

    @Test
    void aSliceOfTheLogVerifiesThroughThePrefixAndConsistencyProofs() throws IOException {
        TestLog longer = new TestLog().transfer("tr-1", 5).transfer("tr-2", 5).transfer("tr-3", 3)
                .checkpoint(3).checkpoint(5).checkpoint(8).checkpoint(13);
        Path bundle = longer.bundle(directory, 5, 11);

        BundleVerifier.Report report = verifier.verify(bundle, Optional.of(longer.key), Set.of("tr-2-e2", "tr-3-e1"));

        assertThat(report.verified()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.lines()).anyMatch(line -> line.contains("checkpoint 3") && line.contains("consistency proof"))
                .anyMatch(line -> line.contains("checkpoint 13") && line.contains("consistency proof"))
                .anyMatch(line -> line.contains("checkpoint 8") && line.contains("recomputed from the leaves"))
                .anyMatch(line -> line.contains("event tr-3-e1 is leaf 10"));

        Path edited = BundleTampering.events(bundle, lines -> {
            lines.set(2, lines.get(2).replace("1500", "1600"));
            return lines;
        });
        assertThat(divergence(edited, longer.key).leafIndex()).isEqualTo(7);
    }

    @Test
    void aBundleWhoseLastLeavesNoCheckpointCoversFails() throws IOException {
        TestLog unsigned = new TestLog().transfer("tr-1", 5).checkpoint(3);

        BundleVerifier.Divergence divergence = divergence(unsigned.bundle(directory, 0, 5), unsigned.key);

        assertThat(divergence.what()).contains("no signed checkpoint covers");
    }

    @Test
    void anEventNotInTheBundleIsReported() throws IOException {
        BundleVerifier.Report report = verifier.verify(log.bundle(directory, 0, 10), Optional.of(log.key),
                Set.of("no-such-event"));

        assertThat(report.verified()).isFalse();
        assertThat(report.divergence().orElseThrow().what()).contains("no-such-event is not in the bundle");
    }

    private BundleVerifier.Divergence divergence(Path bundle) throws IOException {
        return divergence(bundle, log.key);
    }

    private BundleVerifier.Divergence divergence(Path bundle, LogKey key) throws IOException {
        BundleVerifier.Report report = verifier.verify(bundle, Optional.of(key), Set.of());
        assertThat(report.verified()).as("a tampered bundle must not verify").isFalse();
        List<String> lines = report.lines();
        assertThat(lines.getLast()).startsWith("FAIL");
        return report.divergence().orElseThrow();
    }
}
