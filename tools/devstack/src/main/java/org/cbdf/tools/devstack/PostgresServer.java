package org.cbdf.tools.devstack;

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
 * Each service gets its own database with two login roles, as deploy/postgres/init-databases.sh gives it one in
 * docker-compose: the owner (same name as the database), which owns the schema and runs the migrations, and the
 * runtime role ({@code <name>_app}) the service connects as, which owns nothing and gets its privileges from the
 * service's migrations. Their passwords are dev only: the server trusts local connections, as zonky's initdb sets
 * it up.
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

	/**
	 * Creates each missing database and its two roles; an existing one keeps its data, and one made before the
	 * runtime roles existed gets its runtime role now.
	 */
	public void createDatabases(Collection<String> names) throws SQLException {
		try (Connection connection = superuserDataSource().getConnection()) {
			for (String name : names) {
				createDatabase(connection, requireIdentifier(name));
			}
		}
		for (String name : names) {
			try (Connection connection = running().getDatabase(SUPERUSER, name).getConnection();
					Statement statement = connection.createStatement()) {
				// PostgreSQL 14 lets every role create tables in public, which the bootstrap superuser owns
				statement.execute("alter schema public owner to " + ownerUsername(name));
				statement.execute("revoke create on schema public from public");
			}
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** The role a service connects as ({@code DB_USERNAME}): it reads and writes rows and owns nothing. */
	public String username(String database) {
		return database + "_app";
	}

	/** The dev-only password of a service's runtime role. */
	public String password(String database) {
		return database + "-app-dev";
	}

	/** The role that owns a service's database and schema and runs its migrations ({@code DB_OWNER_USERNAME}). */
	public String ownerUsername(String database) {
		return database;
	}

	/** The dev-only password of a service's owner role. */
	public String ownerPassword(String database) {
		return database + "-owner-dev";
	}

	/** A connection pool-less data source for the superuser on the {@code postgres} database. */
	public DataSource superuserDataSource() {
		return running().getPostgresDatabase();
	}

	/** A data source for a service's database, logged in as its owning role (which may read every table). */
	public DataSource dataSource(String database) {
		return running().getDatabase(ownerUsername(database), database);
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

	private void createDatabase(Connection connection, String name) throws SQLException {
		String owner = ownerUsername(name);
		String runtime = requireIdentifier(username(name));
		try (Statement statement = connection.createStatement()) {
			for (String role : new String[] { owner, runtime }) {
				if (!exists(connection, "select 1 from pg_roles where rolname = ?", role)) {
					statement.execute("create role " + role + " login");
				}
			}
			statement.execute("alter role " + owner + " password '" + ownerPassword(name) + "'");
			statement.execute("alter role " + runtime + " password '" + password(name) + "'");
			if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
				statement.execute("create database " + name + " owner " + owner);
			}
			statement.execute("revoke all on database " + name + " from public");
			statement.execute("grant connect on database " + name + " to " + runtime);
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
