package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.eventbus.KafkaCredentials;
import org.cbdf.platform.kafka.BrokerSecurity;
import org.cbdf.platform.kafka.KafkaBroker;

/**
 * One real Kafka broker (KRaft) per test JVM, started on first use and shared by every test class, secured as the
 * platform's brokers are: SASL/OAUTHBEARER with tokens of a loopback issuer ({@link TestOAuthServer}), ACLs with
 * nothing allowed by default, the platform's topics and grants provisioned from {@link EventBusPlan#platform()} and no
 * topic auto-created. A service under test connects as its own principal ({@link #client(String)}); a test that
 * feeds or observes topics as no service could connects as the administrator ({@link #administrator()}).
 * Where a Docker engine exists, {@code -Dcbdf.fixtures=containers} runs the apache/kafka image instead, secured alike.
 */
public final class TestKafka {

    private static KafkaBroker broker;
    private static TestOAuthServer issuer;
    private static String containerBootstrap;
    private static String containerAdminPassword;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        start();
        return containerBootstrap != null ? containerBootstrap : broker.bootstrapServers();
    }

    /**
     * Settings of a client that logs in as the administrator (a super user): tests only, never a service.
     *
     * @param more further settings, name and value in turn
     */
    public static synchronized Map<String, Object> administrator(Object... more) {
        start();
        Map<String, Object> settings = new HashMap<>(KafkaCredentials.password(KafkaCredentials.DEFAULT_SECURITY_PROTOCOL,
                BrokerSecurity.ADMIN_USER, adminPassword()));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in pairs of name and value");
        }
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    /** Settings of a client that logs in as {@code principal} (OAuth client credentials, as the services do). */
    public static synchronized Map<String, Object> client(String principal) {
        start();
        Map<String, Object> settings = new HashMap<>(KafkaCredentials.oauthClient(
                KafkaCredentials.DEFAULT_SECURITY_PROTOCOL, issuer.tokenEndpoint(), principal, issuer.register(principal)));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /** The token endpoint a service's Kafka client logs in at. */
    public static synchronized String tokenEndpoint() {
        start();
        return issuer.tokenEndpoint();
    }

    /** The secret of {@code principal}'s OAuth client (registered on first use). */
    public static synchronized String clientSecret(String principal) {
        start();
        return issuer.register(principal);
    }

    private static String adminPassword() {
        return containerAdminPassword != null ? containerAdminPassword : broker.security().adminPassword();
    }

    private static void start() {
        if (broker != null || containerBootstrap != null) {
            return;
        }
        issuer = TestOAuthServer.start();
        // Kafka 4 calls only allow-listed token and key-set URLs; the broker and the clients share this JVM
        System.setProperty(KafkaCredentials.ALLOWED_URLS_PROPERTY, issuer.tokenEndpoint() + "," + issuer.jwksUrl());
        if (Fixtures.useContainers()) {
            containerAdminPassword = BrokerSecurity.randomPassword();
            containerBootstrap = ContainerFixtures.startKafka(new BrokerSecurity(BrokerSecurity.randomPassword(),
                    containerAdminPassword, issuer.issuer(), issuer.jwksUrl()));
        } else {
            try {
                Path logs = Files.createTempDirectory("cbdf-test-kafka");
                KafkaBroker started = new KafkaBroker("127.0.0.1", freePort(), freePort(), logs, new BrokerSecurity(
                        BrokerSecurity.randomPassword(), BrokerSecurity.randomPassword(), issuer.issuer(),
                        issuer.jwksUrl()));
                started.start();
                broker = started;
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::stop));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Admin admin = Admin.create(administrator())) {
            new EventBusProvisioner(admin).provision(EventBusPlan.platform(), EventBusProvisioner.Sizing.singleBroker());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
