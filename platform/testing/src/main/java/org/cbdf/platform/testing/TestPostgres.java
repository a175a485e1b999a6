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
 */
public final class TestPostgres {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres embedded;
    private static ContainerFixtures.Postgres container;
    private static final Set<String> databases = new HashSet<>();

    private TestPostgres() {
    }

    /** JDBC URL of {@code database}, created empty on first request. */
    public static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case identifier: " + database);
        }
        String serverUrl = serverUrl("postgres");
        if (databases.add(database)) {
            try (Connection connection = java.sql.DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
                    Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
                if (!exists.next()) {
                    statement.execute("create database " + database);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + database, e);
            }
        }
        return serverUrl(database);
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
        return embedded.getJdbcUrl(USERNAME, database);
    }

    private static void stopEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
