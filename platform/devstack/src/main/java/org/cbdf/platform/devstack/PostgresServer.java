package org.cbdf.platform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 14 (zonky's embedded binaries) with a persistent data directory. Unlike zonky's
 * defaults, it is durable: fsync, synchronous commit and full-page writes are on.
 * <p>
 * Each service gets its own database, owned by a login role of the same name whose password is the
 * name too (dev only; the server trusts local connections anyway, as zonky's initdb sets it up).
 */
public final class PostgresServer implements AutoCloseable {

	/** The superuser zonky's initdb creates. */
	public static final String SUPERUSER = "postgres";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private final int port;

	private final Path dataDirectory;

	private EmbeddedPostgres postgres;

	public PostgresServer(int port, Path dataDirectory) {
		this.port = port;
		this.dataDirectory = dataDirectory;
	}

	public int port() {
		return this.port;
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** Runs initdb on the first start only, then starts the postmaster and waits until it accepts connections. */
	public synchronized void start() throws IOException {
		if (this.postgres != null) {
			throw new IllegalStateException("PostgreSQL already started");
		}
		Files.createDirectories(this.dataDirectory);
		this.postgres = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.start();
	}

	public synchronized boolean isRunning() {
		return this.postgres != null;
	}

	/** Creates each missing database together with its owning role; existing ones are left alone. */
	public void createDatabases(Collection<String> names) throws SQLException {
		try (Connection connection = superuserDataSource().getConnection()) {
			for (String name : names) {
				createDatabase(connection, requireIdentifier(name));
			}
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** The role that owns a service's database: same name as the database. */
	public String username(String database) {
		return database;
	}

	/** The dev-only password of a service's role: its name. */
	public String password(String database) {
		return database;
	}

	/** A connection pool-less data source for the superuser on the {@code postgres} database. */
	public DataSource superuserDataSource() {
		return running().getPostgresDatabase();
	}

	/** A data source for a service's database, logged in as its owning role. */
	public DataSource dataSource(String database) {
		return running().getDatabase(username(database), database);
	}

	/** Fast shutdown: active transactions roll back, committed ones are on disk. */
	public synchronized void stop() throws IOException {
		EmbeddedPostgres running = this.postgres;
		if (running == null) {
			return;
		}
		this.postgres = null;
		running.close();
	}

	@Override
	public void close() throws IOException {
		stop();
	}

	private synchronized EmbeddedPostgres running() {
		if (this.postgres == null) {
			throw new IllegalStateException("PostgreSQL is not running");
		}
		return this.postgres;
	}

	private static void createDatabase(Connection connection, String name) throws SQLException {
		if (!exists(connection, "select 1 from pg_roles where rolname = ?", name)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create role " + name + " login password '" + name + "'");
			}
		}
		if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create database " + name + " owner " + name);
			}
		}
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
	}

	// names end up in DDL, which takes no bind parameters
	private static String requireIdentifier(String name) {
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
		}
		return name;
	}

}
