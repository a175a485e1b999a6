package org.cbdf.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.cbdf.platform.eventbus.KafkaCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one), run inside this JVM. Its storage is
 * formatted on the first start only, so topics and offsets survive restarts on the same directory.
 * <p>
 * Secured as the platform's brokers are: clients authenticate on the {@value #CLIENT_LISTENER} listener with
 * SASL/OAUTHBEARER (tokens of the issuer in {@link BrokerSecurity}, audience {@value KafkaCredentials#AUDIENCE}, the
 * principal being the token's {@code azp}, the OAuth client) or, for the broker itself and the administrator, with
 * SASL/PLAIN; the controller listener takes only the broker's password. The {@code StandardAuthorizer} allows nothing
 * that no ACL grants, topics are never auto-created, and only the broker and the administrator are super users.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	static final String CLIENT_LISTENER = "CLIENTS";

	/** The broker's own principal (inter-broker and controller connections). */
	public static final String BROKER_USER = "broker";

	private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

	private final String host;

	private final int port;

	private final int controllerPort;

	private final Path logDirectory;

	private final BrokerSecurity security;

	private KafkaRaftServer server;

	/**
	 * @param host           the address both listeners bind to and the broker advertises
	 * @param port           the PLAINTEXT listener clients use
	 * @param controllerPort the KRaft controller listener
	 * @param logDirectory   where partitions and the metadata log live (created if missing)
	 * @param security       the passwords and the token issuer the broker trusts
	 */
	public KafkaBroker(String host, int port, int controllerPort, Path logDirectory, BrokerSecurity security) {
		this.host = host;
		this.port = port;
		this.controllerPort = controllerPort;
		this.logDirectory = logDirectory;
		this.security = security;
	}

	public BrokerSecurity security() {
		return this.security;
	}

	/** Settings of an administrator's client (a super user: provisioning, and tests that observe every topic). */
	public Map<String, Object> administratorClient() {
		Map<String, Object> settings = new java.util.HashMap<>(KafkaCredentials.password(
				KafkaCredentials.DEFAULT_SECURITY_PROTOCOL, BrokerSecurity.ADMIN_USER, this.security.adminPassword()));
		settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return settings;
	}

	public String bootstrapServers() {
		return this.host + ":" + this.port;
	}

	public int port() {
		return this.port;
	}

	public int controllerPort() {
		return this.controllerPort;
	}

	public Path logDirectory() {
		return this.logDirectory;
	}

	/** Formats the storage if this is the first start, starts the broker and waits until a client sees it. */
	public synchronized void start() throws IOException {
		if (this.server != null) {
			throw new IllegalStateException("Kafka already started");
		}
		Files.createDirectories(this.logDirectory);
		KafkaConfig config = KafkaConfig.fromProps(properties());
		if (!isFormatted()) {
			format();
		}
		KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
		this.server = raftServer;
		raftServer.startup();
		awaitClusterVisible();
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** Controlled shutdown: the broker hands over to the controller, then both stop and the logs are flushed. */
	public synchronized void stop() {
		KafkaRaftServer raftServer = this.server;
		if (raftServer == null) {
			return;
		}
		this.server = null;
		raftServer.shutdown();
		raftServer.awaitShutdown();
	}

	@Override
	public void close() {
		stop();
	}

	Properties properties() {
		String brokerLogin = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
				+ "\" password=\"" + this.security.brokerPassword() + "\" user_" + BROKER_USER + "=\""
				+ this.security.brokerPassword() + "\"";
		String clients = CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT);
		String controller = CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT);
		Properties props = new Properties();
		props.putAll(Map.ofEntries(
				Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", String.valueOf(NODE_ID)),
				// a static single-voter quorum: no dynamic-quorum bookkeeping for a node that never grows
				Map.entry("controller.quorum.voters", NODE_ID + "@" + this.host + ":" + this.controllerPort),
				Map.entry("listeners", CLIENT_LISTENER + "://" + this.host + ":" + this.port + "," + CONTROLLER_LISTENER
						+ "://" + this.host + ":" + this.controllerPort),
				Map.entry("advertised.listeners", CLIENT_LISTENER + "://" + this.host + ":" + this.port),
				Map.entry("controller.listener.names", CONTROLLER_LISTENER),
				Map.entry("inter.broker.listener.name", CLIENT_LISTENER),
				Map.entry("listener.security.protocol.map",
						CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT"),
				// the broker and the controller know each other by the broker's password
				Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
				Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
				Map.entry("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN"),
				Map.entry("listener.name." + controller + ".plain.sasl.jaas.config", brokerLogin + ";"),
				// clients: OAuth tokens of the platform's issuer; the broker and the administrator: passwords
				Map.entry("listener.name." + clients + ".sasl.enabled.mechanisms", "OAUTHBEARER,PLAIN"),
				Map.entry("listener.name." + clients + ".plain.sasl.jaas.config", brokerLogin + " user_"
						+ BrokerSecurity.ADMIN_USER + "=\"" + this.security.adminPassword() + "\";"),
				Map.entry("listener.name." + clients + ".oauthbearer.sasl.jaas.config",
						"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"),
				Map.entry("listener.name." + clients + ".oauthbearer.sasl.server.callback.handler.class",
						"org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler"),
				Map.entry("sasl.oauthbearer.jwks.endpoint.url", this.security.jwksUrl()),
				Map.entry("sasl.oauthbearer.expected.issuer", this.security.issuer()),
				Map.entry("sasl.oauthbearer.expected.audience", KafkaCredentials.AUDIENCE),
				// the principal is the OAuth client (Keycloak's azp), not the service account's opaque user id
				Map.entry("sasl.oauthbearer.sub.claim.name", "azp"),
				// a connection re-authenticates before its token expires, and is closed if it cannot
				Map.entry("connections.max.reauth.ms", "300000"),
				Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
				Map.entry("allow.everyone.if.no.acl.found", "false"),
				Map.entry("super.users", "User:" + BROKER_USER + ";User:" + BrokerSecurity.ADMIN_USER),
				Map.entry("log.dirs", this.logDirectory.toAbsolutePath().toString()),
				// topics are provisioned from the event bus plan, never created by whoever names one
				Map.entry("auto.create.topics.enable", "false"),
				Map.entry("num.partitions", "3"),
				// one broker: every internal topic has exactly one replica
				Map.entry("default.replication.factor", "1"),
				Map.entry("min.insync.replicas", "1"),
				Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				// nobody else will join the group: do not hold the first rebalance back for 3 s
				Map.entry("group.initial.rebalance.delay.ms", "0")));
		return props;
	}

	private boolean isFormatted() {
		return Files.exists(this.logDirectory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
	}

	// what `kafka-storage.sh format -t <random id> -c server.properties` does for this configuration
	private void format() throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String directory = this.logDirectory.toAbsolutePath().toString();
		try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			new Formatter().setPrintStream(printStream)
				.setNodeId(NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setMetadataLogDirectory(directory)
				.addDirectory(directory)
				.run();
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("could not format the Kafka storage in " + directory, ex);
		}
		log.info("formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
	}

	private void awaitClusterVisible() {
		Map<String, Object> config = new java.util.HashMap<>(administratorClient());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READINESS_TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READINESS_TIMEOUT.toMillis()))
				.nodes()
				.get(READINESS_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for Kafka on " + bootstrapServers(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not answer describeCluster within "
					+ READINESS_TIMEOUT.toSeconds() + " s", ex);
		}
	}

}
