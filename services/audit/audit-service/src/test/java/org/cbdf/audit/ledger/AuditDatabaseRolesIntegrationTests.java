package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.cbdf.audit.SharedServiceContext;
import org.cbdf.platform.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What whoever holds the audit service's database connection can do to the ledger: the service runs as its runtime
 * role, migrated by the owner, and that role can append and read, but cannot switch off the append-only triggers, nor
 * change, remove, truncate, alter or drop what the ledger holds, nor create anything in the schema.
 * <p>
 * In the shared context ({@link SharedServiceContext}): it only has to have migrated the database.
 */
class AuditDatabaseRolesIntegrationTests extends SharedServiceContext {

    static final String DATABASE = "audit";


    @Autowired
    JdbcClient jdbc;

    @Test
    void theServiceConnectsAsTheRuntimeRoleWhichOwnsNothing() {
        assertThat(jdbc.sql("select current_user").query(String.class).single())
                .isEqualTo(TestPostgres.runtimeUsername(DATABASE));
        assertThat(jdbc.sql("select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = current_user)")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ledger_entry", "merkle_node", "checkpoint" })
    void theRuntimeRoleCannotDisableTheAppendOnlyTriggers(String table) throws SQLException {
        try (Connection runtime = runtime()) {
            assertRefused(runtime, "alter table " + table + " disable trigger all", "must be owner of table " + table);
            assertRefused(runtime, "alter table " + table + " disable trigger user", "must be owner of table " + table);
            String trigger = single(runtime, "select tgname from pg_trigger where tgrelid = '" + table
                    + "'::regclass and not tgisinternal order by tgname limit 1");
            assertRefused(runtime, "alter table " + table + " disable trigger " + trigger, "must be owner of table " + table);
            assertRefused(runtime, "drop trigger " + trigger + " on " + table, "must be owner of relation " + table);
            // the switch that makes PostgreSQL skip every ordinary trigger of the session
            assertRefused(runtime, "set session_replication_role = replica",
                    "permission denied to set parameter \"session_replication_role\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "ledger_entry", "merkle_node", "checkpoint", "aggregate_version_gap" })
    void theRuntimeRoleCanOnlyAppendToAndReadTheLedgersTables(String table) throws SQLException {
        try (Connection runtime = runtime()) {
            assertThat(privileges(runtime, table)).containsExactly("INSERT", "SELECT");
            // refused by the privileges, before the append-only trigger would see a row
            assertRefused(runtime, "update " + table + " set " + firstColumn(runtime, table) + " = "
                    + firstColumn(runtime, table), "permission denied for table " + table);
            assertRefused(runtime, "delete from " + table, "permission denied for table " + table);
            assertRefused(runtime, "truncate " + table, "permission denied for table " + table);
            assertRefused(runtime, "alter table " + table + " add column forged text", "must be owner of table " + table);
            assertRefused(runtime, "alter table " + table + " owner to " + TestPostgres.runtimeUsername(DATABASE),
                    "must be owner of table " + table);
            assertRefused(runtime, "drop table " + table, "must be owner of table " + table);
        }
    }

    @Test
    void theRuntimeRoleCannotCreateAnythingInTheSchemaNorReadTheMigrationHistory() throws SQLException {
        try (Connection runtime = runtime()) {
            assertRefused(runtime, "create table shadow_ledger (leaf_index bigint)", "permission denied for schema public");
            assertRefused(runtime, "create function forged() returns trigger language plpgsql as $$ begin return null; end $$",
                    "permission denied for schema public");
            assertRefused(runtime, "create trigger forged before insert on ledger_entry for each row execute function append_only()",
                    "permission denied for table ledger_entry");
            assertRefused(runtime, "select count(*) from flyway_schema_history",
                    "permission denied for table flyway_schema_history");
            assertThat(privileges(runtime, "tree_head")).containsExactly("SELECT", "UPDATE");
        }
    }

    @Test
    void forTheOwnerTooTheTriggersRefuseToChangeAnEntry() throws SQLException {
        try (Connection owner = DriverManager.getConnection(TestPostgres.jdbcUrl(DATABASE),
                TestPostgres.ownerUsername(DATABASE), TestPostgres.ownerPassword(DATABASE))) {
            assertRefused(owner, "truncate merkle_node", "the ledger is append-only: TRUNCATE of merkle_node refused");
            // a row to refuse, never committed: the ledger other tests append to stays as it is
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute("""
                        insert into ledger_entry (leaf_index, event_id, source, type, aggregate_type, aggregate_id,
                                                  aggregate_version, topic, leaf, leaf_hash, appended_at)
                        values (9000000000000000, 'roles-test', 'urn:test', 'test.v1', 'test', 'roles-test', 1,
                                'test.events', '\\x00', sha256('\\x00'), now())""");
                assertRefused(owner, "update ledger_entry set topic = 'forged' where leaf_index = 9000000000000000",
                        "the ledger is append-only: UPDATE of ledger_entry refused");
            } finally {
                owner.rollback();
            }
        }
    }

    private static Connection runtime() throws SQLException {
        return DriverManager.getConnection(TestPostgres.jdbcUrl(DATABASE), TestPostgres.runtimeUsername(DATABASE),
                TestPostgres.runtimePassword(DATABASE));
    }

    private static void assertRefused(Connection connection, String sql, String reason) {
        assertThatThrownBy(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(reason);
    }

    /** The runtime role's privileges on a table, in alphabetical order. */
    private static List<String> privileges(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select privilege_type from information_schema.role_table_grants
                where grantee = current_user and table_schema = 'public' and table_name = ? order by privilege_type""")) {
            statement.setString(1, table);
            List<String> privileges = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    privileges.add(rows.getString(1));
                }
            }
            return privileges;
        }
    }

    private static String firstColumn(Connection connection, String table) throws SQLException {
        return single(connection, "select attname from pg_attribute where attrelid = '" + table
                + "'::regclass and attnum = 1");
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }
}
