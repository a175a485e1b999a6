package org.cbdf.transfer.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.PageCursor;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stores transfers and, in the same transaction, the events they recorded (transactional outbox).
 * Saving checks the version read, so concurrent changes to one transfer are serialised, never lost.
 */
@Repository
public class Transfers {

    static final String BINDING = "transfer-events";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Outbox outbox;
    private final ObjectProvider<TransferChangeListener> listeners;

    Transfers(JdbcClient jdbc, JsonMapper json, Outbox outbox, ObjectProvider<TransferChangeListener> listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
        this.listeners = listeners;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Transfer transfer) {
        if (transfer.recordedEvents().isEmpty()) {
            return;
        }
        if (transfer.persistedVersion() == 0) {
            insert(transfer);
        } else {
            update(transfer);
        }
        String jurisdictions = String.join(",", transfer.jurisdictions());
        for (Transfer.RecordedEvent event : transfer.recordedEvents()) {
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(event.type())
                    .aggregate(TransferEvents.AGGREGATE_TYPE, transfer.id().toString(), event.version())
                    .data(event.payload())
                    .extension(CloudEventExtensions.ORGANIZATION, transfer.organization())
                    .extension(CloudEventExtensions.JURISDICTIONS, jurisdictions)
                    .extension(CloudEventExtensions.POLICY_VERSION,
                            transfer.assessment() == null ? null : transfer.assessment().policyVersion())
                    .build());
        }
        listeners.orderedStream().forEach(listener -> listener.saved(transfer));
    }

    private void insert(Transfer transfer) {
        jdbc.sql("""
                insert into transfer (id, organization, submitted_by, status, origin, destination, jurisdictions,
                                      request, submitted_at, updated_at, version, period_start, period_end)
                values (:id, :organization, :submittedBy, :status, :origin, :destination, :jurisdictions,
                        cast(:request as jsonb), :submittedAt, :updatedAt, :version, :periodStart, :periodEnd)
                """)
                .param("periodStart", transfer.request().period() == null ? null : transfer.request().period().start())
                .param("periodEnd", transfer.request().period() == null ? null : transfer.request().period().end())
                .param("id", transfer.id().value())
                .param("organization", transfer.organization())
                .param("submittedBy", transfer.submittedBy())
                .param("status", transfer.status().name())
                .param("origin", transfer.request().exporter().jurisdiction())
                .param("destination", transfer.request().importer().jurisdiction())
                .param("jurisdictions", transfer.jurisdictions().toArray(String[]::new))
                .param("request", json.writeValueAsString(transfer.request()))
                .param("submittedAt", Timestamp.from(transfer.submittedAt()))
                .param("updatedAt", Timestamp.from(transfer.updatedAt()))
                .param("version", transfer.version())
                .update();
    }

    private void update(Transfer transfer) {
        int updated = jdbc.sql("""
                update transfer set status = :status, assessment_id = :assessmentId, outcome = :outcome,
                       policy_version = :policyVersion, assessment = cast(:assessment as jsonb),
                       approvers = :approvers, updated_at = :updatedAt, version = :version,
                       lifecycle = cast(:lifecycle as jsonb), decided_jurisdictions = :decided, expires_at = :expiresAt
                where id = :id and version = :expectedVersion
                """)
                .param("lifecycle", json.writeValueAsString(transfer.lifecycle()))
                .param("decided", transfer.decidedJurisdictions().toArray(String[]::new))
                .param("expiresAt", transfer.expiry().map(expiry -> expiry.at().atOffset(java.time.ZoneOffset.UTC))
                        .orElse(null), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("status", transfer.status().name())
                .param("assessmentId", transfer.assessmentId())
                .param("outcome", transfer.assessment() == null ? null : transfer.assessment().outcome().name())
                .param("policyVersion", transfer.assessment() == null ? null : transfer.assessment().policyVersion())
                .param("assessment", transfer.assessment() == null ? null : json.writeValueAsString(transfer.assessment()))
                .param("approvers", transfer.approvers().toArray(String[]::new))
                .param("updatedAt", Timestamp.from(transfer.updatedAt()))
                .param("version", transfer.version())
                .param("id", transfer.id().value())
                .param("expectedVersion", transfer.persistedVersion())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("transfer " + transfer.id() + " changed concurrently");
        }
    }

    public Optional<Transfer> find(TransferId id) {
        return jdbc.sql("select * from transfer where id = :id").param("id", id.value()).query(this::map).optional();
    }

    /** The transfer if the caller may see it; to anyone else it does not exist (404, never 403). */
    public Transfer visibleTo(Caller caller, String id) {
        return TransferId.parse(id).flatMap(this::find).filter(transfer -> TransferVisibility.canSee(caller, transfer))
                .orElseThrow(() -> TransferRefusals.notFound(id));
    }

    /** What a list is narrowed to, besides what the caller may see. All members optional. */
    public record Filter(TransferStatus status, String destination, java.time.LocalDate from, java.time.LocalDate to,
            String awaitingJurisdiction) {
    }

    /** One page of the transfers a caller may see, newest first; {@code next} is empty on the last page. */
    public record Page(List<Transfer> content, Optional<PageCursor> next) {
    }

    /**
     * The {@code size} newest transfers after {@code after} (or the newest), read by key: the index on
     * {@code (submitted_at, id)} is entered at the cursor, however deep the page; one row more tells whether
     * another page follows.
     */
    public Page page(TransferVisibility visibility, Filter filter, Optional<PageCursor> after, int size) {
        var where = where(visibility, filter);
        String position = after.isPresent() ? " and (submitted_at, id) < (:afterAt, :afterId)" : "";
        var statement = jdbc.sql("select * from transfer where " + where.sql() + position
                + " order by submitted_at desc, id desc limit :limit");
        where.parameters().forEach(statement::param);
        after.ifPresent(cursor -> statement.param("afterAt", Timestamp.from(cursor.at()))
                .param("afterId", cursor.id()));
        List<Transfer> rows = statement.param("limit", size + 1).query(this::map).list();
        if (rows.size() <= size) {
            return new Page(rows, Optional.empty());
        }
        List<Transfer> content = rows.subList(0, size);
        Transfer last = content.getLast();
        return new Page(List.copyOf(content), Optional.of(new PageCursor(last.submittedAt(), last.id().value())));
    }

    public long count(TransferVisibility visibility, Filter filter) {
        var where = where(visibility, filter);
        var statement = jdbc.sql("select count(*) from transfer where " + where.sql());
        where.parameters().forEach(statement::param);
        return statement.query(Long.class).single();
    }

    private record Where(String sql, java.util.Map<String, Object> parameters) {
    }

    private static Where where(TransferVisibility visibility, Filter filter) {
        StringBuilder sql = new StringBuilder("(").append(visibility.sqlCondition()).append(")");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>(visibility.parameters());
        if (filter.status() != null) {
            sql.append(" and status = :status");
            parameters.put("status", filter.status().name());
        }
        if (filter.destination() != null) {
            sql.append(" and destination = :destination");
            parameters.put("destination", filter.destination());
        }
        // the transfer's period overlaps [from, to]
        if (filter.from() != null) {
            sql.append(" and period_end >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and period_start <= :to");
            parameters.put("to", filter.to());
        }
        if (filter.awaitingJurisdiction() != null) {
            sql.append(" and status = 'AWAITING_APPROVAL' and :awaiting = any(approvers)"
                    + " and not (:awaiting = any(decided_jurisdictions))");
            parameters.put("awaiting", filter.awaitingJurisdiction());
        }
        return new Where(sql.toString(), parameters);
    }

    /**
     * Locks up to {@code limit} transfers whose validity ended by {@code now} and that can still expire;
     * rows another replica holds are skipped, so each transfer expires once. Needs a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<TransferId> lockDueForExpiry(java.time.Instant now, int limit) {
        return jdbc.sql("""
                select id from transfer
                where expires_at <= :now
                  and status in ('PERMITTED', 'CONDITIONAL', 'AWAITING_APPROVAL', 'APPROVED', 'SUSPENDED')
                order by expires_at
                limit :limit
                for update skip locked
                """).param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, row) -> new TransferId(rs.getObject(1, UUID.class))).list();
    }

    private Transfer map(ResultSet rs, int row) throws SQLException {
        String assessment = rs.getString("assessment");
        return Transfer.restore(new TransferId(rs.getObject("id", UUID.class)), rs.getString("organization"),
                rs.getString("submitted_by"), json.readValue(rs.getString("request"), TransferRequest.class),
                rs.getTimestamp("submitted_at").toInstant(), TransferStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("assessment_id"),
                assessment == null ? null : json.readValue(assessment, Assessment.class),
                json.readValue(rs.getString("lifecycle"), Lifecycle.class), rs.getLong("version"));
    }
}
