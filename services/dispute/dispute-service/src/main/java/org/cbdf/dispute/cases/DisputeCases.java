package org.cbdf.dispute.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.platform.web.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dispute cases. The queryable part of a case is in columns (who is party, the running deadline, the
 * version); its record (statements, proposals, votes, timeline, outcome) in one JSON document beside them. Steps
 * load a case under its row lock ({@code for update}), so two steps on one case never interleave.
 */
@Repository
public class DisputeCases {

    /** The part of a case kept as JSON; rows written before a field existed read it as null. */
    record Details(List<String> rules, String openedBy, String panelRule, Boolean panelExtended,
            List<DisputeCase.Statement> statements, DisputeCase.Proposal proposal, List<DisputeCase.Vote> votes,
            DisputeCase.Outcome outcome, List<DisputeCase.TimelineEntry> timeline) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DisputeCases(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new case unless one with its trigger key exists; true if stored. */
    boolean insertIfAbsent(DisputeCase disputeCase) {
        var s = disputeCase.snapshot();
        return jdbc.sql("""
                insert into dispute_case (id, trigger_key, transfer_id, trigger, status, parties, organization, grounds,
                                          opened_at, deadline, deadline_kind, panel, details, version)
                values (:id, :triggerKey, :transferId, :trigger, :status, :parties, :organization, :grounds,
                        :openedAt, :deadline, :deadlineKind, :panel, cast(:details as jsonb), :version)
                on conflict (trigger_key) do nothing
                """)
                .param("id", s.id().value())
                .param("triggerKey", s.triggerKey())
                .param("transferId", s.transferId())
                .param("trigger", s.trigger().name())
                .param("status", s.status().name())
                .param("parties", s.parties().toArray(String[]::new))
                .param("organization", s.organization())
                .param("grounds", s.grounds())
                .param("openedAt", Timestamp.from(s.openedAt()))
                .param("deadline", timestamp(s.deadline()))
                .param("deadlineKind", s.deadlineKind() == null ? null : s.deadlineKind().name())
                .param("panel", panel(s))
                .param("details", details(s))
                .param("version", s.version())
                .update() == 1;
    }

    /** Writes a changed case; it must have been loaded with {@link #lock} in the same transaction. */
    void update(DisputeCase disputeCase) {
        var s = disputeCase.snapshot();
        jdbc.sql("""
                update dispute_case
                   set status = :status, deadline = :deadline, deadline_kind = :deadlineKind, panel = :panel,
                       details = cast(:details as jsonb), version = :version
                 where id = :id
                """)
                .param("id", s.id().value())
                .param("status", s.status().name())
                .param("deadline", timestamp(s.deadline()))
                .param("deadlineKind", s.deadlineKind() == null ? null : s.deadlineKind().name())
                .param("panel", panel(s))
                .param("details", details(s))
                .param("version", s.version())
                .update();
    }

    /** The case, locked until the transaction ends. */
    Optional<DisputeCase> lock(DisputeId id) {
        return jdbc.sql("select * from dispute_case where id = :id for update")
                .param("id", id.value()).query((rs, row) -> DisputeCase.restore(map(rs))).optional();
    }

    /**
     * The case whose deadline passed first, locked; cases another replica holds are skipped, so each passed
     * deadline is handled by exactly one replica, and once handled it is no longer due. Cases in
     * {@code passedOver} (whose step failed this round) are left for the next round.
     */
    Optional<DisputeCase> lockNextDue(Instant now, Collection<DisputeId> passedOver) {
        return jdbc.sql("""
                select * from dispute_case where deadline <= :now and not (id::text = any(:passedOver))
                 order by deadline, id limit 1
                   for update skip locked
                """)
                .param("now", Timestamp.from(now))
                .param("passedOver", passedOver.stream().map(DisputeId::toString).toArray(String[]::new))
                .query((rs, row) -> DisputeCase.restore(map(rs))).optional();
    }

    public Optional<DisputeCase.Snapshot> find(DisputeId id) {
        return jdbc.sql("select * from dispute_case where id = :id").param("id", id.value())
                .query((rs, row) -> map(rs)).optional();
    }

    Optional<DisputeCase.Snapshot> findByTriggerKey(String triggerKey) {
        return jdbc.sql("select * from dispute_case where trigger_key = :key").param("key", triggerKey)
                .query((rs, row) -> map(rs)).optional();
    }

    /**
     * The cases the caller is party to, newest first: an auditor sees all; a regulator those its jurisdiction is
     * a party to or sits on the panel of; an enterprise those of its organisation. Anyone else sees none. Read by
     * key from {@code after} (the index on {@code (opened_at, id)}), one row more telling whether a page follows.
     */
    public CasePage<DisputeCase.Snapshot> visibleTo(Caller caller, Optional<PageCursor> after, int size) {
        var filter = new Filter(caller);
        if (filter.seesNothing()) {
            return new CasePage<>(List.of(), size, 0, null);
        }
        long total = filter.bind(jdbc.sql("select count(*) from dispute_case c where " + filter.sql))
                .query(Long.class).single();
        String position = after.isPresent() ? " and (c.opened_at, c.id) < (:afterAt, :afterId)" : "";
        var statement = filter.bind(jdbc.sql("""
                select c.* from dispute_case c where %s%s
                 order by c.opened_at desc, c.id desc
                 limit :limit
                """.formatted(filter.sql, position)))
                .param("limit", size + 1);
        if (after.isPresent()) {
            statement = statement.param("afterAt", Timestamp.from(after.get().at())).param("afterId", after.get().id());
        }
        List<DisputeCase.Snapshot> rows = statement.query((rs, row) -> map(rs)).list();
        if (rows.size() <= size) {
            return new CasePage<>(rows, size, total, null);
        }
        DisputeCase.Snapshot last = rows.get(size - 1);
        return new CasePage<>(rows.subList(0, size), size, total,
                new PageCursor(last.openedAt(), last.id().value()).encode());
    }

    private DisputeCase.Snapshot map(ResultSet rs) throws SQLException {
        Details details = json.readValue(rs.getString("details"), Details.class);
        List<String> panelMembers = List.of((String[]) rs.getArray("panel").getArray());
        String deadlineKind = rs.getString("deadline_kind");
        return new DisputeCase.Snapshot(new DisputeId(rs.getObject("id", UUID.class)), rs.getString("trigger_key"),
                rs.getString("transfer_id"), Trigger.valueOf(rs.getString("trigger")),
                CaseStatus.valueOf(rs.getString("status")), List.of((String[]) rs.getArray("parties").getArray()),
                rs.getString("organization"), rs.getString("grounds"), details.rules(), details.openedBy(),
                instant(rs, "opened_at"), instant(rs, "deadline"),
                deadlineKind == null ? null : DisputeCase.DeadlineKind.valueOf(deadlineKind),
                panelMembers.isEmpty() ? null : new DisputeCase.Panel(panelMembers, details.panelRule(),
                        Boolean.TRUE.equals(details.panelExtended())),
                details.statements(), details.proposal(), details.votes(), details.outcome(), details.timeline(),
                rs.getLong("version"));
    }

    private String details(DisputeCase.Snapshot s) {
        return json.writeValueAsString(new Details(s.rules(), s.openedBy(),
                s.panel() == null ? null : s.panel().rule(), s.panel() != null && s.panel().extended(),
                s.statements(), s.proposal(), s.votes(), s.outcome(), s.timeline()));
    }

    private static String[] panel(DisputeCase.Snapshot s) {
        return s.panel() == null ? new String[0] : s.panel().members().toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The where-clause of what one caller may see; one condition per role the caller holds, any suffices. */
    private static final class Filter {
        private final String sql;
        private final String organization;
        private final String jurisdiction;

        Filter(Caller caller) {
            List<String> conditions = new ArrayList<>();
            String organization = null;
            String jurisdiction = null;
            if (caller.has(Role.AUDITOR)) {
                conditions.add("true");
            }
            if (caller.has(Role.REGULATOR)) {
                jurisdiction = caller.requiredJurisdiction();
                conditions.add("(:jurisdiction = any(c.parties) or :jurisdiction = any(c.panel))");
            }
            if (caller.has(Role.ENTERPRISE)) {
                organization = caller.requiredOrganization();
                conditions.add("c.organization = :organization");
            }
            this.sql = conditions.isEmpty() ? "false" : "(" + String.join(" or ", conditions) + ")";
            this.organization = organization;
            this.jurisdiction = jurisdiction;
        }

        boolean seesNothing() {
            return sql.equals("false");
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            if (organization != null) {
                statement = statement.param("organization", organization);
            }
            if (jurisdiction != null) {
                statement = statement.param("jurisdiction", jurisdiction);
            }
            return statement;
        }
    }
}
