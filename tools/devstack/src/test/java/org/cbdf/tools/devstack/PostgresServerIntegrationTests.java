package org.cbdf.tools.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIntegrationTests {

	private static final List<String> DATABASES = List.of("transfer", "policy", "dispute", "audit");

	private final Path dataDirectory = Path.of("target", "it", "postgres-" + UUID.randomUUID()).toAbsolutePath();

	private final int port = PortCheck.freePort();

	private PostgresServer postgres = new PostgresServer(this.port, this.dataDirectory);

	@AfterEach
	void stopPostgres() throws IOException {
		this.postgres.stop();
	}

	@Test
	void eachServiceGetsItsOwnDatabaseOwnedByItsRole() throws Exception {
		this.postgres.start();

		this.postgres.createDatabases(DATABASES);

		for (String database : DATABASES) {
			try (Connection connection = this.postgres.dataSource(database).getConnection()) {
				assertThat(single(connection, "select current_user || '@' || current_database()"))
					.isEqualTo(database + "@" + database);
				assertThat(single(connection, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
					.isEqualTo(database);
				assertThat(single(connection, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"))
					.isEqualTo(database);
			}
		}
		assertThat(this.postgres.jdbcUrl("audit")).isEqualTo("jdbc:postgresql://127.0.0.1:" + this.port + "/audit");
	}

	@Test
	void theRuntimeRoleConnectsToItsOwnDatabaseOnlyAndCannotCreateTablesThere() throws Exception {
		this.postgres.start();
		this.postgres.createDatabases(DATABASES);

		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("transfer"),
				this.postgres.username("transfer"), this.postgres.password("transfer"));
				Statement statement = connection.createStatement()) {
			assertThat(single(connection, "select current_user")).isEqualTo("transfer_app");
			assertThatThrownBy(() -> statement.execute("create table forged (id int)")).isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied for schema public");
		}
		assertThatThrownBy(() -> DriverManager.getConnection(this.postgres.jdbcUrl("audit"), this.postgres.username("transfer"),
				this.postgres.password("transfer")).close())
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("permission denied for database \"audit\"");
	}

	@Test
	void aDatabaseMadeBeforeTheRuntimeRolesGetsItsRuntimeRole() throws Exception {
		this.postgres.start();
		try (Connection connection = this.postgres.superuserDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			// as createDatabases made it before: one role, owner of the database, no runtime role
			statement.execute("create role policy login password 'policy'");
			statement.execute("create database policy owner policy");
		}

		this.postgres.createDatabases(List.of("policy"));

		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("policy"),
				this.postgres.username("policy"), this.postgres.password("policy"))) {
			assertThat(single(connection, "select current_user || '@' || current_database()")).isEqualTo("policy_app@policy");
			assertThat(single(connection, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
				.isEqualTo("policy");
		}
	}

	@Test
	void theServerIsDurable() throws Exception {
		this.postgres.start();

		try (Connection connection = this.postgres.superuserDataSource().getConnection()) {
			assertThat(single(connection, "show fsync")).isEqualTo("on");
			assertThat(single(connection, "show synchronous_commit")).isEqualTo("on");
			assertThat(single(connection, "show full_page_writes")).isEqualTo("on");
		}
	}

	@Test
	void committedDataAndTheDatabasesSurviveARestartOnTheSameDataDirectory() throws Exception {
		this.postgres.start();
		this.postgres.createDatabases(DATABASES);
		try (Connection connection = this.postgres.dataSource("transfer").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table transfers (id text primary key)");
			statement.execute("insert into transfers values ('transfer-1')");
		}

		this.postgres.stop();
		this.postgres = new PostgresServer(this.port, this.dataDirectory);
		this.postgres.start();
		this.postgres.createDatabases(DATABASES);

		try (Connection connection = this.postgres.dataSource("transfer").getConnection()) {
			assertThat(single(connection, "select string_agg(id, ',') from transfers")).isEqualTo("transfer-1");
		}
	}

	private static String single(Connection connection, String query) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

}
