package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use and shared by every test class; each
 * service gets its own database in it. Where a Docker engine exists, {@code -Dcbdf.fixtures=containers}
 * runs PostgreSQL from Testcontainers instead.
 * <p>
 * Each database comes with the two roles a deployment gives a service: its owner ({@link #ownerUsername}), which
 * Flyway migrates as, and the runtime role ({@link #runtimeUsername}) the service connects as, which owns nothing
 * and has only what the service's migrations grant it. Tests that run a service as the runtime role therefore fail
 * where a migration forgot a grant.
 */
public final class TestPostgres {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres embedded;
    private static ContainerFixtures.Postgres container;
    private static final Set<String> databases = new HashSet<>();

    private TestPostgres() {
    }

    /**
     * JDBC URL of {@code database}, created empty on first request, owned by {@link #ownerUsername} and reachable by
     * {@link #runtimeUsername}, as deploy/postgres/init-databases.sh provisions a service's database.
     */
    public static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,58}")) {
            throw new IllegalArgumentException("database name must be lower-case identifier: " + database);
        }
        String serverUrl = serverUrl("postgres");
        if (databases.add(database)) {
            try (Connection connection = java.sql.DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
                    Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
                if (!exists.next()) {
                    statement.execute("create role " + ownerUsername(database) + " login password '"
                            + ownerPassword(database) + "'");
                    statement.execute("create role " + runtimeUsername(database) + " login password '"
                            + runtimePassword(database) + "'");
                    statement.execute("create database " + database + " owner " + ownerUsername(database));
                    statement.execute("revoke all on database " + database + " from public");
                    statement.execute("grant connect on database " + database + " to " + runtimeUsername(database));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + database, e);
            }
            // PostgreSQL 14 lets every role create tables in public, which the bootstrap superuser owns
            try (Connection connection = java.sql.DriverManager.getConnection(serverUrl(database), USERNAME, PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("alter schema public owner to " + ownerUsername(database));
                statement.execute("revoke create on schema public from public");
            } catch (SQLException e) {
                throw new IllegalStateException("could not hand the schema of " + database + " to its owner", e);
            }
        }
        return serverUrl(database);
    }

    /** The role that owns {@code database}'s schema and runs its migrations ({@code spring.flyway.user}). */
    public static String ownerUsername(String database) {
        return database;
    }

    public static String ownerPassword(String database) {
        return database + "-owner-secret";
    }

    /** The role a service connects as ({@code spring.datasource.username}): it owns nothing. */
    public static String runtimeUsername(String database) {
        return database + "_app";
    }

    public static String runtimePassword(String database) {
        return database + "-app-secret";
    }

    private static String serverUrl(String database) {
        if (Fixtures.useContainers()) {
            if (container == null) {
                container = ContainerFixtures.startPostgres(USERNAME, PASSWORD);
            }
            return container.jdbcUrl(database);
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(TestPostgres::stopEmbedded));
        }
        // no user in the URL: it would override the user a connection asks for (the owner, the runtime role)
        return "jdbc:postgresql://localhost:" + embedded.getPort() + "/" + database;
    }

    private static void stopEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
