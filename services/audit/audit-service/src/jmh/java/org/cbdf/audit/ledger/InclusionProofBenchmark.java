package org.cbdf.audit.ledger;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.audit.verifier.Proofs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An inclusion proof for a random leaf of a large tree, as the API answers it: the stored nodes it needs read from
 * PostgreSQL in one query, the path assembled. The tree is filled by SQL (leaf hashes, then every perfect subtree
 * level by level, the same statement the V2 migration backfills with): 10 M leaves in about two minutes, where the
 * append path, at its sustained 9,000–10,000 events per second, would take about eighteen.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class InclusionProofBenchmark {

    /** 10 M is the target's size: about 20 M rows and 3 GB, filled in minutes (README, Benchmarks). */
    @Param({ "1000000", "10000000" })
    public long leaves;

    private BenchmarkDatabase database;
    private MerkleNodes nodes;
    private byte[] root;

    @Setup(Level.Trial)
    public void fill() {
        database = new BenchmarkDatabase(false);
        long started = System.nanoTime();
        database.jdbc.sql("""
                drop index ledger_entry_aggregate, ledger_entry_organization, ledger_entry_type, ledger_entry_time,
                           ledger_entry_jurisdictions, ledger_entry_event_id
                """).update();
        database.jdbc.sql("alter table ledger_entry drop constraint ledger_entry_event").update();
        database.jdbc.sql("""
                insert into ledger_entry (leaf_index, event_id, source, type, aggregate_type, aggregate_id,
                                          aggregate_version, topic, leaf, leaf_hash, appended_at)
                select i, 'e' || i, 'urn:bench', 'bench.v1', 'bench', 'b', 1, 'bench', int8send(i),
                       sha256('\\x00'::bytea || int8send(i)), now()
                from generate_series(0, :last) as i
                """).param("last", leaves - 1).update();
        database.jdbc.sql("""
                do $$
                declare
                    current_level smallint := 1;
                    added bigint;
                begin
                    insert into merkle_node (level, idx, hash)
                    select 1, l.leaf_index / 2, sha256('\\x01'::bytea || l.leaf_hash || r.leaf_hash)
                    from ledger_entry l join ledger_entry r on r.leaf_index = l.leaf_index + 1
                    where l.leaf_index % 2 = 0;
                    get diagnostics added = row_count;
                    while added > 0 loop
                        current_level := current_level + 1;
                        insert into merkle_node (level, idx, hash)
                        select current_level, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
                        from merkle_node l join merkle_node r on r.level = l.level and r.idx = l.idx + 1
                        where l.level = current_level - 1 and l.idx % 2 = 0;
                        get diagnostics added = row_count;
                    end loop;
                end;
                $$
                """).update();
        long filled = System.nanoTime();
        database.jdbc.sql("vacuum analyze").update();
        System.out.printf("%nleaves and nodes filled in %d s, vacuum analyze %d s; shared_buffers %s%n",
                (filled - started) / 1_000_000_000L, (System.nanoTime() - filled) / 1_000_000_000L,
                database.jdbc.sql("show shared_buffers").query(String.class).single());
        nodes = new MerkleNodes(database.jdbc);
        root = nodes.root(leaves);
        long index = leaves / 3;
        byte[] leafHash = MerkleTree.leafHash(java.nio.ByteBuffer.allocate(8).putLong(index).array());
        Proofs.verifyInclusion(index, leaves, leafHash, nodes.inclusion(index, leaves), root);
        System.out.printf("%n%d leaves and %d nodes stored in %d s; a proof of leaf %d verifies%n", leaves,
                database.jdbc.sql("select count(*) from merkle_node").query(Long.class).single(),
                (System.nanoTime() - started) / 1_000_000_000L, index);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        database.close();
    }

    @Benchmark
    public List<byte[]> inclusionProofOfARandomLeaf() {
        return nodes.inclusion(ThreadLocalRandom.current().nextLong(leaves), leaves);
    }
}
