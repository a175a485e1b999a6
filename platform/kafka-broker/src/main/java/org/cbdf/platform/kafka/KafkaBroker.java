package org.cbdf.platform.devstack;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one), run inside this JVM. Its storage is
 * formatted on the first start only, so topics and offsets survive restarts on the same directory.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

	private final String host;

	private final int port;

	private final int controllerPort;

	private final Path logDirectory;

	private KafkaRaftServer server;

	/**
	 * @param host           the address both listeners bind to and the broker advertises
	 * @param port           the PLAINTEXT listener clients use
	 * @param controllerPort the KRaft controller listener
	 * @param logDirectory   where partitions and the metadata log live (created if missing)
	 */
	public KafkaBroker(String host, int port, int controllerPort, Path logDirectory) {
		this.host = host;
		this.port = port;
		this.controllerPort = controllerPort;
		this.logDirectory = logDirectory;
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
		Properties props = new Properties();
		props.putAll(Map.ofEntries(
				Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", String.valueOf(NODE_ID)),
				// a static single-voter quorum: no dynamic-quorum bookkeeping for a node that never grows
				Map.entry("controller.quorum.voters", NODE_ID + "@" + this.host + ":" + this.controllerPort),
				Map.entry("listeners", "PLAINTEXT://" + this.host + ":" + this.port + "," + CONTROLLER_LISTENER + "://"
						+ this.host + ":" + this.controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://" + this.host + ":" + this.port),
				Map.entry("controller.listener.names", CONTROLLER_LISTENER),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
				Map.entry("log.dirs", this.logDirectory.toAbsolutePath().toString()),
				Map.entry("auto.create.topics.enable", "true"),
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
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) READINESS_TIMEOUT.toMillis());
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
