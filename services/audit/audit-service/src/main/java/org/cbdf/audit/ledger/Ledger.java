package org.cbdf.audit.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import org.cbdf.audit.verifier.CompactRange;
import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends consumed events to the Merkle tree, each exactly once and in one global order. An append locks
 * the tree head row, so appends run one at a time across every consumer thread and replica: the next leaf
 * index is the current size, and the new frontier and root are computed from the locked head in O(log n).
 * The entry, the head and the version bookkeeping commit together or not at all.
 */
class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventLeaf leaves;
    private final AggregateVersions versions;
    private final Clock clock;

    Ledger(JdbcClient jdbc, TransactionTemplate transactions, EventLeaf leaves, AggregateVersions versions,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.leaves = leaves;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * Appends {@code event}, consumed from {@code topic}.
     *
     * @return the leaf index it got, or empty if it had been appended before
     * @throws org.cbdf.platform.messaging.InvalidEventException if the envelope or payload can never be appended
     */
    Optional<Long> append(CloudEvent event, String topic) {
        return appendAll(List.of(event), topic).getFirst();
    }

    /**
     * Appends {@code events}, in this order, in one transaction: one lock of the head, one commit (one WAL flush)
     * for all of them, which is what durable throughput depends on.
     *
     * @return per event, the leaf index it got, or empty if it had been appended before
     * @throws org.cbdf.platform.messaging.InvalidEventException if an envelope or payload can never be appended;
     *         then none of the events is
     */
    List<Optional<Long>> appendAll(List<CloudEvent> events, String topic) {
        List<Prepared> prepared = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            IncomingEvent checked = IncomingEvent.from(event);
            byte[] leaf = leaves.of(event, checked);
            prepared.add(new Prepared(checked, leaf, MerkleTree.leafHash(leaf)));
        }
        return transactions.execute(status -> {
            CompactRange head = lockHead();
            Instant now = Instant.now(clock);
            List<Optional<Long>> indexes = new ArrayList<>(prepared.size());
            for (Prepared event : prepared) {
                if (appendedBefore(event)) {
                    indexes.add(Optional.empty());
                    continue;
                }
                long leafIndex = head.size();
                insertEntry(event.checked(), topic, leafIndex, event.leaf(), event.leafHash(), now);
                insertCompletedNodes(head, leafIndex, event.leafHash());
                versions.record(event.checked(), leafIndex, now);
                head = head.append(event.leafHash());
                indexes.add(Optional.of(leafIndex));
            }
            if (indexes.stream().anyMatch(Optional::isPresent)) {
                jdbc.sql("""
                        update tree_head set tree_size = :size, root_hash = :root, frontier = :frontier,
                                             updated_at = :now
                        where id = 1
                        """).param("size", head.size()).param("root", head.root())
                        .param("frontier", head.frontierBytes()).param("now", Timestamp.from(now)).update();
            }
            return indexes;
        });
    }

    private boolean appendedBefore(Prepared event) {
        Optional<byte[]> appendedBefore = jdbc.sql("""
                select leaf_hash from ledger_entry where source = :source and event_id = :eventId
                """).param("source", event.checked().source().toString()).param("eventId", event.checked().id())
                .query(byte[].class).optional();
        if (appendedBefore.isPresent() && !Arrays.equals(appendedBefore.get(), event.leafHash())) {
            // same identity, other content: a producer bug worth seeing; the first one stays the record
            log.warn("Event {} from {} arrived again with different content; the ledger keeps the first",
                    event.checked().id(), event.checked().source());
        }
        return appendedBefore.isPresent();
    }

    private record Prepared(IncomingEvent checked, byte[] leaf, byte[] leafHash) {
    }

    /**
     * The perfect subtrees the new leaf completes: one per trailing 1 bit of the old size, each the node hash of
     * a frontier root and the subtree just completed to its right. They are what proofs are answered from.
     */
    private void insertCompletedNodes(CompactRange head, long leafIndex, byte[] leafHash) {
        List<byte[]> frontier = head.frontier();
        byte[] node = leafHash;
        int level = 0;
        for (long size = head.size(); (size & 1) == 1; size >>>= 1) {
            node = MerkleTree.nodeHash(frontier.get(frontier.size() - 1 - level), node);
            level++;
            jdbc.sql("insert into merkle_node (level, idx, hash) values (:level, :idx, :hash)")
                    .param("level", level).param("idx", leafIndex >>> level).param("hash", node).update();
        }
    }

    private CompactRange lockHead() {
        return jdbc.sql("select tree_size, frontier from tree_head where id = 1 for update")
                .query((rs, row) -> CompactRange.fromStored(rs.getLong("tree_size"), rs.getBytes("frontier")))
                .single();
    }

    private void insertEntry(IncomingEvent event, String topic, long leafIndex, byte[] leaf, byte[] leafHash,
            Instant now) {
        jdbc.sql("""
                insert into ledger_entry (leaf_index, event_id, source, type, subject, event_time, aggregate_type,
                                          aggregate_id, aggregate_version, organization, jurisdictions, topic, leaf,
                                          leaf_hash, appended_at)
                values (:leafIndex, :eventId, :source, :type, :subject, :time, :aggregateType, :aggregateId,
                        :aggregateVersion, :organization, string_to_array(:jurisdictions, ','), :topic, :leaf,
                        :leafHash, :appendedAt)
                """)
                .param("leafIndex", leafIndex)
                .param("eventId", event.id())
                .param("source", event.source().toString())
                .param("type", event.type())
                .param("subject", event.subject())
                .param("time", event.time() == null ? null : Timestamp.from(event.time().toInstant()))
                .param("aggregateType", event.aggregateType())
                .param("aggregateId", event.aggregateId())
                .param("aggregateVersion", event.aggregateVersion())
                .param("organization", event.extension(CloudEventExtensions.ORGANIZATION))
                .param("jurisdictions", String.join(",", jurisdictions(event)))
                .param("topic", topic)
                .param("leaf", leaf)
                .param("leafHash", leafHash)
                .param("appendedAt", Timestamp.from(now))
                .update();
    }

    /** The {@code jurisdictions} extension: comma-separated ISO 3166-1 codes, upper-cased, blanks dropped. */
    static List<String> jurisdictions(IncomingEvent event) {
        String value = event.extension(CloudEventExtensions.JURISDICTIONS);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(code -> !code.isEmpty())
                .map(code -> code.toUpperCase(Locale.ROOT)).distinct().toList();
    }
}
