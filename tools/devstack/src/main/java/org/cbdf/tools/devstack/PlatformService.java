package org.cbdf.tools.devstack;

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
 * @param managementPort the actuator's port ({@code MANAGEMENT_PORT}): metrics and health in detail, on loopback;
 *                 the API port has only the probes {@code /livez} and {@code /readyz}
 * @param module   the Maven module that builds the jar, relative to the repository root
 * @param database its database, or {@code null} for a stateless service (the portal)
 */
public record PlatformService(String name, int port, int managementPort, String module, String database) {

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
		if (managementPort < 1 || managementPort > 65535) {
			throw new IllegalArgumentException("management port of " + name + " out of range: " + managementPort);
		}
	}

	/** The actuator on {@code port + 1000} (8081 → 9081), as Keycloak's management interface (8180 → 9180). */
	public PlatformService(String name, int port, String module, String database) {
		this(name, port, port + 1000, module, database);
	}

	/** A service under {@code services/<name>/<name>-service} with a database named like it. */
	public static PlatformService backend(String name, int port) {
		return new PlatformService(name, port, "services/" + name + "/" + name + "-service", name);
	}

	/** The API on another port; the actuator stays where it was ({@link #withManagementPort}). */
	public PlatformService withPort(int newPort) {
		return new PlatformService(this.name, newPort, this.managementPort, this.module, this.database);
	}

	public PlatformService withManagementPort(int newPort) {
		return new PlatformService(this.name, this.port, newPort, this.module, this.database);
	}

	public Optional<String> databaseName() {
		return Optional.ofNullable(this.database);
	}

	/** The Kafka principal (OAuth client) of a service with state, {@code <name>-service}; the portal has none. */
	public Optional<String> kafkaPrincipal() {
		return databaseName().map((ignored) -> this.name + "-service");
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

	/** Where the actuator answers: {@code /actuator/prometheus}, {@code /actuator/health}. */
	public String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

}
