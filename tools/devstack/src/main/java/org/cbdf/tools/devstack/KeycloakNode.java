package org.cbdf.tools.devstack;

import java.nio.file.Path;

import org.cbdf.platform.keycloak.KeycloakServer;

/**
 * The platform's Keycloak (realm {@code governance} imported, with the local stack's demo users) as one part of the local stack. The
 * server itself, its distribution and the realm come from {@code platform-keycloak}; this is the only
 * class that knows its API.
 */
final class KeycloakNode implements AutoCloseable {

	private final KeycloakServer server;

	private final int port;

	/**
	 * @param environment the realm export's placeholders (the Kafka clients' secrets)
	 * @param freshData   import the realm anew, discarding an earlier one (its secrets were other ones)
	 */
	KeycloakNode(Path workDirectory, int port, int managementPort, java.util.Map<String, String> environment,
			boolean freshData) {
		this.port = port;
		this.server = KeycloakServer.builder()
			.workDirectory(workDirectory)
			.port(port)
			.managementPort(managementPort)
			// the local stack's demo users and clients: never in docker-compose or Helm
			.demoData(true)
			.environment(environment)
			.freshData(freshData)
			.build();
	}

	/** Blocks until the realm's discovery document answers (the realm is imported on the first start). */
	void start() {
		this.server.start();
	}

	/** {@code http://127.0.0.1:<port>/realms/governance}, whatever host a request names. */
	String issuerUri() {
		return this.server.issuerUri();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	Path logFile() {
		return this.server.logFile();
	}

	/** Graceful termination, forced after a grace period. */
	void stop() {
		this.server.stop();
	}

	@Override
	public void close() {
		stop();
	}

}
