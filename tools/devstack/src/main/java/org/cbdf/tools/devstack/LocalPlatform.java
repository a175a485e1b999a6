package org.cbdf.tools.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.cbdf.platform.eventbus.EventBusPlan;
import org.cbdf.platform.eventbus.EventBusProvisioner;
import org.cbdf.platform.eventbus.KafkaCredentials;
import org.cbdf.platform.kafka.BrokerSecurity;
import org.cbdf.platform.kafka.KafkaBroker;

/**
 * The whole platform on one machine without Docker: Kafka and PostgreSQL in this JVM, Keycloak and
 * the services as child processes. Used by the {@code start} command and, in-process, by
 * end-to-end tests (which choose free ports and a temporary data directory).
 * <p>
 * {@link #start()} starts the parts in order (PostgreSQL, Keycloak, Kafka, then the services in
 * parallel); {@link #stop()} stops them in reverse. Both are safe to call from a shutdown hook while
 * the other runs. Keycloak comes before Kafka because the broker trusts the tokens of Keycloak's realm: every Kafka
 * client logs in (the services and the load harness with their OAuth clients, the provisioning and tests that observe
 * every topic as the administrator), and the broker is provisioned with the event bus plan's topics and ACLs.
 */
public final class LocalPlatform implements AutoCloseable {

	/** The realm the platform's tokens come from. */
	public static final String REALM = "governance";

	static final String HOST = "127.0.0.1";

	static final String PID_FILE = "devstack.pid";

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

	private static final int LOG_TAIL_LINES = 40;

	private final Builder settings;

	private final DevStackSecrets secrets;

	private final KafkaBroker kafka;

	private final PostgresServer postgres;

	private final KeycloakNode keycloak;

	private final List<ServiceProcess> serviceProcesses;

	/** What has been started, most recent first: stopping pops from here. */
	private final Deque<Part> started = new ArrayDeque<>();

	private volatile boolean stopRequested;

	private LocalPlatform(Builder settings) {
		this.settings = settings;
		Path data = settings.dataDirectory;
		try {
			this.secrets = DevStackSecrets.loadOrGenerate(data);
		}
		catch (IOException ex) {
			throw new StartFailedException("could not read or write the local stack's secrets in " + data + ": " + ex, ex);
		}
		this.postgres = new PostgresServer(settings.postgresPort, data.resolve("postgres"));
		this.keycloak = settings.keycloak
				? new KeycloakNode(data.resolve("keycloak"), settings.keycloakPort, settings.keycloakManagementPort,
						this.secrets.keycloakEnvironment(), this.secrets.generated())
				: null;
		this.kafka = new KafkaBroker(HOST, settings.kafkaPort, settings.kafkaControllerPort, data.resolve("kafka"),
				brokerSecurity(data));
		this.serviceProcesses = settings.runServices
				? settings.services.stream().map(this::serviceProcess).toList()
				: List.of();
	}

	public static Builder builder(Path dataDirectory) {
		return new Builder(dataDirectory);
	}

	/**
	 * Starts every part and returns when all are ready. On failure everything already started is
	 * stopped again before the exception is thrown.
	 * @throws StartFailedException naming the part that failed (for a service: with its log's tail)
	 */
	public void start() {
		requireJarsPresent();
		requirePortsFree();
		try {
			Files.createDirectories(logDirectory());
			writePidFile();
			int total = 2 + (this.keycloak != null ? 1 : 0) + this.serviceProcesses.size();
			int step = 0;
			startPart(new Progress.Step(++step, total, "postgres"), HOST + ":" + this.postgres.port(), this.postgres::stop,
					this::startPostgres);
			if (this.keycloak != null) {
				startPart(new Progress.Step(++step, total, "keycloak"), this.keycloak.baseUrl(), this.keycloak::stop,
						this.keycloak::start);
			}
			startPart(new Progress.Step(++step, total, "kafka"), this.kafka.bootstrapServers(), this.kafka::stop,
					this::startKafka);
			startServices(step, total);
		}
		catch (StartFailedException | Error ex) {
			stopAfterFailure(ex);
			throw ex;
		}
		catch (Exception ex) {
			StartFailedException failure = new StartFailedException("the local stack did not start: " + ex, ex);
			stopAfterFailure(failure);
			throw failure;
		}
	}

	/** Stops services (SIGTERM, then kill after 20 s), Keycloak, Kafka (controlled shutdown), PostgreSQL. */
	public void stop() {
		this.stopRequested = true;
		List<Exception> failures = new ArrayList<>();
		Part part;
		while ((part = nextToStop()) != null) {
			try {
				part.stop();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failures.add(ex);
			}
			catch (Exception ex) {
				failures.add(ex);
			}
		}
		deletePidFile(failures);
		if (!failures.isEmpty()) {
			IllegalStateException failure = new IllegalStateException("the local stack did not stop cleanly");
			failures.forEach(failure::addSuppressed);
			throw failure;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** Kills a running service with SIGKILL (fault tests: a crash, no graceful shutdown). */
	public void killService(String name) throws InterruptedException {
		serviceProcess(name).kill();
	}

	/** Starts a service that was killed or stopped again and waits until it is ready. */
	public void restartService(String name) throws IOException {
		ServiceProcess process = serviceProcess(name);
		process.start();
		long deadline = System.nanoTime() + this.settings.serviceStartTimeout.toNanos();
		while (!process.isReady()) {
			if (!process.isAlive()) {
				throw serviceFailed(process, "exited during its restart");
			}
			if (System.nanoTime() > deadline) {
				throw serviceFailed(process, "was not ready again within " + this.settings.serviceStartTimeout.toSeconds()
						+ " s");
			}
			LockSupport.parkNanos(PROBE_INTERVAL.toNanos());
		}
	}

	public boolean isServiceRunning(String name) {
		return serviceProcess(name).isAlive();
	}

	private ServiceProcess serviceProcess(String name) {
		return this.serviceProcesses.stream()
			.filter((process) -> process.service().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("this platform runs no service named " + name));
	}

	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	public KafkaBroker kafka() {
		return this.kafka;
	}

	/** Settings of a Kafka client logged in as the administrator (a super user): provisioning, tests, operators. */
	public Map<String, Object> kafkaAdministrator() {
		return this.kafka.administratorClient();
	}

	/**
	 * Settings of a Kafka client logged in as one of the local stack's OAuth clients ({@code transfer-service} …,
	 * {@code load-harness}), with a token from the stack's Keycloak. The JVM must allow-list the token endpoint
	 * ({@link #start()} does so for its own).
	 */
	public Map<String, Object> kafkaClient(String clientId) {
		Map<String, Object> settings = new LinkedHashMap<>(KafkaCredentials.oauthClient(
				KafkaCredentials.DEFAULT_SECURITY_PROTOCOL, kafkaTokenEndpoint(), clientId,
				this.secrets.kafkaClientSecret(clientId)));
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
		return settings;
	}

	/** Where Kafka clients get their tokens: the realm's token endpoint. */
	public String kafkaTokenEndpoint() {
		return issuerUri() + "/protocol/openid-connect/token";
	}

	/** The file with the local stack's generated secrets (readable by its owner only). */
	public Path secretsFile() {
		return this.settings.dataDirectory.resolve(DevStackSecrets.FILE);
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public String jdbcUrl(String database) {
		return this.postgres.jdbcUrl(database);
	}

	/** {@code http://127.0.0.1:<port>/realms/governance}. */
	public String issuerUri() {
		if (this.keycloak == null) {
			throw new IllegalStateException("this local platform runs without Keycloak");
		}
		return this.keycloak.issuerUri();
	}

	public Optional<String> keycloakBaseUrl() {
		return Optional.ofNullable(this.keycloak).map(KeycloakNode::baseUrl);
	}

	public Optional<Path> keycloakLogFile() {
		return Optional.ofNullable(this.keycloak).map(KeycloakNode::logFile);
	}

	/** The services table this platform uses (also when it does not run them: their databases exist). */
	public List<PlatformService> services() {
		return this.settings.services;
	}

	public boolean runsServices() {
		return !this.serviceProcesses.isEmpty();
	}

	public String serviceBaseUrl(String name) {
		return service(name).baseUrl();
	}

	public PlatformService service(String name) {
		return this.settings.services.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no service named " + name));
	}

	/**
	 * The environment a service reads: the contract between the local stack and every service
	 * ({@code SERVER_PORT}, {@code MANAGEMENT_PORT}, {@code DB_URL}, {@code DB_USERNAME}, {@code DB_PASSWORD}
	 * (the runtime role), {@code DB_OWNER_USERNAME}, {@code DB_OWNER_PASSWORD} (the owner, for migrations),
	 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code OIDC_ISSUER_URI}). A test running a service in-process
	 * can pass the same values as properties.
	 */
	public Map<String, String> environment(PlatformService service) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", String.valueOf(service.port()));
		environment.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
		service.databaseName().ifPresent((database) -> {
			environment.put("DB_URL", jdbcUrl(database));
			environment.put("DB_USERNAME", this.postgres.username(database));
			environment.put("DB_PASSWORD", this.postgres.password(database));
			environment.put("DB_OWNER_USERNAME", this.postgres.ownerUsername(database));
			environment.put("DB_OWNER_PASSWORD", this.postgres.ownerPassword(database));
		});
		environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
		if (this.keycloak != null) {
			environment.put("OIDC_ISSUER_URI", issuerUri());
		}
		service.kafkaPrincipal().ifPresent((principal) -> {
			environment.put("KAFKA_CLIENT_ID", principal);
			environment.put("KAFKA_CLIENT_SECRET", this.secrets.kafkaClientSecret(principal));
			if (this.keycloak != null) {
				environment.put("KAFKA_TOKEN_ENDPOINT", kafkaTokenEndpoint());
			}
		});
		// where the other services are, for those that call them (the portal)
		for (PlatformService other : this.settings.services) {
			environment.put(other.name().toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL", other.baseUrl());
		}
		environment.putAll(this.settings.serviceEnvironment);
		return environment;
	}

	public Path dataDirectory() {
		return this.settings.dataDirectory;
	}

	public Path logDirectory() {
		return this.settings.dataDirectory.resolve("logs");
	}

	public Path pidFile() {
		return this.settings.dataDirectory.resolve(PID_FILE);
	}

	private ServiceProcess serviceProcess(PlatformService service) {
		List<String> command = new ArrayList<>(List.of(this.settings.javaExecutable.toString()));
		if (this.keycloak != null && service.kafkaPrincipal().isPresent()) {
			// Kafka 4 calls only allow-listed token endpoints
			command.add("-D" + KafkaCredentials.ALLOWED_URLS_PROPERTY + "=" + kafkaTokenEndpoint());
		}
		command.addAll(List.of("-jar", service.jar(this.settings.repositoryRoot).toString()));
		return new ServiceProcess(service, command, environment(service), this.settings.repositoryRoot,
				logDirectory().resolve(service.name() + ".log"));
	}

	private void startPart(Progress.Step step, String address, Part stopper, StartAction action) {
		long began = System.nanoTime();
		this.settings.progress.starting(step, address);
		register(stopper);
		try {
			action.start();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StartFailedException(step.name() + " start interrupted", ex);
		}
		catch (StartFailedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new StartFailedException(step.name() + " did not start on " + address + ": " + ex.getMessage(), ex);
		}
		this.settings.progress.ready(step, since(began));
	}

	private BrokerSecurity brokerSecurity(Path data) {
		if (this.keycloak != null) {
			String jwks = this.keycloak.issuerUri() + "/protocol/openid-connect/certs";
			allowInThisJvm(KafkaCredentials.ALLOWED_URLS_PROPERTY, jwks + "," + this.keycloak.issuerUri()
					+ "/protocol/openid-connect/token");
			return new BrokerSecurity(this.secrets.brokerPassword(), this.secrets.adminPassword(),
					this.keycloak.issuerUri(), jwks);
		}
		// no issuer: an empty key set, so that no OAuth client is let in; the administrator still is
		Path noKeys = data.resolve("kafka-no-issuer-jwks.json");
		try {
			Files.createDirectories(data);
			Files.writeString(noKeys, "{\"keys\":[]}");
		}
		catch (IOException ex) {
			throw new StartFailedException("could not write " + noKeys + ": " + ex, ex);
		}
		allowInThisJvm("org.apache.kafka.sasl.oauthbearer.allowed.files", noKeys.toAbsolutePath().toString());
		return new BrokerSecurity(this.secrets.brokerPassword(), this.secrets.adminPassword(), "urn:cbdf:no-issuer",
				noKeys.toUri().toString());
	}

	private static synchronized void allowInThisJvm(String property, String values) {
		String present = System.getProperty(property);
		System.setProperty(property, present == null || present.isBlank() ? values : present + "," + values);
	}

	private void startKafka() throws IOException {
		this.kafka.start();
		try (Admin admin = Admin.create(kafkaAdministrator())) {
			new EventBusProvisioner(admin).provision(EventBusPlan.platform().with(EventBusPlan.loadHarness()),
					EventBusProvisioner.Sizing.singleBroker());
		}
	}

	private void startPostgres() throws Exception {
		this.postgres.start();
		this.postgres.createDatabases(this.settings.services.stream()
			.map(PlatformService::databaseName)
			.flatMap(Optional::stream)
			.toList());
	}

	private void startServices(int stepsSoFar, int total) throws IOException {
		if (this.serviceProcesses.isEmpty()) {
			return;
		}
		register(this::stopServices);
		Map<ServiceProcess, Progress.Step> pending = new LinkedHashMap<>();
		long began = System.nanoTime();
		int step = stepsSoFar;
		for (ServiceProcess process : this.serviceProcesses) {
			requireNotStopping();
			Progress.Step serviceStep = new Progress.Step(++step, total, process.service().name());
			this.settings.progress.starting(serviceStep, process.service().baseUrl());
			process.start();
			pending.put(process, serviceStep);
		}
		long deadline = began + this.settings.serviceStartTimeout.toNanos();
		while (!pending.isEmpty()) {
			requireNotStopping();
			for (var iterator = pending.entrySet().iterator(); iterator.hasNext();) {
				var entry = iterator.next();
				ServiceProcess process = entry.getKey();
				if (process.isReady()) {
					this.settings.progress.ready(entry.getValue(), since(began));
					iterator.remove();
				}
				else if (!process.isAlive()) {
					throw serviceFailed(process, "exited during start-up");
				}
				else if (System.nanoTime() > deadline) {
					throw serviceFailed(process, "was not ready within " + this.settings.serviceStartTimeout.toSeconds()
							+ " s (" + process.service().baseUrl() + ServiceProcess.READINESS_PATH + ")");
				}
			}
			if (!pending.isEmpty()) {
				LockSupport.parkNanos(PROBE_INTERVAL.toNanos());
			}
		}
	}

	private StartFailedException serviceFailed(ServiceProcess process, String what) {
		return new StartFailedException(process.service().name() + " " + what + ". Last " + LOG_TAIL_LINES
				+ " lines of " + process.logFile() + ":" + System.lineSeparator() + process.logTail(LOG_TAIL_LINES));
	}

	// in parallel: each may take its 20 s grace period
	private void stopServices() throws Exception {
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Void>> stops = new ArrayList<>();
			for (ServiceProcess process : this.serviceProcesses) {
				stops.add(executor.submit(() -> {
					process.stop();
					return null;
				}));
			}
			Exception failure = null;
			for (Future<Void> stop : stops) {
				try {
					stop.get();
				}
				catch (ExecutionException ex) {
					Exception cause = (ex.getCause() instanceof Exception exception) ? exception : ex;
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
	}

	private void requireJarsPresent() {
		List<String> missing = this.serviceProcesses.stream()
			.map(ServiceProcess::service)
			.filter((service) -> !Files.isRegularFile(service.jar(this.settings.repositoryRoot)))
			.map((service) -> "  " + service.jar(this.settings.repositoryRoot) + System.lineSeparator() + "    build it with: "
					+ service.buildCommand())
			.toList();
		if (!missing.isEmpty()) {
			throw new StartFailedException("service jars are missing (or start with --infra-only):" + System.lineSeparator()
					+ String.join(System.lineSeparator(), missing) + System.lineSeparator()
					+ "  or build everything with: ./mvnw -DskipTests install");
		}
	}

	private void requirePortsFree() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("kafka", this.settings.kafkaPort);
		ports.put("kafka controller", this.settings.kafkaControllerPort);
		ports.put("postgres", this.settings.postgresPort);
		if (this.keycloak != null) {
			ports.put("keycloak", this.settings.keycloakPort);
			ports.put("keycloak management", this.settings.keycloakManagementPort);
		}
		this.serviceProcesses.forEach((process) -> {
			ports.put(process.service().name(), process.service().port());
			ports.put(process.service().name() + " management", process.service().managementPort());
		});
		PortCheck.firstTaken(ports).ifPresent((taken) -> {
			throw new StartFailedException("port " + taken.getValue() + " (" + taken.getKey() + ") is already in use. "
					+ runningStackHint());
		});
	}

	private String runningStackHint() {
		Path pidFile = pidFile();
		if (!Files.isRegularFile(pidFile)) {
			return "Another program uses it; stop it or choose other ports.";
		}
		try {
			String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
			boolean alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
			return alive ? "The local stack already runs as PID " + pid + " (" + pidFile + "); stop it with: kill " + pid
					: "Another program uses it (" + pidFile + " names PID " + pid + ", which is no longer running).";
		}
		catch (IOException | NumberFormatException ex) {
			return "Another program uses it (" + pidFile + " is unreadable: " + ex.getMessage() + ").";
		}
	}

	private void writePidFile() throws IOException {
		Files.writeString(pidFile(), ProcessHandle.current().pid() + System.lineSeparator(), StandardCharsets.US_ASCII);
	}

	private void deletePidFile(List<Exception> failures) {
		Path pidFile = pidFile();
		try {
			if (Files.isRegularFile(pidFile) && Files.readString(pidFile, StandardCharsets.US_ASCII)
				.strip()
				.equals(String.valueOf(ProcessHandle.current().pid()))) {
				Files.delete(pidFile);
			}
		}
		catch (IOException ex) {
			failures.add(ex);
		}
	}

	private synchronized void register(Part part) {
		requireNotStopping();
		this.started.push(part);
	}

	private synchronized Part nextToStop() {
		return this.started.poll();
	}

	private void requireNotStopping() {
		if (this.stopRequested) {
			throw new StartFailedException("stopped during start-up");
		}
	}

	private void stopAfterFailure(Throwable failure) {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static Duration since(long nanoTime) {
		return Duration.ofNanos(System.nanoTime() - nanoTime);
	}

	@FunctionalInterface
	private interface StartAction {

		void start() throws Exception;

	}

	@FunctionalInterface
	private interface Part {

		void stop() throws Exception;

	}

	/** Ports default to the fixed local ones; a test sets free ports instead. */
	public static final class Builder {

		private final Path dataDirectory;

		private Path repositoryRoot = Path.of("").toAbsolutePath();

		private int kafkaPort = 9092;

		private int kafkaControllerPort = 9093;

		private int postgresPort = 15432;

		private int keycloakPort = 8180;

		private int keycloakManagementPort = 9180;

		private boolean keycloak = true;

		private boolean runServices = true;

		private List<PlatformService> services = PlatformService.DEFAULTS;

		private Duration serviceStartTimeout = Duration.ofSeconds(180);

		private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

		private Progress progress = Progress.SILENT;

		private Map<String, String> serviceEnvironment = Map.of();

		private Builder(Path dataDirectory) {
			this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
		}

		/** Where the service jars are found ({@code services/<name>/<name>-service/target}); default: the working directory. */
		public Builder repositoryRoot(Path repositoryRoot) {
			this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
			return this;
		}

		public Builder kafkaPort(int port) {
			this.kafkaPort = port;
			return this;
		}

		public Builder kafkaControllerPort(int port) {
			this.kafkaControllerPort = port;
			return this;
		}

		public Builder postgresPort(int port) {
			this.postgresPort = port;
			return this;
		}

		public Builder keycloakPort(int port) {
			this.keycloakPort = port;
			return this;
		}

		public Builder keycloakManagementPort(int port) {
			this.keycloakManagementPort = port;
			return this;
		}

		/** Without Keycloak no issuer exists; services then need another way to trust tokens. */
		public Builder keycloak(boolean enabled) {
			this.keycloak = enabled;
			return this;
		}

		/** {@code false}: infrastructure only (Kafka, PostgreSQL with the services' databases, Keycloak). */
		public Builder runServices(boolean enabled) {
			this.runServices = enabled;
			return this;
		}

		/** The services table, e.g. {@link PlatformService#DEFAULTS} with other ports. */
		public Builder services(List<PlatformService> services) {
			this.services = List.copyOf(services);
			return this;
		}

		public Builder serviceStartTimeout(Duration timeout) {
			this.serviceStartTimeout = timeout;
			return this;
		}

		/** The {@code java} that runs the services; default: the one running this JVM. */
		public Builder javaExecutable(Path javaExecutable) {
			this.javaExecutable = javaExecutable;
			return this;
		}

		public Builder progress(Progress progress) {
			this.progress = progress;
			return this;
		}

		/**
		 * Extra environment for every service, added to (and overriding) the stack's contract, e.g. an OTLP
		 * endpoint for the spans.
		 */
		public Builder serviceEnvironment(Map<String, String> environment) {
			this.serviceEnvironment = Map.copyOf(environment);
			return this;
		}

		public LocalPlatform build() {
			return new LocalPlatform(this);
		}

	}

}
