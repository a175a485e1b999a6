package org.cbdf.dispute.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dispute cases, as each caller may see them. */
@Repository
public class DisputeCases {

    private final JdbcClient jdbc;

    DisputeCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cases the caller is party to, newest first: an auditor sees all; a regulator those its jurisdiction is a
     * party to; an enterprise those on its organisation's transfers. A caller in none of these roles sees none.
     */
    public CasePage<DisputeCase> visibleTo(Caller caller, int page, int size) {
        var filter = new Filter(caller);
        if (filter.seesNothing()) {
            return CasePage.of(List.of(), page, size, 0);
        }
        long total = filter.bind(jdbc.sql("select count(*) from dispute_case c where " + filter.sql))
                .query(Long.class).single();
        List<DisputeCase> content = filter.bind(jdbc.sql("""
                select c.* from dispute_case c where %s
                 order by c.opened_at desc, c.id
                 limit :limit offset :offset
                """.formatted(filter.sql)))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> map(rs))
                .list();
        return CasePage.of(content, page, size, total);
    }

    private static DisputeCase map(ResultSet rs) throws SQLException {
        OffsetDateTime deadline = rs.getObject("deadline", OffsetDateTime.class);
        return new DisputeCase(rs.getObject("id", UUID.class), rs.getString("transfer_id"),
                Trigger.valueOf(rs.getString("trigger")), CaseStatus.valueOf(rs.getString("status")),
                List.of((String[]) rs.getArray("parties").getArray()), rs.getString("grounds"),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                deadline == null ? null : deadline.toInstant(), rs.getLong("version"));
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
                conditions.add(":jurisdiction = any(c.parties)");
            }
            if (caller.has(Role.ENTERPRISE)) {
                organization = caller.requiredOrganization();
                conditions.add("""
                        exists (select 1 from transfer_party t
                                 where t.transfer_id = c.transfer_id and t.organization = :organization)""");
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
