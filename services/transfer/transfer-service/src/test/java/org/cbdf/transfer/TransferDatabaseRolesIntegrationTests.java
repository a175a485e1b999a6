package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.cbdf.platform.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transfer service's runtime role reads and writes the rows the service does and cannot change the schema: no
 * ALTER, DROP, TRUNCATE or new table, no DELETE (nothing in the service deletes), no migration history. A table a
 * later migration creates (as the owner) is granted to it without a grant of its own.
 * <p>
 * In the shared context: it only has to have migrated the database.
 */
class TransferDatabaseRolesIntegrationTests extends SharedServiceContext {

    static final String DATABASE = "transfer";

    @ParameterizedTest
    @ValueSource(strings = { "transfer", "idempotency_key", "outbox_event", "processed_event" })
    void theRuntimeRoleCannotChangeTheSchemaNorDeleteRows(String table) throws SQLException {
        try (Connection runtime = connect(TestPostgres.runtimeUsername(DATABASE), TestPostgres.runtimePassword(DATABASE))) {
            assertRefused(runtime, "alter table " + table + " add column forged text", "must be owner of table " + table);
            assertRefused(runtime, "alter table " + table + " disable trigger all", "must be owner of table " + table);
            assertRefused(runtime, "drop table " + table, "must be owner of table " + table);
            assertRefused(runtime, "truncate " + table, "permission denied for table " + table);
            assertRefused(runtime, "delete from " + table, "permission denied for table " + table);
        }
    }

    @Test
    void theRuntimeRoleCreatesNothingAndCannotReadTheMigrationHistory() throws SQLException {
        try (Connection runtime = connect(TestPostgres.runtimeUsername(DATABASE), TestPostgres.runtimePassword(DATABASE))) {
            assertRefused(runtime, "create table shadow_transfer (id text)", "permission denied for schema public");
            assertRefused(runtime, "create index forged on transfer (status)", "must be owner of table transfer");
            assertRefused(runtime, "select count(*) from flyway_schema_history",
                    "permission denied for table flyway_schema_history");
        }
    }

    @Test
    void aTableOfALaterMigrationIsGrantedToTheRuntimeRoleByDefault() throws SQLException {
        try (Connection owner = connect(TestPostgres.ownerUsername(DATABASE), TestPostgres.ownerPassword(DATABASE));
                Statement migration = owner.createStatement()) {
            migration.execute("create table later_migration (id bigserial primary key, note text)");
            try (Connection runtime = connect(TestPostgres.runtimeUsername(DATABASE), TestPostgres.runtimePassword(DATABASE));
                    Statement statement = runtime.createStatement()) {
                statement.execute("insert into later_migration (note) values ('granted')");
                statement.execute("update later_migration set note = 'updated'");
                try (ResultSet rows = statement.executeQuery("select note from later_migration")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("updated");
                }
                assertRefused(runtime, "drop table later_migration", "must be owner of table later_migration");
            } finally {
                migration.execute("drop table later_migration");
            }
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(TestPostgres.jdbcUrl(DATABASE), user, password);
    }

    private static void assertRefused(Connection connection, String sql, String reason) {
        assertThatThrownBy(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(reason);
    }
}
