package org.cbdf.tools.devstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar devstack.jar}: starts the local stack, prints where everything is and runs
 * until Ctrl-C or SIGTERM, then stops everything. Exits non-zero when the stack does not start.
 */
@Command(name = "devstack", mixinStandardHelpOptions = true,
		description = "Starts the whole platform on this machine without Docker: Kafka, PostgreSQL, Keycloak and the services.")
public final class DevStackCommand implements Callable<Integer> {

	static final String DATA_DIR_VARIABLE = "CBDF_DATA_DIR";

	@Option(names = "--repo-root", paramLabel = "DIR", defaultValue = ".",
			description = "The repository root (service jars are found below it). Default: the current directory.")
	Path repositoryRoot;

	@Option(names = "--data-dir", paramLabel = "DIR",
			description = "Where Kafka, PostgreSQL, Keycloak keep their data and all logs go, kept between runs. "
					+ "Default: $" + DATA_DIR_VARIABLE + ", else <repo-root>/.local")
	Path dataDirectory;

	@Option(names = "--infra-only",
			description = "Start only Kafka, PostgreSQL (with the services' databases) and Keycloak, e.g. to run a service from the IDE.")
	boolean infraOnly;

	@Option(names = "--no-keycloak", description = "Do not start Keycloak (the services then cannot validate tokens).")
	boolean noKeycloak;

	private final PrintStream out;

	private final PrintStream err;

	DevStackCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		int exitCode = new CommandLine(new DevStackCommand(System.out, System.err)).execute(args);
		System.exit(exitCode);
	}

	@Override
	public Integer call() throws InterruptedException {
		Path data = resolvedDataDirectory(System.getenv(DATA_DIR_VARIABLE));
		LogRouting.routeTo(data.resolve("logs"));
		ConsoleProgress progress = new ConsoleProgress(this.out);
		LocalPlatform platform = LocalPlatform.builder(data)
			.repositoryRoot(this.repositoryRoot)
			.keycloak(!this.noKeycloak)
			.runServices(!this.infraOnly)
			.progress(progress)
			.build();
		CountDownLatch stopped = new CountDownLatch(1);
		Thread shutdownHook = new Thread(() -> {
			try {
				progress.interrupt();
				this.out.println("Stopping ...");
				platform.stop();
				this.out.println("Stopped.");
			}
			finally {
				stopped.countDown();
			}
		}, "devstack-shutdown");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
		this.out.println("Local stack, data in " + data);
		try {
			platform.start();
		}
		catch (StartFailedException ex) {
			progress.interrupt();
			if (!removeHook(shutdownHook)) {
				// Ctrl-C during start-up: the hook is stopping what had started
				stopped.await();
				return 130;
			}
			this.err.println("FAILED: " + ex.getMessage());
			if (ex.getCause() != null) {
				ex.getCause().printStackTrace(this.err);
			}
			return 1;
		}
		this.out.print(ReadyBanner.render(platform));
		this.out.flush();
		// the shutdown hook stops the platform; this thread only has to stay alive until then
		stopped.await();
		return 0;
	}

	/** False when the JVM is already shutting down, i.e. the hook runs. */
	private static boolean removeHook(Thread hook) {
		try {
			return Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shutdownInProgress) {
			return false;
		}
	}

	Path resolvedDataDirectory(String environmentValue) {
		if (this.dataDirectory != null) {
			return this.dataDirectory.toAbsolutePath().normalize();
		}
		if (environmentValue != null && !environmentValue.isBlank()) {
			return Path.of(environmentValue).toAbsolutePath().normalize();
		}
		return this.repositoryRoot.resolve(".local").toAbsolutePath().normalize();
	}

}
