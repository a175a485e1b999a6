package org.cbdf.systemtests.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * deploy/postgres/init-databases.sh, run as the postgres image runs it on a first start (bash, psql as the
 * superuser, the environment docker-compose.yml gives the container), against a real PostgreSQL server (14, where
 * every role may create tables in public unless the script takes that away).
 */
class DatabaseInitScriptIntegrationTests {

    private static final List<String> DATABASES = List.of("transfer", "policy", "dispute", "audit");

    private static EmbeddedPostgres postgres;

    private static String scriptOutput;

    @BeforeAll
    static void runTheScriptOnAFreshServer() throws IOException, InterruptedException {
        Path psql = Stream.of(System.getenv("PATH").split(":")).map((dir) -> Path.of(dir, "psql")).filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
        if (psql == null) {
            abort("psql is not installed (apt-get install -y --no-install-recommends postgresql-client): it runs the init script");
        }
        postgres = EmbeddedPostgres.builder().start();
        Process process = runScript(Map.of());
        scriptOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the init script finished").isTrue();
        assertThat(process.exitValue()).as("init script: %s", scriptOutput).isZero();
        requirePasswordsForServiceRoles();
    }

    /** The script as the postgres image runs it, with compose's environment and {@code changes} to it. */
    private static Process runScript(Map<String, String> changes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", Repository.path("deploy/postgres/init-databases.sh").toString())
            .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PGHOST", "127.0.0.1");
        environment.put("PGPORT", String.valueOf(postgres.getPort()));
        environment.put("POSTGRES_USER", "postgres");
        environment.put("CBDF_DATABASES", String.join(" ", DATABASES));
        DATABASES.forEach((name) -> {
            environment.put(name.toUpperCase() + "_DB_OWNER_PASSWORD", name + "-secret");
            environment.put(name.toUpperCase() + "_DB_PASSWORD", name + "_app-secret");
        });
        environment.putAll(changes);
        return builder.start();
    }

    /** The embedded server trusts every local connection; the postgres image checks passwords (scram-sha-256). */
    private static void requirePasswordsForServiceRoles() throws IOException {
        try (Connection connection = connect("postgres", "postgres", ""); Statement statement = connection.createStatement()) {
            ResultSet file = statement.executeQuery("show hba_file");
            file.next();
            Files.writeString(Path.of(file.getString(1)), """
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
            statement.execute("select pg_reload_conf()");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot make the test server check passwords", ex);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void createsOneDatabaseOwnedByOneLoginRolePerService() throws SQLException {
        try (Connection connection = connect("postgres", "postgres", ""); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select d.datname, r.rolname, r.rolcanlogin, r.rolsuper
                        from pg_database d join pg_roles r on r.oid = d.datdba
                        where d.datname <> 'postgres' and not d.datistemplate order by d.datname""")) {
            int count = 0;
            while (rows.next()) {
                count++;
                assertThat(rows.getString(2)).as("owner of %s", rows.getString(1)).isEqualTo(rows.getString(1));
                assertThat(rows.getBoolean(3)).as("%s can log in", rows.getString(2)).isTrue();
                assertThat(rows.getBoolean(4)).as("%s is no superuser", rows.getString(2)).isFalse();
                assertThat(DATABASES).contains(rows.getString(1));
            }
            assertThat(count).isEqualTo(DATABASES.size());
        }
        assertThat(scriptOutput).contains("created database audit, its owner audit and its runtime role audit_app");
    }

    @Test
    void eachDatabaseHasARuntimeRoleThatOwnsNothingAndOnlyConnects() throws SQLException {
        try (Connection connection = connect("postgres", "postgres", ""); Statement statement = connection.createStatement()) {
            for (String name : DATABASES) {
                ResultSet role = statement.executeQuery("""
                        select rolcanlogin, rolsuper or rolcreaterole or rolcreatedb or rolbypassrls,
                               has_database_privilege(rolname, '%1$s', 'CONNECT'),
                               has_database_privilege(rolname, '%1$s', 'CREATE'),
                               has_database_privilege(rolname, '%1$s', 'TEMPORARY')
                        from pg_roles where rolname = '%1$s_app'""".formatted(name));
                assertThat(role.next()).as("role %s_app", name).isTrue();
                assertThat(role.getBoolean(1)).as("%s_app can log in", name).isTrue();
                assertThat(role.getBoolean(2)).as("%s_app has no attribute beyond LOGIN", name).isFalse();
                assertThat(role.getBoolean(3)).as("%s_app may connect to %s", name, name).isTrue();
                assertThat(role.getBoolean(4)).as("%s_app may create no schema in %s", name, name).isFalse();
                assertThat(role.getBoolean(5)).as("%s_app may create no temporary table in %s", name, name).isFalse();
            }
        }
        for (String name : DATABASES) {
            try (Connection owner = connect(name, name)) {
                assertThat(single(owner, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"))
                    .as("owner of %s's schema public", name).isEqualTo(name);
            }
        }
    }

    @Test
    void theRuntimeRoleCannotCreateTablesWhereTheOwnersMigrationsDo() throws SQLException {
        try (Connection owner = connect("dispute", "dispute"); Statement statement = owner.createStatement()) {
            statement.execute("create table if not exists migrated (id int primary key)");
        }
        try (Connection runtime = connect("dispute_app", "dispute"); Statement statement = runtime.createStatement()) {
            assertThatThrownBy(() -> statement.execute("create table forged (id int)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for schema public");
            assertThatThrownBy(() -> statement.execute("drop table migrated")).isInstanceOf(SQLException.class)
                .hasMessageContaining("must be owner of table migrated");
            assertThatThrownBy(() -> statement.execute("select * from migrated")).as("no grant until a migration gives one")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for table migrated");
        }
        assertThatThrownBy(() -> connect("dispute_app", "transfer").close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied for database \"transfer\"");
    }

    @Test
    void runningTheScriptAgainAddsWhatIsMissingAndKeepsTheDatabases() throws Exception {
        Process again = runScript(Map.of());
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("second run: %s", output).isZero();

        try (Connection connection = connect("audit", "audit"); Connection runtime = connect("audit_app", "audit")) {
            assertThat(connection.isValid(5)).isTrue();
            assertThat(runtime.isValid(5)).isTrue();
        }
    }

    @Test
    void theOwnerAndTheRuntimeRoleMayNotShareAPassword() throws Exception {
        Process refused = runScript(Map.of("POLICY_DB_OWNER_PASSWORD", "shared", "POLICY_DB_PASSWORD", "shared",
                "CBDF_DATABASES", "policy"));
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(output).contains("POLICY_DB_OWNER_PASSWORD and POLICY_DB_PASSWORD are the same");
    }

    @Test
    void eachRoleWorksInItsOwnDatabaseAndCannotEvenConnectToAnother() throws SQLException {
        try (Connection transfer = connect("transfer", "transfer"); Statement statement = transfer.createStatement()) {
            statement.execute("create table flyway_probe (id int primary key)");
        }
        assertThatThrownBy(() -> connect("transfer", "audit").close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied for database \"audit\"");
        assertThatThrownBy(() -> connect("audit", "policy").close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied for database \"policy\"");
    }

    @Test
    void eachRoleLogsInWithThePasswordFromItsEnvironmentVariableOnly() throws SQLException {
        for (String name : DATABASES) {
            try (Connection connection = connect(name, name, name + "-secret")) {
                assertThat(connection.isValid(5)).isTrue();
            }
            try (Connection connection = connect(name + "_app", name, name + "_app-secret")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThatThrownBy(() -> connect("policy", "policy", "policy").close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("password authentication failed for user \"policy\"");
        assertThatThrownBy(() -> connect("policy_app", "policy", "policy-secret").close()).isInstanceOf(SQLException.class)
            .as("the runtime role with the owner's password")
            .hasMessageContaining("password authentication failed for user \"policy_app\"");
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection connect(String user, String database) throws SQLException {
        return connect(user, database, user + "-secret");
    }

    private static Connection connect(String user, String database, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database, user, password);
    }
}
