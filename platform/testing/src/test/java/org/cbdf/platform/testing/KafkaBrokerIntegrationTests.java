package org.cbdf.platform.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerIntegrationTests {

	private final Path logDirectory = Path.of("target", "it", "kafka-" + UUID.randomUUID()).toAbsolutePath();

	private final int port = PortCheck.freePort();

	private final int controllerPort = PortCheck.freePort();

	private KafkaBroker broker = newBroker();

	@AfterEach
	void stopBroker() {
		this.broker.stop();
	}

	@Test
	void aRecordProducedToAnAutoCreatedTopicIsConsumedAndSurvivesARestart() throws Exception {
		this.broker.start();

		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>("transfer.events", "transfer-1", "submitted")).get();
		}
		assertThat(consumeAll("transfer.events", "first")).containsExactly("transfer-1=submitted");
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.bootstrapServers()))) {
			assertThat(admin.describeTopics(List.of("transfer.events")).allTopicNames().get().get("transfer.events").partitions())
				.hasSize(3);
		}
		String formatted = Files.readString(this.logDirectory.resolve("meta.properties"));

		this.broker.stop();
		this.broker = newBroker();
		this.broker.start();

		assertThat(consumeAll("transfer.events", "after-restart")).containsExactly("transfer-1=submitted");
		assertThat(Files.readString(this.logDirectory.resolve("meta.properties")))
			.as("the storage is formatted on the first start only").isEqualTo(formatted);
	}

	private KafkaBroker newBroker() {
		return new KafkaBroker("127.0.0.1", this.port, this.controllerPort, this.logDirectory);
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				new StringSerializer(), new StringSerializer());
	}

	private List<String> consumeAll(String topic, String group) {
		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					received.add(record.key() + "=" + record.value());
				}
				return !received.isEmpty();
			});
		}
		return received;
	}

}
