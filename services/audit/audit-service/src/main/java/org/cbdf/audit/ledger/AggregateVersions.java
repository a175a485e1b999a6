package org.cbdf.audit.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every aggregate numbers its events 1, 2, 3 … without gaps (docs/design.md §2). The ledger keeps the highest
 * version it saw per aggregate and records each event whose version does not follow on: a missing range
 * means events were lost or are still on their way; a version not above the highest means one arrived out
 * of order or a producer reused a number. With the highest version it keeps the {@code readers} that event named
 * ({@link LedgerQuery.Visibility}). Runs inside the append's transaction, under its lock, once per batch.
 */
class AggregateVersions {

    static final String GAPS_METRIC = "audit.aggregate.version.gaps";
    private static final Logger log = LoggerFactory.getLogger(AggregateVersions.class);

    private final JdbcClient jdbc;
    private final Counter missing;
    private final Counter outOfOrder;

    AggregateVersions(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.missing = Counter.builder(GAPS_METRIC).tag("kind", GapKind.MISSING.name())
                .description("Events whose aggregateversion did not follow the highest one seen").register(meters);
        this.outOfOrder = Counter.builder(GAPS_METRIC).tag("kind", GapKind.OUT_OF_ORDER.name())
                .description("Events whose aggregateversion did not follow the highest one seen").register(meters);
    }

    /**
     * Records the versions of {@code appended}, in leaf order: one query reads the highest versions of the batch's
     * aggregates, the gaps are found in memory as if the events came one by one, and the gaps and the new highest
     * versions are each written by one statement.
     */
    void record(List<Ledger.Appended> appended, Instant now) {
        Map<Aggregate, Long> highest = highestOf(appended);
        Map<Aggregate, Long> before = new HashMap<>(highest);
        // the readers the event with the highest version names hold for the whole aggregate; null: unrestricted
        Map<Aggregate, String> readers = new HashMap<>();
        List<Gap> gaps = new ArrayList<>();
        for (Ledger.Appended entry : appended) {
            IncomingEvent event = entry.event();
            Aggregate aggregate = new Aggregate(event.aggregateType(), event.aggregateId());
            long previous = highest.getOrDefault(aggregate, 0L);
            long version = event.aggregateVersion();
            if (version != previous + 1) {
                GapKind kind = version > previous + 1 ? GapKind.MISSING : GapKind.OUT_OF_ORDER;
                gaps.add(new Gap(aggregate, kind, previous + 1, version, entry.leafIndex(), event.id()));
                log.warn("{} {} version {} after {}: {} (event {}, leaf {})", event.aggregateType(),
                        event.aggregateId(), version, previous, kind, event.id(), entry.leafIndex());
            }
            if (version > previous) {
                List<String> named = Ledger.codes(event, CloudEventExtensions.READERS);
                readers.put(aggregate, named == null ? null : String.join(",", named));
            }
            highest.put(aggregate, Math.max(previous, version));
        }
        insertGaps(gaps, now);
        List<Map.Entry<Aggregate, Long>> raised = highest.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).toList();
        if (!raised.isEmpty()) {
            jdbc.sql("""
                    insert into aggregate_version (aggregate_type, aggregate_id, highest_version, readers)
                    select v.aggregate_type, v.aggregate_id, v.highest_version, string_to_array(v.readers, ',')
                    from unnest(cast(:types as text[]), cast(:ids as text[]), cast(:versions as bigint[]),
                                cast(:readers as text[])) as v(aggregate_type, aggregate_id, highest_version, readers)
                    on conflict (aggregate_type, aggregate_id)
                    do update set highest_version = greatest(aggregate_version.highest_version,
                                                             excluded.highest_version),
                                  readers = case when excluded.highest_version > aggregate_version.highest_version
                                                 then excluded.readers else aggregate_version.readers end
                    """)
                    .param("types", raised.stream().map(e -> e.getKey().type()).toArray(String[]::new))
                    .param("ids", raised.stream().map(e -> e.getKey().id()).toArray(String[]::new))
                    .param("versions", raised.stream().mapToLong(Map.Entry::getValue).toArray())
                    .param("readers", raised.stream().map(e -> readers.get(e.getKey())).toArray(String[]::new))
                    .update();
        }
        for (Gap gap : gaps) {
            countAfterCommit(gap.kind() == GapKind.MISSING ? missing : outOfOrder);
        }
    }

    /** The highest versions stored for the aggregates of {@code appended}; absent ones have none yet. */
    private Map<Aggregate, Long> highestOf(List<Ledger.Appended> appended) {
        List<Aggregate> aggregates = appended.stream()
                .map(entry -> new Aggregate(entry.event().aggregateType(), entry.event().aggregateId()))
                .distinct().toList();
        Map<Aggregate, Long> highest = new HashMap<>();
        jdbc.sql("""
                select v.aggregate_type, v.aggregate_id, v.highest_version
                from unnest(cast(:types as text[]), cast(:ids as text[])) as wanted(aggregate_type, aggregate_id)
                join aggregate_version v on v.aggregate_type = wanted.aggregate_type
                                        and v.aggregate_id = wanted.aggregate_id
                """)
                .param("types", aggregates.stream().map(Aggregate::type).toArray(String[]::new))
                .param("ids", aggregates.stream().map(Aggregate::id).toArray(String[]::new))
                .query(rs -> {
                    highest.put(new Aggregate(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
        return highest;
    }

    private void insertGaps(List<Gap> gaps, Instant now) {
        if (gaps.isEmpty()) {
            return;
        }
        // the id (bigserial) keeps detection order: unnest hands the rows over in array order
        jdbc.sql("""
                insert into aggregate_version_gap (aggregate_type, aggregate_id, kind, expected_version,
                                                   received_version, leaf_index, event_id, detected_at)
                select g.aggregate_type, g.aggregate_id, g.kind, g.expected_version, g.received_version, g.leaf_index,
                       g.event_id, :now
                from unnest(cast(:types as text[]), cast(:ids as text[]), cast(:kinds as text[]),
                            cast(:expected as bigint[]), cast(:received as bigint[]), cast(:leafIndexes as bigint[]),
                            cast(:eventIds as text[]))
                     with ordinality as g(aggregate_type, aggregate_id, kind, expected_version, received_version,
                                          leaf_index, event_id, position)
                order by g.position
                """)
                .param("types", gaps.stream().map(gap -> gap.aggregate().type()).toArray(String[]::new))
                .param("ids", gaps.stream().map(gap -> gap.aggregate().id()).toArray(String[]::new))
                .param("kinds", gaps.stream().map(gap -> gap.kind().name()).toArray(String[]::new))
                .param("expected", gaps.stream().mapToLong(Gap::expected).toArray())
                .param("received", gaps.stream().mapToLong(Gap::received).toArray())
                .param("leafIndexes", gaps.stream().mapToLong(Gap::leafIndex).toArray())
                .param("eventIds", gaps.stream().map(Gap::eventId).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    private record Aggregate(String type, String id) {
    }

    private record Gap(Aggregate aggregate, GapKind kind, long expected, long received, long leafIndex,
            String eventId) {
    }

    /** A rolled-back append reported nothing, so the metric counts only what the gap table keeps. */
    private static void countAfterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    enum GapKind {
        MISSING, OUT_OF_ORDER
    }
}
