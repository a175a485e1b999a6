package org.cbdf.audit.checkpoint;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cbdf.audit.events.AuditEvents;
import org.cbdf.audit.events.CheckpointSigned;
import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.Hashes;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs the head of the ledger, keeps every signed checkpoint and announces it on {@value AuditEvents#TOPIC}
 * through the outbox, in the same transaction. Signing locks the tree head, so the size and root it signs are
 * those of committed appends, and two replicas never sign the same size twice.
 */
public class Checkpoints {

    static final String BINDING = "audit-checkpoints";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final SigningKey key;
    private final String origin;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, SigningKey key, String origin,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.key = key;
        this.origin = origin;
        this.clock = clock;
    }

    public LogKey publicKey() {
        return key.publicKey();
    }

    /**
     * Signs the current head unless this key already signed that size.
     *
     * @param evenIfEmpty sign a tree of no leaves too (on demand); the schedule does not
     * @return the checkpoint of the current size, and whether it was signed now
     */
    public Optional<Signed> signHead(boolean evenIfEmpty) {
        return transactions.execute(status -> {
            Head head = jdbc.sql("select tree_size, root_hash from tree_head where id = 1 for update")
                    .query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
            Optional<StoredCheckpoint> existing = bySize(head.size());
            if (existing.isPresent()) {
                return Optional.of(new Signed(existing.get(), false));
            }
            if (head.size() == 0 && !evenIfEmpty) {
                return Optional.<Signed>empty();
            }
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
            Checkpoint checkpoint = new Checkpoint(origin, head.size(), head.root(), now);
            byte[] signature = key.sign(checkpoint.textBytes());
            String note = checkpoint.signedNote(key.publicKey(), signature);
            jdbc.sql("""
                    insert into checkpoint (tree_size, key_id, root_hash, signed_at, signature, note)
                    values (:size, :keyId, :root, :signedAt, :signature, :note)
                    """).param("size", head.size()).param("keyId", key.publicKey().keyId()).param("root", head.root())
                    .param("signedAt", Timestamp.from(now)).param("signature", signature).param("note", note).update();
            long version = jdbc.sql("select count(*) from checkpoint").query(Long.class).single();
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(AuditEvents.CHECKPOINT_SIGNED_V1)
                    .aggregate(AuditEvents.AGGREGATE_TYPE, origin, version)
                    .data(new CheckpointSigned(head.size(), Hashes.b64(head.root()), now,
                            java.util.Base64.getEncoder().encodeToString(signature), key.publicKey().keyId()))
                    .build());
            StoredCheckpoint stored = new StoredCheckpoint(head.size(), head.root(), now, note, key.publicKey().keyId());
            return Optional.of(new Signed(stored, true));
        });
    }

    /** The latest checkpoint of the current key. */
    public Optional<StoredCheckpoint> latest() {
        return jdbc.sql(SELECT + " where key_id = :keyId order by tree_size desc limit 1")
                .param("keyId", key.publicKey().keyId()).query(Checkpoints::stored).optional();
    }

    /** The checkpoint of {@code treeSize} signed with the current key. */
    public Optional<StoredCheckpoint> bySize(long treeSize) {
        return jdbc.sql(SELECT + " where key_id = :keyId and tree_size = :size")
                .param("keyId", key.publicKey().keyId()).param("size", treeSize).query(Checkpoints::stored)
                .optional();
    }

    /**
     * The checkpoints an export of leaves {@code [from, to)} carries: those inside the range, the latest before it
     * and the latest after it, all of the current key (the only one the bundle's public key verifies).
     */
    public Map<Long, String> forExport(long from, long to) {
        List<StoredCheckpoint> chosen = jdbc.sql(SELECT + """
                 where key_id = :keyId and (
                     tree_size between :from and :to
                     or tree_size = (select max(tree_size) from checkpoint where key_id = :keyId and tree_size < :from)
                     or tree_size = (select max(tree_size) from checkpoint where key_id = :keyId and tree_size > :to))
                 order by tree_size
                """).param("keyId", key.publicKey().keyId()).param("from", from).param("to", to)
                .query(Checkpoints::stored).list();
        Map<Long, String> notes = new LinkedHashMap<>();
        chosen.forEach(checkpoint -> notes.put(checkpoint.treeSize(), checkpoint.note()));
        return notes;
    }

    private static StoredCheckpoint stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredCheckpoint(rs.getLong("tree_size"), rs.getBytes("root_hash"),
                rs.getObject("signed_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("note"),
                rs.getString("key_id"));
    }

    private static final String SELECT = "select tree_size, root_hash, signed_at, note, key_id from checkpoint";

    record Head(long size, byte[] root) {
    }

    /** Whether the checkpoint was signed by this call or already existed. */
    public record Signed(StoredCheckpoint checkpoint, boolean created) {
    }

    /** A signed checkpoint as kept: the note is what verifiers check; the other columns are for queries. */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, Instant signedAt, String note, String keyId) {
    }
}
