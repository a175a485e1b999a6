package org.cbdf.audit.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.cbdf.audit.verifier.BundleManifest;
import org.cbdf.audit.verifier.BundleVerifier;
import org.cbdf.audit.verifier.BundleWriter;
import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.CompactRange;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.audit.verifier.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.json.JsonMapper;

/**
 * Replay rates, in events per second: the NDJSON replay, each entry read from the database cursor and written as
 * its NDJSON line (what {@code GET /api/v1/audit/events} streams), and the offline verifier checking a bundle
 * (parse, RFC 8785, leaf hash, tree, signed root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReplayBenchmark {

    static final int EVENTS = 200_000;

    private BenchmarkDatabase database;
    private LedgerEntries entries;
    private LedgerQuery everything;
    private Path bundle;
    private LogKey key;

    @Setup(Level.Trial)
    public void fill() throws IOException, GeneralSecurityException {
        database = new BenchmarkDatabase(false);
        JsonMapper json = JsonMapper.builder().build();
        database.jdbc.sql("""
                insert into ledger_entry (leaf_index, event_id, source, type, subject, event_time, aggregate_type,
                                          aggregate_id, aggregate_version, organization, jurisdictions, topic, leaf,
                                          leaf_hash, appended_at)
                select i, 'e' || i, 'urn:cbdf:transfer-service', 'transfer.assessed.v1', 'tr-' || (i / 5), now(),
                       'transfer', 'tr-' || (i / 5), i % 5 + 1, 'acme-cn', '{CN,DE}', 'transfer.events',
                       convert_to('{"aggregateid":"tr-' || (i / 5) || '","aggregatetype":"transfer","aggregateversion":"'
                           || (i % 5 + 1) || '","data":{"outcome":"REVIEW_REQUIRED","requiredApprovals":[{"jurisdiction":'
                           || '"CN","procedure":"SECURITY_ASSESSMENT"}],"status":"AWAITING_APPROVAL","transferId":"tr-'
                           || (i / 5) || '"},"datacontenttype":"application/json","id":"e' || i
                           || '","jurisdictions":"CN,DE","organization":"acme-cn","source":"urn:cbdf:transfer-service",'
                           || '"specversion":"1.0","subject":"tr-' || (i / 5)
                           || '","time":"2026-11-28T21:00:00Z","type":"transfer.assessed.v1"}', 'UTF8'),
                       sha256('\\x00'::bytea || int8send(i)), now()
                from generate_series(0, :last) as i
                """).param("last", EVENTS - 1).update();
        database.jdbc.sql("vacuum analyze").update();
        entries = new LedgerEntries(database.dataSource, database.jdbc,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(database.dataSource),
                new EventLeaf(json), json);
        everything = new LedgerQuery(null, null, null, null, null, null, null,
                new LedgerQuery.Visibility(true, Optional.empty(), Optional.empty()));

        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        key = new LogKey("bench/ledger", keys.getPublic());
        bundle = Files.createTempFile("replay-bench", ".zip");
        byte[][] leaves = database.jdbc.sql("select leaf from ledger_entry order by leaf_index").query(byte[].class)
                .list().toArray(byte[][]::new);
        CompactRange tree = CompactRange.empty();
        for (byte[] leaf : leaves) {
            tree = tree.append(MerkleTree.leafHash(leaf));
        }
        Checkpoint checkpoint = new Checkpoint("bench/ledger", EVENTS, tree.root(), Instant.now());
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(keys.getPrivate());
        ed25519.update(checkpoint.textBytes());
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, "bench/ledger", 0, EVENTS,
                java.util.List.of(), java.util.List.of(), Instant.now());
        try (OutputStream out = Files.newOutputStream(bundle); BundleWriter writer = new BundleWriter(out, manifest,
                key, Map.of((long) EVENTS, checkpoint.signedNote(key, ed25519.sign())), json)) {
            for (int i = 0; i < leaves.length; i++) {
                // the SQL above wrote canonical JSON, so the leaf hash is that of the bytes as stored
                writer.event(i, MerkleTree.leafHash(leaves[i]), leaves[i]);
            }
        }
        if (!new BundleVerifier().verify(bundle, Optional.of(key), Set.of()).verified()) {
            throw new IllegalStateException("the benchmark bundle does not verify");
        }
        System.out.printf("%n%d events in the database and in a %d MB bundle%n", EVENTS, Files.size(bundle) >> 20);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        Files.deleteIfExists(bundle);
        database.close();
    }

    /** What {@code GET /api/v1/audit/events} with {@code Accept: application/x-ndjson} writes, minus HTTP. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long replayFromTheDatabase() throws IOException {
        LineCounter lines = new LineCounter();
        entries.writeNdjson(everything, null, lines);
        if (lines.count != EVENTS) {
            throw new IllegalStateException("replayed " + lines.count + " of " + EVENTS);
        }
        return lines.count;
    }

    /** An output that keeps nothing and counts lines. */
    private static final class LineCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            if (b == '\n') {
                count++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    count++;
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public boolean verifyABundleOffline() throws IOException {
        boolean verified = new BundleVerifier().verify(bundle, Optional.of(key), Set.of()).verified();
        if (!verified) {
            throw new IllegalStateException("the bundle stopped verifying");
        }
        return verified;
    }
}
