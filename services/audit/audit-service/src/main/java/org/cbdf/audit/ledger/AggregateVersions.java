package org.cbdf.audit.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.messaging.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every aggregate numbers its events 1, 2, 3 … without gaps (DESIGN §2). The ledger keeps the highest
 * version it saw per aggregate and records each event whose version does not follow on: a missing range
 * means events were lost or are still on their way; a version not above the highest means one arrived out
 * of order or a producer reused a number. Runs inside the append's transaction, under its lock.
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

    void record(IncomingEvent event, long leafIndex, Instant now) {
        Optional<Long> highest = jdbc.sql("""
                select highest_version from aggregate_version
                where aggregate_type = :aggregateType and aggregate_id = :aggregateId
                """).param("aggregateType", event.aggregateType()).param("aggregateId", event.aggregateId())
                .query(Long.class).optional();
        long previous = highest.orElse(0L);
        long version = event.aggregateVersion();
        if (version != previous + 1) {
            GapKind kind = version > previous + 1 ? GapKind.MISSING : GapKind.OUT_OF_ORDER;
            jdbc.sql("""
                    insert into aggregate_version_gap (aggregate_type, aggregate_id, kind, expected_version,
                                                       received_version, leaf_index, event_id, detected_at)
                    values (:aggregateType, :aggregateId, :kind, :expected, :received, :leafIndex, :eventId, :now)
                    """).param("aggregateType", event.aggregateType()).param("aggregateId", event.aggregateId())
                    .param("kind", kind.name()).param("expected", previous + 1).param("received", version)
                    .param("leafIndex", leafIndex).param("eventId", event.id()).param("now", Timestamp.from(now))
                    .update();
            countAfterCommit(kind == GapKind.MISSING ? missing : outOfOrder);
            log.warn("{} {} version {} after {}: {} (event {}, leaf {})", event.aggregateType(), event.aggregateId(),
                    version, previous, kind, event.id(), leafIndex);
        }
        jdbc.sql("""
                insert into aggregate_version (aggregate_type, aggregate_id, highest_version)
                values (:aggregateType, :aggregateId, :version)
                on conflict (aggregate_type, aggregate_id)
                do update set highest_version = greatest(aggregate_version.highest_version, excluded.highest_version)
                """).param("aggregateType", event.aggregateType()).param("aggregateId", event.aggregateId())
                .param("version", version).update();
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
