package org.cbdf.platform.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The optional Testcontainers path (users' machines with a Docker engine). Loaded only when
 * {@code cbdf.fixtures=containers}, so the Testcontainers jars need not be present otherwise.
 */
final class ContainerFixtures {

    private ContainerFixtures() {
    }

    record Postgres(PostgreSQLContainer container) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
        }
    }

    static Postgres startPostgres(String username, String password) {
        var container = new PostgreSQLContainer("postgres:14-alpine").withUsername(username).withPassword(password);
        container.start();
        return new Postgres(container);
    }

    static String startKafka() {
        var container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        return container.getBootstrapServers();
    }
}
