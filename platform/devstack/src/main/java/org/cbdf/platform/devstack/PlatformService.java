package org.cbdf.platform.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Spring Boot service of the platform as the local stack runs it: a jar built by Maven, an HTTP
 * port and, when it keeps state, its own PostgreSQL database (owned by a role of the same name).
 *
 * @param name     the service's short name ({@code transfer}); also its log file name
 * @param port     the HTTP port it is told to listen on ({@code SERVER_PORT})
 * @param module   the Maven module that builds the jar, relative to the repository root
 * @param database its database, or {@code null} for a stateless service (the portal)
 */
public record PlatformService(String name, int port, String module, String database) {

	private static final String VERSION = "0.1.0-SNAPSHOT";

	/** The platform's services with their fixed local ports; the portal has no database of its own. */
	public static final List<PlatformService> DEFAULTS = List.of(
			backend("transfer", 8081),
			backend("policy", 8082),
			backend("dispute", 8083),
			backend("audit", 8084),
			new PlatformService("portal", 8080, "services/portal", null));

	public PlatformService {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(module, "module");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port of " + name + " out of range: " + port);
		}
	}

	/** A service under {@code services/<name>/<name>-service} with a database named like it. */
	public static PlatformService backend(String name, int port) {
		return new PlatformService(name, port, "services/" + name + "/" + name + "-service", name);
	}

	public PlatformService withPort(int newPort) {
		return new PlatformService(this.name, newPort, this.module, this.database);
	}

	public Optional<String> databaseName() {
		return Optional.ofNullable(this.database);
	}

	/** The executable jar Maven's package phase writes, e.g. {@code services/transfer/transfer-service/target/transfer-service-0.1.0-SNAPSHOT.jar}. */
	public Path jar(Path repositoryRoot) {
		Path moduleDirectory = repositoryRoot.resolve(this.module);
		return moduleDirectory.resolve("target").resolve(moduleDirectory.getFileName() + "-" + VERSION + ".jar");
	}

	/** The command that builds the missing jar, for the error message. */
	public String buildCommand() {
		return "./mvnw -DskipTests install -pl " + this.module + " -am";
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
