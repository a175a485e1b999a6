package org.cbdf.tools.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service running as a child JVM ({@code java -jar}), its output in a log file of its own. Ready
 * means its readiness probe on the API port ({@code /readyz}: the port callers use takes connections) answers 200,
 * or, for a service without probes, its health endpoint on the management port.
 */
public final class ServiceProcess implements AutoCloseable {

	static final String READINESS_PATH = "/readyz";

	static final String HEALTH_PATH = "/actuator/health";

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);

	private final PlatformService service;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Path logFile;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private volatile Process process;

	private volatile boolean hasProbes = true;

	/**
	 * @param service          what to run
	 * @param command          the full command line ({@code java -jar <jar>})
	 * @param environment      variables added to this JVM's environment (the service contract)
	 * @param workingDirectory the child's working directory
	 * @param logFile          receives stdout and stderr, truncated at each start
	 */
	public ServiceProcess(PlatformService service, List<String> command, Map<String, String> environment,
			Path workingDirectory, Path logFile) {
		this.service = service;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.logFile = logFile;
	}

	public PlatformService service() {
		return this.service;
	}

	public Path logFile() {
		return this.logFile;
	}

	List<String> command() {
		return this.command;
	}

	public synchronized void start() throws IOException {
		if (this.process != null) {
			throw new IllegalStateException(this.service.name() + " already started");
		}
		Files.createDirectories(this.logFile.getParent());
		ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			// appended: a restart (after a crash, or a fault test's kill) keeps what the earlier run logged
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		// environments are for deployments; the local stack runs the defaults plus the variables below
		builder.environment().remove("SPRING_PROFILES_ACTIVE");
		builder.environment().putAll(this.environment);
		this.process = builder.start();
	}

	public boolean isAlive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	public long pid() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.service.name() + " not started");
		}
		return running.pid();
	}

	/**
	 * Probes once. A 404 on the readiness probe means the service has no probes: from then on its
	 * health endpoint decides.
	 */
	public boolean isReady() {
		try {
			if (this.hasProbes) {
				int status = get(this.service.baseUrl() + READINESS_PATH);
				if (status != 404) {
					return status == 200;
				}
				this.hasProbes = false;
			}
			return get(this.service.managementUrl() + HEALTH_PATH) == 200;
		}
		catch (IOException ex) {
			// not listening yet (connection refused) or busy starting: not ready
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** SIGTERM, so Spring shuts down gracefully; killed if it is still running after 20 s. */
	public void stop() throws InterruptedException {
		Process running;
		synchronized (this) {
			running = this.process;
			this.process = null;
		}
		if (running == null || !running.isAlive()) {
			return;
		}
		running.destroy();
		if (!running.waitFor(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS)) {
			running.destroyForcibly();
			running.waitFor(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);
		}
	}

	/** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. Returns once the process is gone. */
	public void kill() throws InterruptedException {
		Process running;
		synchronized (this) {
			running = this.process;
			this.process = null;
		}
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		running.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	/** The last lines of the service's log, for the error report when it fails to start. */
	public String logTail(int lines) {
		return tail(this.logFile, lines);
	}

	static String tail(Path file, int lines) {
		if (!Files.exists(file)) {
			return "(no log file " + file + ")";
		}
		Deque<String> last = new ArrayDeque<>(lines);
		try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
			all.forEach((line) -> {
				if (last.size() == lines) {
					last.removeFirst();
				}
				last.addLast(line);
			});
		}
		catch (UncheckedIOException ex) {
			// a service may write bytes that are not UTF-8; read them as Latin-1 instead of giving up
			return tailLatin1(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + file, ex);
		}
		return String.join(System.lineSeparator(), last);
	}

	private static String tailLatin1(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + file, ex);
		}
	}

	private int get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Override
	public String toString() {
		return "ServiceProcess[" + this.service.name() + " on " + this.service.baseUrl() + "]";
	}

}
