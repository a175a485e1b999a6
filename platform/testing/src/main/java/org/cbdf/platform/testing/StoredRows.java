package org.cbdf.platform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * How many rows each table of a service's database holds (its outbox and consumer tables included): taken before
 * and after a request, the two show whether the request stored anything.
 */
public final class StoredRows {

    private StoredRows() {
    }

    /** Rows per table of the current schema, but Flyway's history. */
    public static Map<String, Long> count(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("""
                    select table_name from information_schema.tables
                    where table_schema = current_schema() and table_type = 'BASE TABLE'
                      and table_name <> 'flyway_schema_history'
                    order by table_name""")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            Map<String, Long> counts = new TreeMap<>();
            if (tables.isEmpty()) {
                return counts;
            }
            StringBuilder query = new StringBuilder();
            for (String table : tables) {
                query.append(query.isEmpty() ? "" : " union all ").append("select '").append(table)
                        .append("', count(*) from \"").append(table).append('"');
            }
            try (ResultSet rows = statement.executeQuery(query.toString())) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the rows of the service's tables", e);
        }
    }
}
