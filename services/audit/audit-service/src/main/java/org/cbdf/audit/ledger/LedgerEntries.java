package org.cbdf.audit.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
public class LedgerEntries {

    /** Rows fetched per round trip: a whole page of a replay in one. */
    static final int FETCH_SIZE = 2000;
    /** Entries a replay reads per database checkout, unless configured ({@link ReplayLimits#pageSize()}). */
    static final int PAGE_SIZE = 1000;

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
    private final int pageSize;

    LedgerEntries(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
            EventLeaf leaves, JsonMapper json) {
        this(dataSource, jdbc, transactionManager, leaves, json, PAGE_SIZE);
    }

    LedgerEntries(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
            EventLeaf leaves, JsonMapper json, int pageSize) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.leaves = leaves;
        this.json = json;
        this.pageSize = pageSize;
    }

    public List<LedgerEntryView> page(LedgerQuery query, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        String sql = COLUMNS + query.where(params) + " order by leaf_index limit :limit";
        return readOnly.execute(status -> streaming.query(sql, params, view()));
    }

    /**
     * Writes each matching entry to {@code stream} as an NDJSON line ({@link LedgerEntryLines}), page by page in leaf
     * order: each page is read in a short read-only transaction of its own into memory, and written to the client
     * after its connection went back to the pool. A client that reads slowly holds no connection while it reads (a
     * cursor held open for it would, for as long as it takes), and a replay of millions of entries stays in the
     * memory of one page. The replay covers the ledger as it was when it began (its size then), like the
     * single query it replaces, however much is appended meanwhile.
     */
    public void writeNdjson(LedgerQuery query, Long limit, OutputStream stream) throws IOException {
        long remaining = limit == null ? Long.MAX_VALUE : limit;
        long after = -1;
        Long end = null;
        ByteArrayOutputStream page = new ByteArrayOutputStream(64 * 1024);
        while (remaining > 0) {
            int size = (int) Math.min(pageSize, remaining);
            MapSqlParameterSource params = new MapSqlParameterSource().addValue("replayAfter", after)
                    .addValue("replayPage", size);
            String where = query.where(params);
            // the query's own conditions in parentheses, whatever they combine, and the page's after them
            String sql = COLUMNS + (where.isEmpty() ? "where " : "where (" + where.substring("where ".length())
                    + ") and ") + "leaf_index > :replayAfter and leaf_index < :replayEnd"
                    + " order by leaf_index limit :replayPage";
            Long before = end;
            page.reset();
            Page read = readOnly.execute(status -> {
                // the ledger's size now: appends are serialised by the head's lock, so no entry below it is missing
                long treeSize = before != null ? before
                        : jdbc.sql("select coalesce(max(leaf_index) + 1, 0) from ledger_entry").query(Long.class)
                                .single();
                params.addValue("replayEnd", treeSize);
                long[] last = { -1 };
                int[] rows = { 0 };
                try (LedgerEntryLines lines = new LedgerEntryLines(json, page, Integer.MAX_VALUE)) {
                    streaming.query(sql, params, (RowCallbackHandler) row -> {
                        last[0] = row.getLong(1);
                        rows[0]++;
                        lines.write(row);
                    });
                }
                return new Page(treeSize, rows[0], last[0]);
            });
            page.writeTo(stream);
            stream.flush();
            if (read.rows() < size) {
                return;
            }
            end = read.treeSize();
            after = read.lastLeafIndex();
            remaining -= read.rows();
        }
    }

    /** What one page read: the head's size the replay stops at, how many entries, the last one's leaf index. */
    private record Page(long treeSize, int rows, long lastLeafIndex) {
    }

    public TreeHeadView head() {
        return jdbc.sql("select tree_size, root_hash, updated_at from tree_head where id = 1")
                .query((rs, row) -> new TreeHeadView(rs.getLong("tree_size"),
                        Base64.getEncoder().encodeToString(rs.getBytes("root_hash")),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .single();
    }

    public List<VersionGapView> gaps(String aggregateId) {
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
