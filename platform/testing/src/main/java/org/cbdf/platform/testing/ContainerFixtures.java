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

    /**
     * The apache/kafka image secured like {@link org.cbdf.platform.kafka.KafkaBroker}: OAUTHBEARER for clients against
     * the test issuer on the host (reached as host.testcontainers.internal), PLAIN for the broker and the
     * administrator, the StandardAuthorizer denying what no ACL grants, no auto-created topics.
     */
    static String startKafka(org.cbdf.platform.kafka.BrokerSecurity security) {
        java.net.URI jwks = java.net.URI.create(security.jwksUrl());
        org.testcontainers.Testcontainers.exposeHostPorts(jwks.getPort());
        String hostJwks = "http://host.testcontainers.internal:" + jwks.getPort() + jwks.getPath();
        String broker = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\""
                + security.brokerPassword() + "\" user_broker=\"" + security.brokerPassword() + "\"";
        var container = new KafkaContainer("apache/kafka:4.1.2")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "BROKER:SASL_PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .withEnv("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN")
                .withEnv("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL", "PLAIN")
                .withEnv("KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS", "PLAIN")
                .withEnv("KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG", broker + ";")
                .withEnv("KAFKA_LISTENER_NAME_BROKER_SASL_ENABLED_MECHANISMS", "PLAIN")
                .withEnv("KAFKA_LISTENER_NAME_BROKER_PLAIN_SASL_JAAS_CONFIG", broker + ";")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_SASL_ENABLED_MECHANISMS", "OAUTHBEARER,PLAIN")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG",
                        broker + " user_admin=\"" + security.adminPassword() + "\";")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_OAUTHBEARER_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_OAUTHBEARER_SASL_SERVER_CALLBACK_HANDLER_CLASS",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler")
                .withEnv("KAFKA_SASL_OAUTHBEARER_JWKS_ENDPOINT_URL", hostJwks)
                .withEnv("KAFKA_SASL_OAUTHBEARER_EXPECTED_ISSUER", security.issuer())
                .withEnv("KAFKA_SASL_OAUTHBEARER_EXPECTED_AUDIENCE", org.cbdf.platform.eventbus.KafkaCredentials.AUDIENCE)
                .withEnv("KAFKA_SASL_OAUTHBEARER_SUB_CLAIM_NAME", "azp")
                .withEnv("KAFKA_OPTS", "-D" + org.cbdf.platform.eventbus.KafkaCredentials.ALLOWED_URLS_PROPERTY + "=" + hostJwks)
                .withEnv("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withEnv("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .withEnv("KAFKA_SUPER_USERS", "User:broker;User:admin")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return container.getBootstrapServers();
    }
}
