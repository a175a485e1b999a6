package org.cbdf.audit.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The entries, their Merkle nodes, the head and the version bookkeeping commit together or not at all.
 * <p>
 * A batch costs a fixed number of statements whatever its size: the head is read once, the events already
 * appended are looked up in one query, and entries, nodes and versions are each written by one statement that
 * unnests arrays of the batch's values. What durable throughput depends on is then the one commit (one WAL flush)
 * per batch.
 */
public class Ledger {

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
     * An event checked and canonicalised, ready to append: everything that can refuse an event happens here,
     * before any transaction, so one bad record can be set aside without touching the others of its batch.
     */
    public record Candidate(IncomingEvent event, String topic, byte[] leaf, byte[] leafHash) {

        Identity identity() {
            return new Identity(event.source().toString(), event.id());
        }
    }

    /** CloudEvents' identity of an event: source and id. */
    record Identity(String source, String id) {
    }

    /**
     * Checks and canonicalises {@code event}, consumed from {@code topic}.
     *
     * @throws org.cbdf.platform.messaging.InvalidEventException if the envelope or payload can never be appended
     */
    public Candidate prepare(CloudEvent event, String topic) {
        IncomingEvent checked = IncomingEvent.from(event);
        byte[] leaf = leaves.of(event, checked);
        return new Candidate(checked, topic, leaf, MerkleTree.leafHash(leaf));
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
     * Appends {@code events}, all consumed from {@code topic}, in this order, in one transaction.
     *
     * @return per event, the leaf index it got, or empty if it had been appended before
     * @throws org.cbdf.platform.messaging.InvalidEventException if an envelope or payload can never be appended;
     *         then none of the events is
     */
    List<Optional<Long>> appendAll(List<CloudEvent> events, String topic) {
        List<Candidate> candidates = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            candidates.add(prepare(event, topic));
        }
        return appendAll(candidates);
    }

    /**
     * Appends {@code candidates} in this order, in one transaction: one lock of the head, one commit (one WAL flush)
     * for all of them. An event appended before, or earlier in the same batch, is skipped.
     *
     * @return per candidate, the leaf index it got, or empty if it had been appended before
     */
    public List<Optional<Long>> appendAll(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            CompactRange head = lockHead();
            Instant now = Instant.now(clock);
            Map<Identity, byte[]> appended = appendedBefore(candidates);
            List<Optional<Long>> indexes = new ArrayList<>(candidates.size());
            List<Appended> fresh = new ArrayList<>(candidates.size());
            Nodes nodes = new Nodes(candidates.size());
            for (Candidate candidate : candidates) {
                Identity identity = candidate.identity();
                byte[] before = appended.get(identity);
                if (before != null) {
                    if (!Arrays.equals(before, candidate.leafHash())) {
                        // same identity, other content: a producer bug worth seeing; the first one stays the record
                        log.warn("Event {} from {} arrived again with different content; the ledger keeps the first",
                                identity.id(), identity.source());
                    }
                    indexes.add(Optional.empty());
                    continue;
                }
                long leafIndex = head.size();
                nodes.completedBy(head, candidate.leafHash());
                head = head.append(candidate.leafHash());
                appended.put(identity, candidate.leafHash());
                fresh.add(new Appended(candidate, leafIndex));
                indexes.add(Optional.of(leafIndex));
            }
            if (!fresh.isEmpty()) {
                insertEntries(fresh, now);
                nodes.insert(jdbc);
                versions.record(fresh, now);
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

    /** A candidate and the leaf index it got. */
    record Appended(Candidate candidate, long leafIndex) {

        IncomingEvent event() {
            return candidate.event();
        }
    }

    /** The leaf hashes of the candidates' events that are in the ledger already: one query for the whole batch. */
    private Map<Identity, byte[]> appendedBefore(List<Candidate> candidates) {
        String[] sources = new String[candidates.size()];
        String[] ids = new String[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            sources[i] = candidates.get(i).event().source().toString();
            ids[i] = candidates.get(i).event().id();
        }
        Map<Identity, byte[]> appended = new HashMap<>();
        jdbc.sql("""
                select e.source, e.event_id, e.leaf_hash
                from unnest(cast(:sources as text[]), cast(:ids as text[])) as wanted(source, event_id)
                join ledger_entry e on e.source = wanted.source and e.event_id = wanted.event_id
                """).param("sources", sources).param("ids", ids)
                .query(rs -> {
                    appended.put(new Identity(rs.getString(1), rs.getString(2)), rs.getBytes(3));
                });
        return appended;
    }

    /**
     * The perfect subtrees new leaves complete: per leaf, one per trailing 1 bit of the size before it, each the
     * node hash of a frontier root and the subtree just completed to its right. They are what proofs are answered
     * from; all of a batch's are inserted by one statement.
     */
    private static final class Nodes {

        private final List<Short> levels;
        private final List<Long> idxs;
        private final List<byte[]> hashes;

        Nodes(int leaves) {
            // on average one node per leaf
            levels = new ArrayList<>(leaves + 16);
            idxs = new ArrayList<>(leaves + 16);
            hashes = new ArrayList<>(leaves + 16);
        }

        void completedBy(CompactRange head, byte[] leafHash) {
            List<byte[]> frontier = head.frontier();
            long leafIndex = head.size();
            byte[] node = leafHash;
            int level = 0;
            for (long size = head.size(); (size & 1) == 1; size >>>= 1) {
                node = MerkleTree.nodeHash(frontier.get(frontier.size() - 1 - level), node);
                level++;
                levels.add((short) level);
                idxs.add(leafIndex >>> level);
                hashes.add(node);
            }
        }

        void insert(JdbcClient jdbc) {
            if (levels.isEmpty()) {
                return;
            }
            short[] level = new short[levels.size()];
            long[] idx = new long[idxs.size()];
            for (int i = 0; i < level.length; i++) {
                level[i] = levels.get(i);
                idx[i] = idxs.get(i);
            }
            jdbc.sql("""
                    insert into merkle_node (level, idx, hash)
                    select * from unnest(cast(:levels as smallint[]), cast(:idxs as bigint[]),
                                         cast(:hashes as bytea[]))
                    """).param("levels", level).param("idxs", idx).param("hashes", hashes.toArray(byte[][]::new))
                    .update();
        }
    }

    private CompactRange lockHead() {
        return jdbc.sql("select tree_size, frontier from tree_head where id = 1 for update")
                .query((rs, row) -> CompactRange.fromStored(rs.getLong("tree_size"), rs.getBytes("frontier")))
                .single();
    }

    /** Every new entry of the batch, by one statement: a column per array, a row per entry. */
    private void insertEntries(List<Appended> fresh, Instant now) {
        int n = fresh.size();
        long[] leafIndexes = new long[n];
        String[] eventIds = new String[n];
        String[] sources = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] times = new String[n];
        String[] aggregateTypes = new String[n];
        String[] aggregateIds = new String[n];
        long[] aggregateVersions = new long[n];
        String[] organizations = new String[n];
        String[] jurisdictions = new String[n];
        String[] topics = new String[n];
        byte[][] leafBytes = new byte[n][];
        byte[][] leafHashes = new byte[n][];
        for (int i = 0; i < n; i++) {
            Appended entry = fresh.get(i);
            IncomingEvent event = entry.event();
            leafIndexes[i] = entry.leafIndex();
            eventIds[i] = event.id();
            sources[i] = event.source().toString();
            types[i] = event.type();
            subjects[i] = event.subject();
            times[i] = event.time() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time());
            aggregateTypes[i] = event.aggregateType();
            aggregateIds[i] = event.aggregateId();
            aggregateVersions[i] = event.aggregateVersion();
            organizations[i] = event.extension(CloudEventExtensions.ORGANIZATION);
            jurisdictions[i] = String.join(",", jurisdictions(event));
            topics[i] = entry.candidate().topic();
            leafBytes[i] = entry.candidate().leaf();
            leafHashes[i] = entry.candidate().leafHash();
        }
        jdbc.sql("""
                insert into ledger_entry (leaf_index, event_id, source, type, subject, event_time, aggregate_type,
                                          aggregate_id, aggregate_version, organization, jurisdictions, topic, leaf,
                                          leaf_hash, appended_at)
                select e.leaf_index, e.event_id, e.source, e.type, e.subject, cast(e.event_time as timestamptz),
                       e.aggregate_type, e.aggregate_id, e.aggregate_version, e.organization,
                       string_to_array(e.jurisdictions, ','), e.topic, e.leaf, e.leaf_hash, :appendedAt
                from unnest(cast(:leafIndexes as bigint[]), cast(:eventIds as text[]), cast(:sources as text[]),
                            cast(:types as text[]), cast(:subjects as text[]), cast(:times as text[]),
                            cast(:aggregateTypes as text[]), cast(:aggregateIds as text[]),
                            cast(:aggregateVersions as bigint[]), cast(:organizations as text[]),
                            cast(:jurisdictions as text[]), cast(:topics as text[]), cast(:leaves as bytea[]),
                            cast(:leafHashes as bytea[]))
                     as e(leaf_index, event_id, source, type, subject, event_time, aggregate_type, aggregate_id,
                          aggregate_version, organization, jurisdictions, topic, leaf, leaf_hash)
                """)
                .param("leafIndexes", leafIndexes)
                .param("eventIds", eventIds)
                .param("sources", sources)
                .param("types", types)
                .param("subjects", subjects)
                .param("times", times)
                .param("aggregateTypes", aggregateTypes)
                .param("aggregateIds", aggregateIds)
                .param("aggregateVersions", aggregateVersions)
                .param("organizations", organizations)
                .param("jurisdictions", jurisdictions)
                .param("topics", topics)
                .param("leaves", leafBytes)
                .param("leafHashes", leafHashes)
                .param("appendedAt", Timestamp.from(now))
                .update();
    }

    /** The {@code jurisdictions} extension: comma-separated ISO 3166-1 codes, upper-cased, blanks dropped. */
    static List<String> jurisdictions(IncomingEvent event) {
        List<String> codes = codes(event, CloudEventExtensions.JURISDICTIONS);
        return codes == null ? List.of() : codes;
    }

    /** An extension of comma-separated ISO 3166-1 codes, upper-cased, blanks dropped; null if the event has none. */
    static List<String> codes(IncomingEvent event, String extension) {
        String value = event.extension(extension);
        if (value == null) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(code -> !code.isEmpty())
                .map(code -> code.toUpperCase(Locale.ROOT)).distinct().toList();
    }
}
