package org.cbdf.audit.ledger;

import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the ledger: entries in log order, the tree head, the version gaps. */
class LedgerEntries {

    /** Rows fetched per round trip when streaming: few round trips, a few MB of memory per replay. */
    static final int FETCH_SIZE = 2000;
    /** NDJSON lines after which a replay pushes what it wrote to the client. */
    static final int FLUSH_EVERY = 1000;

    static final String COLUMNS = """
            select leaf_index, event_id, source, type, subject, event_time, aggregate_type, aggregate_id,
                   aggregate_version, organization, jurisdictions, topic, leaf, leaf_hash, appended_at
            from ledger_entry
            """;

    private final NamedParameterJdbcTemplate streaming;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final EventLeaf leaves;
    private final JsonMapper json;

    LedgerEntries(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
            EventLeaf leaves, JsonMapper json) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.leaves = leaves;
        this.json = json;
    }

    List<LedgerEntryView> page(LedgerQuery query, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        String sql = COLUMNS + query.where(params) + " order by leaf_index limit :limit";
        return readOnly.execute(status -> streaming.query(sql, params, view()));
    }

    /**
     * Writes each matching entry to {@code stream} as an NDJSON line as it is read ({@link LedgerEntryLines}), so
     * a replay of millions of entries stays in bounded memory. PostgreSQL only fetches in batches from a cursor
     * inside a transaction, hence the read-only one around the query.
     */
    void writeNdjson(LedgerQuery query, Long limit, OutputStream stream) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + query.where(params) + " order by leaf_index";
        if (limit != null) {
            sql += " limit :limit";
            params.addValue("limit", limit);
        }
        String statement = sql;
        readOnly.executeWithoutResult(status -> {
            try (LedgerEntryLines lines = new LedgerEntryLines(json, stream, FLUSH_EVERY)) {
                streaming.query(statement, params, (RowCallbackHandler) lines::write);
            }
        });
    }

    TreeHeadView head() {
        return jdbc.sql("select tree_size, root_hash, updated_at from tree_head where id = 1")
                .query((rs, row) -> new TreeHeadView(rs.getLong("tree_size"),
                        Base64.getEncoder().encodeToString(rs.getBytes("root_hash")),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .single();
    }

    List<VersionGapView> gaps(String aggregateId) {
        return jdbc.sql("""
                select aggregate_type, aggregate_id, kind, expected_version, received_version, leaf_index, event_id,
                       detected_at
                from aggregate_version_gap where (cast(:aggregateId as text) is null or aggregate_id = :aggregateId)
                order by id
                """).param("aggregateId", aggregateId)
                .query((rs, row) -> new VersionGapView(rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                        rs.getString("kind"), rs.getLong("expected_version"), rs.getLong("received_version"),
                        rs.getLong("leaf_index"), rs.getString("event_id"),
                        rs.getObject("detected_at", OffsetDateTime.class)))
                .list();
    }

    private RowMapper<LedgerEntryView> view() {
        return (rs, row) -> {
            JsonNode data = leaves.payloadOf(rs.getBytes("leaf"));
            String[] jurisdictions = (String[]) rs.getArray("jurisdictions").getArray();
            return new LedgerEntryView(rs.getLong("leaf_index"), rs.getString("event_id"), rs.getString("source"),
                    rs.getString("type"), rs.getString("subject"), rs.getObject("event_time", OffsetDateTime.class),
                    rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getLong("aggregate_version"),
                    rs.getString("organization"), Arrays.asList(jurisdictions), rs.getString("topic"), data,
                    Base64.getEncoder().encodeToString(rs.getBytes("leaf_hash")),
                    rs.getObject("appended_at", OffsetDateTime.class));
        };
    }
}
