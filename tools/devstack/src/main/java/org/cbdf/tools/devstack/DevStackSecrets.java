package org.cbdf.tools.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.cbdf.platform.kafka.BrokerSecurity;

/**
 * The local stack's secrets, generated on its first start and kept in {@code secrets.properties} of its data
 * directory (readable by its owner only): the Kafka broker's and administrator's passwords, and the secret of every
 * Kafka OAuth client, which Keycloak imports into the realm and the services log in with. Nothing of it is committed.
 */
final class DevStackSecrets {

	static final String FILE = "secrets.properties";

	static final String BROKER_PASSWORD = "kafka.broker.password";

	static final String ADMIN_PASSWORD = "kafka.admin.password";

	/** The Kafka OAuth clients of the local stack: the services and the load harness. */
	static final List<String> KAFKA_CLIENTS = List.of("transfer-service", "policy-service", "dispute-service",
			"audit-service", "load-harness");

	private final Map<String, String> values;

	private final boolean generated;

	private DevStackSecrets(Map<String, String> values, boolean generated) {
		this.values = Map.copyOf(values);
		this.generated = generated;
	}

	/** Reads the data directory's secrets, generating and writing them first if there are none. */
	static DevStackSecrets loadOrGenerate(Path dataDirectory) throws IOException {
		Path file = dataDirectory.resolve(FILE);
		if (Files.isRegularFile(file)) {
			Properties properties = new Properties();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			Map<String, String> values = new TreeMap<>();
			properties.stringPropertyNames().forEach((name) -> values.put(name, properties.getProperty(name)));
			DevStackSecrets secrets = new DevStackSecrets(values, false);
			secrets.requireComplete(file);
			return secrets;
		}
		Map<String, String> values = new TreeMap<>();
		values.put(BROKER_PASSWORD, BrokerSecurity.randomPassword());
		values.put(ADMIN_PASSWORD, BrokerSecurity.randomPassword());
		KAFKA_CLIENTS.forEach((client) -> values.put(clientKey(client), BrokerSecurity.randomPassword()));
		Files.createDirectories(dataDirectory);
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Properties properties = new Properties();
		properties.putAll(values);
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(writer, "the local stack's secrets: generated on its first start, never committed");
		}
		return new DevStackSecrets(values, true);
	}

	/** {@code true} when this start generated them: whatever was imported with older secrets must be imported anew. */
	boolean generated() {
		return this.generated;
	}

	String brokerPassword() {
		return this.values.get(BROKER_PASSWORD);
	}

	String adminPassword() {
		return this.values.get(ADMIN_PASSWORD);
	}

	String kafkaClientSecret(String client) {
		String secret = this.values.get(clientKey(client));
		if (secret == null) {
			throw new IllegalArgumentException("the local stack has no Kafka client " + client);
		}
		return secret;
	}

	/** The realm export's placeholders: {@code CBDF_TRANSFER_SERVICE_KAFKA_SECRET} and the like. */
	Map<String, String> keycloakEnvironment() {
		Map<String, String> environment = new TreeMap<>();
		KAFKA_CLIENTS.forEach((client) -> environment.put(
				"CBDF_" + client.toUpperCase(Locale.ROOT).replace('-', '_') + "_KAFKA_SECRET", kafkaClientSecret(client)));
		return environment;
	}

	private static String clientKey(String client) {
		return "kafka.client." + client + ".secret";
	}

	private void requireComplete(Path file) {
		List<String> missing = new java.util.ArrayList<>();
		for (String key : List.of(BROKER_PASSWORD, ADMIN_PASSWORD)) {
			if (!this.values.containsKey(key)) {
				missing.add(key);
			}
		}
		KAFKA_CLIENTS.stream().map(DevStackSecrets::clientKey).filter((key) -> !this.values.containsKey(key))
			.forEach(missing::add);
		if (!missing.isEmpty()) {
			throw new StartFailedException(file + " lacks " + missing + ": delete the data directory (or this file and "
					+ "the keycloak directory beside it) to start afresh");
		}
	}

}
