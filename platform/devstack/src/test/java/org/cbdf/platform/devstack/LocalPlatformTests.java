package org.cbdf.platform.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class LocalPlatformTests {

	@TempDir
	Path data;

	@Test
	void everyServiceIsToldWhereItsPortDatabaseBrokerAndIssuerAre() {
		LocalPlatform platform = LocalPlatform.builder(this.data).build();

		assertThat(platform.environment(platform.service("policy"))).containsExactly(entry("SERVER_PORT", "8082"),
				entry("DB_URL", "jdbc:postgresql://127.0.0.1:15432/policy"), entry("DB_USERNAME", "policy"),
				entry("DB_PASSWORD", "policy"), entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
				entry("OIDC_ISSUER_URI", "http://127.0.0.1:8180/realms/governance"),
				entry("TRANSFER_SERVICE_URL", "http://127.0.0.1:8081"), entry("POLICY_SERVICE_URL", "http://127.0.0.1:8082"),
				entry("DISPUTE_SERVICE_URL", "http://127.0.0.1:8083"), entry("AUDIT_SERVICE_URL", "http://127.0.0.1:8084"),
				entry("PORTAL_SERVICE_URL", "http://127.0.0.1:8080"));
		assertThat(platform.environment(platform.service("portal"))).doesNotContainKey("DB_URL")
			.contains(entry("SERVER_PORT", "8080"), entry("AUDIT_SERVICE_URL", "http://127.0.0.1:8084"));
	}

	@Test
	void injectedPortsReachTheContract() {
		LocalPlatform platform = LocalPlatform.builder(this.data)
			.kafkaPort(19092)
			.postgresPort(25432)
			.keycloakPort(18180)
			.keycloakManagementPort(19180)
			.services(List.of(PlatformService.backend("audit", 18084)))
			.build();

		assertThat(platform.environment(platform.service("audit"))).contains(entry("SERVER_PORT", "18084"),
				entry("DB_URL", "jdbc:postgresql://127.0.0.1:25432/audit"),
				entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
				entry("OIDC_ISSUER_URI", "http://127.0.0.1:18180/realms/governance"));
		assertThat(platform.serviceBaseUrl("audit")).isEqualTo("http://127.0.0.1:18084");
	}

	@Test
	void aMissingServiceJarFailsBeforeAnythingStartsAndSaysHowToBuildIt() {
		LocalPlatform platform = LocalPlatform.builder(this.data).repositoryRoot(this.data).build();

		assertThatExceptionOfType(StartFailedException.class).isThrownBy(platform::start)
			.withMessageContaining("transfer-service-0.1.0-SNAPSHOT.jar")
			.withMessageContaining("./mvnw -DskipTests install -pl services/transfer/transfer-service -am")
			.withMessageContaining("--infra-only");
		assertThat(this.data.resolve(LocalPlatform.PID_FILE)).doesNotExist();
	}

	@Test
	void aTakenPortFailsTheStartNamingThePortAndTheRunningStack() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Files.writeString(this.data.resolve(LocalPlatform.PID_FILE), ProcessHandle.current().pid() + "\n");
			LocalPlatform platform = LocalPlatform.builder(this.data)
				.runServices(false)
				.keycloak(false)
				.kafkaPort(PortCheck.freePort())
				.kafkaControllerPort(PortCheck.freePort())
				.postgresPort(taken.getLocalPort())
				.build();

			assertThatExceptionOfType(StartFailedException.class).isThrownBy(platform::start)
				.withMessageContaining("port " + taken.getLocalPort() + " (postgres) is already in use")
				.withMessageContaining("already runs as PID " + ProcessHandle.current().pid());
		}
	}

	@Test
	void withoutKeycloakThereIsNoIssuerToHandOut() {
		LocalPlatform platform = LocalPlatform.builder(this.data).keycloak(false).build();

		assertThat(platform.environment(platform.service("transfer"))).doesNotContainKey("OIDC_ISSUER_URI");
		assertThat(platform.keycloakBaseUrl()).isEmpty();
	}

}
