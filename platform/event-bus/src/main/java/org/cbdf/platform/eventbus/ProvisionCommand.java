package org.cbdf.platform.eventbus;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code event-bus-provisioner}: creates the platform's topics and ACLs on a broker, as the administrator. The image of
 * this module runs it in docker-compose (a one-shot service the others wait for) and in the Helm chart (a Job before
 * every install and upgrade). Settings come from options or the environment; the password only from the environment.
 */
@Command(name = "event-bus-provisioner", mixinStandardHelpOptions = true,
        description = "Creates the platform's Kafka topics and ACLs (idempotent). Exit 0 when the broker matches the plan.")
public final class ProvisionCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka's bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--security-protocol", defaultValue = "${env:KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}",
            description = "SASL_PLAINTEXT or SASL_SSL (env KAFKA_SECURITY_PROTOCOL; default ${DEFAULT-VALUE})")
    String securityProtocol;

    @Option(names = "--admin-username", defaultValue = "${env:KAFKA_ADMIN_USERNAME:-admin}",
            description = "the administrator (SASL/PLAIN; env KAFKA_ADMIN_USERNAME; default ${DEFAULT-VALUE}); "
                    + "its password is read from the environment variable KAFKA_ADMIN_PASSWORD")
    String adminUsername;

    @Option(names = "--replication-factor", defaultValue = "${env:KAFKA_REPLICATION_FACTOR:-1}",
            description = "replicas per partition (env KAFKA_REPLICATION_FACTOR; default ${DEFAULT-VALUE})")
    short replicationFactor;

    @Option(names = "--min-insync-replicas", defaultValue = "${env:KAFKA_MIN_INSYNC_REPLICAS:-1}",
            description = "min.insync.replicas of every topic (env KAFKA_MIN_INSYNC_REPLICAS; default ${DEFAULT-VALUE})")
    int minInsyncReplicas;

    @Option(names = "--truststore", defaultValue = "${env:KAFKA_SSL_TRUSTSTORE_LOCATION}",
            description = "a PEM or PKCS12 truststore for SASL_SSL (env KAFKA_SSL_TRUSTSTORE_LOCATION)")
    String truststore;

    private final Map<String, String> environment;

    ProvisionCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProvisionCommand(System.getenv())).execute(args));
    }

    @Override
    public Integer call() {
        String password = this.environment.get("KAFKA_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            System.err.println("KAFKA_ADMIN_PASSWORD is not set: the provisioner logs in as the administrator");
            return 2;
        }
        Map<String, Object> settings = new HashMap<>(KafkaCredentials.password(this.securityProtocol,
                this.adminUsername, password));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
        if (this.truststore != null && !this.truststore.isBlank()) {
            settings.put("ssl.truststore.location", this.truststore);
            settings.put("ssl.truststore.type", this.truststore.endsWith(".pem") ? "PEM" : "PKCS12");
        }
        try (Admin admin = Admin.create(settings)) {
            EventBusProvisioner.Outcome outcome = new EventBusProvisioner(admin).provision(EventBusPlan.platform(),
                    new EventBusProvisioner.Sizing(this.replicationFactor, this.minInsyncReplicas));
            System.out.printf("topics created %s, updated %s; ACLs added %d, removed %d%n", outcome.createdTopics(),
                    outcome.updatedTopics(), outcome.addedAcls().size(), outcome.removedAcls().size());
            return 0;
        }
    }
}
