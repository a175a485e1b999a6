package org.cbdf.audit.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.cbdf.audit.checkpoint.Checkpoints;
import org.cbdf.audit.ledger.MerkleNodes;
import org.cbdf.audit.verifier.BundleManifest;
import org.cbdf.audit.verifier.BundleWriter;
import org.cbdf.audit.verifier.Hashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes leaves {@code [from, to)} as an export bundle: the signed checkpoints around them, the compact range left
 * of {@code from} and the consistency proofs that tie the bundle's tree to the checkpoints outside it, then the
 * leaves themselves straight from a database cursor.
 */
public class BundleExport {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final MerkleNodes nodes;
    private final Checkpoints checkpoints;
    private final JsonMapper json;
    private final Clock clock;

    BundleExport(DataSource dataSource, PlatformTransactionManager transactionManager, MerkleNodes nodes,
            Checkpoints checkpoints, JsonMapper json, Clock clock) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.nodes = nodes;
        this.checkpoints = checkpoints;
        this.json = json;
        this.clock = clock;
    }

    /** What an export of {@code [from, to)} carries besides the leaves; computed before the first byte is sent. */
    public Prepared prepare(long from, long to) {
        Map<Long, String> notes = checkpoints.forExport(from, to);
        List<String> prefix = nodes.frontier(from).stream().map(Hashes::b64).toList();
        List<BundleManifest.ConsistencyProof> proofs = new ArrayList<>();
        for (long size : notes.keySet()) {
            if (size < from || size > to) {
                long small = Math.min(size, to);
                long large = Math.max(size, to);
                proofs.add(new BundleManifest.ConsistencyProof(small, large,
                        nodes.consistency(small, large).stream().map(Hashes::b64).toList()));
            }
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, checkpoints.publicKey().name(), from, to,
                prefix, proofs, Instant.now(clock));
        return new Prepared(manifest, notes);
    }

    public void write(Prepared prepared, OutputStream out) throws IOException {
        BundleManifest manifest = prepared.manifest();
        try (BundleWriter writer = new BundleWriter(out, manifest, checkpoints.publicKey(), prepared.notes(), json)) {
            readOnly.executeWithoutResult(status -> streaming.query(
                    "select leaf_index, leaf_hash, leaf from ledger_entry where leaf_index >= ? and leaf_index < ? "
                            + "order by leaf_index",
                    rs -> {
                        try {
                            writer.event(rs.getLong(1), rs.getBytes(2), rs.getBytes(3));
                        } catch (IOException e) {
                            throw new UncheckedIOException("the client stopped reading the export", e);
                        }
                    }, manifest.from(), manifest.to()));
        }
    }

    public record Prepared(BundleManifest manifest, Map<Long, String> notes) {
    }
}
