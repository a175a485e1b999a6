package org.cbdf.platform.testing;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service's database as an upgrade finds it: migrated (as its owner, like {@code spring.flyway.user}) up to the
 * version the running release had, written to by that release, then migrated to the latest, as the next release's
 * start does. The database is one of its own in {@link TestPostgres}, so that no other test's rows are in it.
 */
public final class DatabaseUpgrade {

    private final String database;

    private DatabaseUpgrade(String database) {
        this.database = database;
    }

    /** An empty database {@code database}, migrated by the service's migrations ({@code db/messaging}, {@code db/migration}). */
    public static DatabaseUpgrade of(String database) {
        TestPostgres.jdbcUrl(database);
        return new DatabaseUpgrade(database);
    }

    /** Migrates up to and including {@code version} ({@code "6"} for {@code V6__…}). */
    public DatabaseUpgrade migrateTo(String version) {
        flyway(version).migrate();
        return this;
    }

    /** Migrates to the latest version, as the next release starts. */
    public DatabaseUpgrade migrate() {
        flyway("latest").migrate();
        return this;
    }

    /** The database as the service's runtime role sees it (which owns nothing, and has what the migrations grant). */
    public DataSource runtime() {
        return dataSource(TestPostgres.runtimeUsername(database), TestPostgres.runtimePassword(database));
    }

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(dataSource(TestPostgres.ownerUsername(database), TestPostgres.ownerPassword(database)))
                .locations("classpath:db/messaging", "classpath:db/migration")
                .placeholders(Map.of("runtime-role", TestPostgres.runtimeUsername(database)))
                .target(target)
                .load();
    }

    private DataSource dataSource(String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestPostgres.jdbcUrl(database));
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }
}
