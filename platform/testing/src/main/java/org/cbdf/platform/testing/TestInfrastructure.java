package org.cbdf.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the shared real infrastructure: its own PostgreSQL database (as its runtime role,
 * migrated as its owner, see {@link TestPostgres}), the Kafka
 * broker (as the service's principal: {@code transfer-service} for the databases {@code transfer} and
 * {@code transfer_<anything>}), and the test token issuer. Call from a {@code @DynamicPropertySource} method.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl(database));
        // as deployed: the service as its runtime role, Flyway as the owner, so a grant a migration forgot fails a test
        registry.add("spring.datasource.username", () -> TestPostgres.runtimeUsername(database));
        registry.add("spring.datasource.password", () -> TestPostgres.runtimePassword(database));
        registry.add("spring.flyway.user", () -> TestPostgres.ownerUsername(database));
        registry.add("spring.flyway.password", () -> TestPostgres.ownerPassword(database));
        registry.add("spring.cloud.stream.kafka.binder.brokers", TestKafka::bootstrapServers);
        // the service's own Kafka principal, as in production: its ACLs are what the event bus plan grants it
        // a test class with a database of its own names it after the service (transfer_hostile_input → transfer)
        String principal = database.split("_", 2)[0] + "-service";
        registry.add("cbdf.kafka.token-endpoint", TestKafka::tokenEndpoint);
        registry.add("cbdf.kafka.client-id", () -> principal);
        registry.add("cbdf.kafka.client-secret", () -> TestKafka.clientSecret(principal));
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
    }
}
