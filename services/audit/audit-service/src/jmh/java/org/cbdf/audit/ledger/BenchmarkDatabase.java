package org.cbdf.audit.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL server for one benchmark trial, migrated as the service migrates its database. */
final class BenchmarkDatabase implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transactions;

    /** @param durable fsync and synchronous_commit on: a commit returns once it is on disk */
    BenchmarkDatabase(boolean durable) {
        String flag = durable ? "on" : "off";
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", flag)
                    .setServerConfig("synchronous_commit", flag).setServerConfig("full_page_writes", flag).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setMaximumPoolSize(4);
        // one role for the benchmark: the grants to the runtime role are granted to the superuser, which changes nothing
        Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging", "classpath:db/migration")
                .placeholders(java.util.Map.of("runtime-role", "postgres")).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        System.out.printf("%nPostgreSQL %s, fsync=%s, synchronous_commit=%s, full_page_writes=%s, wal_sync_method=%s%n",
                jdbc.sql("show server_version").query(String.class).single(),
                jdbc.sql("show fsync").query(String.class).single(),
                jdbc.sql("show synchronous_commit").query(String.class).single(),
                jdbc.sql("show full_page_writes").query(String.class).single(),
                jdbc.sql("show wal_sync_method").query(String.class).single());
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        postgres.close();
    }
}
