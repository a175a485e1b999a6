package org.cbdf.tools.devstack;

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
				entry("MANAGEMENT_PORT", "9082"),
				entry("DB_URL", "jdbc:postgresql://127.0.0.1:15432/policy"), entry("DB_USERNAME", "policy_app"),
				entry("DB_PASSWORD", "policy-app-dev"), entry("DB_OWNER_USERNAME", "policy"),
				entry("DB_OWNER_PASSWORD", "policy-owner-dev"), entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
				entry("OIDC_ISSUER_URI", "http://127.0.0.1:8180/realms/governance"),
				entry("KAFKA_CLIENT_ID", "policy-service"),
				entry("KAFKA_CLIENT_SECRET", secret("kafka.client.policy-service.secret")),
				entry("KAFKA_TOKEN_ENDPOINT", "http://127.0.0.1:8180/realms/governance/protocol/openid-connect/token"),
				entry("TRANSFER_SERVICE_URL", "http://127.0.0.1:8081"), entry("POLICY_SERVICE_URL", "http://127.0.0.1:8082"),
				entry("DISPUTE_SERVICE_URL", "http://127.0.0.1:8083"), entry("AUDIT_SERVICE_URL", "http://127.0.0.1:8084"),
				entry("PORTAL_SERVICE_URL", "http://127.0.0.1:8080"));
		assertThat(platform.environment(platform.service("portal"))).doesNotContainKey("DB_URL")
			.as("the portal is no Kafka client").doesNotContainKey("KAFKA_CLIENT_SECRET")
			.contains(entry("SERVER_PORT", "8080"), entry("MANAGEMENT_PORT", "9080"),
					entry("AUDIT_SERVICE_URL", "http://127.0.0.1:8084"));
	}

	@Test
	void injectedPortsReachTheContract() {
		LocalPlatform platform = LocalPlatform.builder(this.data)
			.kafkaPort(19092)
			.postgresPort(25432)
			.keycloakPort(18180)
			.keycloakManagementPort(19180)
			.services(List.of(PlatformService.backend("audit", 18084).withManagementPort(19084)))
			.build();

		assertThat(platform.environment(platform.service("audit"))).contains(entry("SERVER_PORT", "18084"),
				entry("MANAGEMENT_PORT", "19084"),
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
	void aTakenManagementPortFailsTheStartNamingTheService() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			LocalPlatform platform = LocalPlatform.builder(this.data)
				.repositoryRoot(this.data)
				.keycloak(false)
				.kafkaPort(PortCheck.freePort())
				.kafkaControllerPort(PortCheck.freePort())
				.postgresPort(PortCheck.freePort())
				.services(List.of(PlatformService.backend("audit", PortCheck.freePort())
					.withManagementPort(taken.getLocalPort())))
				.build();
			Path jar = PlatformService.backend("audit", 8084).jar(this.data);
			Files.createDirectories(jar.getParent());
			Files.createFile(jar);

			assertThatExceptionOfType(StartFailedException.class).isThrownBy(platform::start)
				.withMessageContaining("port " + taken.getLocalPort() + " (audit management) is already in use");
		}
	}

	@Test
	void withoutKeycloakThereIsNoIssuerToHandOut() {
		LocalPlatform platform = LocalPlatform.builder(this.data).keycloak(false).build();

		assertThat(platform.environment(platform.service("transfer"))).doesNotContainKey("OIDC_ISSUER_URI");
		assertThat(platform.keycloakBaseUrl()).isEmpty();
	}

	@Test
	void theSecretsAreGeneratedOnceReadableByTheOwnerOnlyAndKeptAcrossStarts() throws IOException {
		LocalPlatform first = LocalPlatform.builder(this.data).build();
		Path secrets = first.secretsFile();
		String generated = Files.readString(secrets);

		assertThat(java.nio.file.Files.getPosixFilePermissions(secrets))
			.containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
					java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
		assertThat(generated).contains("kafka.admin.password=", "kafka.client.audit-service.secret=",
				"kafka.client.load-harness.secret=");
		LocalPlatform.builder(this.data).build();
		assertThat(Files.readString(secrets)).isEqualTo(generated);
		assertThat(first.environment(first.service("audit")).get("KAFKA_CLIENT_SECRET"))
			.isNotEqualTo(first.environment(first.service("transfer")).get("KAFKA_CLIENT_SECRET"));
	}

	private String secret(String key) {
		try {
			java.util.Properties properties = new java.util.Properties();
			properties.load(Files.newBufferedReader(this.data.resolve("secrets.properties")));
			return properties.getProperty(key);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
