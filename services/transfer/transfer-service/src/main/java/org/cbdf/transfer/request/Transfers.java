package org.cbdf.transfer.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.policy.events.Assessment;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
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
class Transfers {

    static final String BINDING = "transfer-events";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Outbox outbox;

    Transfers(JdbcClient jdbc, JsonMapper json, Outbox outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void save(Transfer transfer) {
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
    }

    private void insert(Transfer transfer) {
        jdbc.sql("""
                insert into transfer (id, organization, submitted_by, status, origin, destination, jurisdictions,
                                      request, submitted_at, updated_at, version)
                values (:id, :organization, :submittedBy, :status, :origin, :destination, :jurisdictions,
                        cast(:request as jsonb), :submittedAt, :updatedAt, :version)
                """)
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
                       approvers = :approvers, updated_at = :updatedAt, version = :version
                where id = :id and version = :expectedVersion
                """)
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

    Optional<Transfer> find(TransferId id) {
        return jdbc.sql("select * from transfer where id = :id").param("id", id.value()).query(this::map).optional();
    }

    /** One page of the transfers a caller may see, newest first. */
    List<Transfer> page(TransferVisibility visibility, TransferStatus status, int page, int size) {
        StringBuilder sql = new StringBuilder("select * from transfer where ").append(visibility.sqlCondition());
        if (status != null) {
            sql.append(" and status = :status");
        }
        sql.append(" order by submitted_at desc, id limit :limit offset :offset");
        var statement = jdbc.sql(sql.toString());
        visibility.parameters().forEach(statement::param);
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        return statement.param("limit", size).param("offset", (long) page * size).query(this::map).list();
    }

    long count(TransferVisibility visibility, TransferStatus status) {
        String sql = "select count(*) from transfer where " + visibility.sqlCondition()
                + (status != null ? " and status = :status" : "");
        var statement = jdbc.sql(sql);
        visibility.parameters().forEach(statement::param);
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        return statement.query(Long.class).single();
    }

    private Transfer map(ResultSet rs, int row) throws SQLException {
        String assessment = rs.getString("assessment");
        return Transfer.restore(new TransferId(rs.getObject("id", UUID.class)), rs.getString("organization"),
                rs.getString("submitted_by"), json.readValue(rs.getString("request"), TransferRequest.class),
                rs.getTimestamp("submitted_at").toInstant(), TransferStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("assessment_id"),
                assessment == null ? null : json.readValue(assessment, Assessment.class), rs.getLong("version"));
    }
}
