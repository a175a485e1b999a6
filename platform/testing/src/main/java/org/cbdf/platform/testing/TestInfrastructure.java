package org.cbdf.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the shared real infrastructure: its own PostgreSQL database, the Kafka
 * broker, and the test token issuer. Call from a {@code @DynamicPropertySource} method.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> TestPostgres.USERNAME);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("spring.cloud.stream.kafka.binder.brokers", TestKafka::bootstrapServers);
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
    }
}
