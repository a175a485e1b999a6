package org.cbdf.systemtests.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import org.cbdf.systemtests.deployment.Chart.Rendered;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class HelmChartTests {

    private static final List<String> PLATFORM_SERVICES = List.of("transfer", "policy", "dispute", "audit");

    private static Rendered defaults;

    private static Rendered production;

    private static Rendered minimal;

    @BeforeAll
    static void render() {
        defaults = Chart.template(ciValues("default"));
        production = Chart.template(ciValues("production"));
        minimal = Chart.template(ciValues("minimal"));
    }

    static List<Path> valueSets() {
        return Chart.ciValueSets();
    }

    @Test
    void ciHasTheDefaultProductionLikeAndMinimalValueSets() {
        assertThat(valueSets()).extracting((file) -> file.getFileName().toString())
            .contains("default-values.yaml", "production-values.yaml", "minimal-values.yaml");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void lintsStrictlyWithEachValueSet(Path valueSet, @TempDir Path work) throws IOException {
        LintResult result = Chart.lint(valueSet, work);

        assertThat(result.isFailed()).as("helm lint --strict -f %s: %s", valueSet.getFileName(), result.getMessages()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void rendersEveryPlatformServiceWithTheEnvironmentItsApplicationYmlNeeds(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        assertThat(enabledPlatformServices(rendered)).isNotEmpty();
        for (String service : enabledPlatformServices(rendered)) {
            Repository.ServiceModule module = module(service);
            Set<String> environment = rendered.environment(service).keySet();
            assertThat(environment).as("%s: %s's environment", valueSet.getFileName(), service)
                .containsAll(module.requiredEnvironment());
            assertThat(environment).as("%s: %s is given variables it does not read (renamed?)", valueSet.getFileName(), service)
                .allMatch((variable) -> module.environmentDefaults().containsKey(variable)
                        || Repository.ServiceModule.readWithoutPlaceholder(variable));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void databaseCredentialsComeFromTheExistingSecretNeverFromALiteral(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        assertThat(rendered.ofKind("Secret")).as("the chart creates no Secret").isEmpty();
        for (String service : enabledPlatformServices(rendered)) {
            Map<String, Object> environment = rendered.environment(service);
            for (String credential : List.of("DB_USERNAME", "DB_PASSWORD")) {
                assertThat(environment.get(credential)).as("%s %s", service, credential).isInstanceOf(Map.class);
                assertThat(Yaml.at(environment.get(credential), "secretKeyRef.name")).as("%s %s", service, credential)
                    .isEqualTo("cbdf-" + service + "-db");
            }
            assertThat(Yaml.at(environment.get("DB_PASSWORD"), "secretKeyRef.key")).isEqualTo("password");
            // the owner Flyway migrates as, from a Secret of its own: the service connects as the runtime role only
            for (String credential : List.of("DB_OWNER_USERNAME", "DB_OWNER_PASSWORD")) {
                assertThat(environment.get(credential)).as("%s %s", service, credential).isInstanceOf(Map.class);
                assertThat(Yaml.at(environment.get(credential), "secretKeyRef.name")).as("%s %s", service, credential)
                    .isEqualTo("cbdf-" + service + "-db-owner");
            }
            assertThat(Yaml.at(environment.get("DB_OWNER_PASSWORD"), "secretKeyRef.key")).isEqualTo("password");
        }
        for (Map<String, Object> configMap : rendered.ofKind("ConfigMap")) {
            assertThat(Yaml.mapAt(configMap, "data").keySet()).as("ConfigMap %s", Yaml.at(configMap, "metadata.name"))
                .noneMatch((key) -> key.contains("PASSWORD") || key.contains("SECRET"));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyServiceLogsInToKafkaAsItsOwnKeycloakClientWithTheSecretFromItsOwnSecret(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);
        RealmExport realm = RealmExport.ofRepository();

        for (String service : enabledPlatformServices(rendered)) {
            Map<String, Object> environment = rendered.environment(service);
            Object secret = environment.get("KAFKA_CLIENT_SECRET");
            String tokenEndpoint = (String) environment.get("KAFKA_TOKEN_ENDPOINT");

            assertThat(module(service).requiredEnvironment()).contains("KAFKA_CLIENT_SECRET", "KAFKA_TOKEN_ENDPOINT");
            assertThat(secret).as("%s: %s's KAFKA_CLIENT_SECRET from a Secret (secretKeyRef), not a value or a ConfigMap",
                    valueSet.getFileName(), service).isInstanceOf(Map.class);
            assertThat(Yaml.mapAt(secret, "secretKeyRef")).as(service)
                .containsEntry("name", "cbdf-" + service + "-kafka").containsEntry("key", "client-secret");
            assertThat(Yaml.mapAt(rendered.get("ConfigMap", Rendered.name(service)), "data")).as(service)
                .doesNotContainKey("KAFKA_CLIENT_SECRET");
            assertThat(environment.get("KAFKA_SECURITY_PROTOCOL")).as(service).isIn("SASL_SSL", "SASL_PLAINTEXT");
            assertThat(tokenEndpoint).as(service).endsWith("/realms/governance/protocol/openid-connect/token");
            assertThat(allowedUrls((String) environment.get("JAVA_TOOL_OPTIONS")))
                .as("%s: Kafka 4 calls no token endpoint that is not allow-listed", service).contains(tokenEndpoint);
            String clientId = (String) environment.getOrDefault("KAFKA_CLIENT_ID", service + "-service");
            assertThat(realm.secretVariable(clientId)).as("the realm's client %s", clientId).isNotBlank();
        }
        if (rendered.find("Deployment", Rendered.name("portal")).isPresent()) {
            assertThat(rendered.environment("portal")).as("the portal has no Kafka client")
                .doesNotContainKeys("KAFKA_CLIENT_SECRET", "KAFKA_TOKEN_ENDPOINT");
        }
    }

    @Test
    void productionTrustsTheBrokersCaFromASecretMountedAsAFileAndGetsTokensInTheCluster() {
        Map<String, Object> environment = production.environment("transfer");
        String truststore = (String) environment.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION");
        Map<String, Object> volume = Yaml.listAt(production.get("Deployment", "cbdf-transfer"), "spec.template.spec.volumes").stream()
            .filter((candidate) -> "cbdf-cluster-ca-cert".equals(Yaml.at(candidate, "secret.secretName")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume of Secret cbdf-cluster-ca-cert"));
        Map<String, Object> mount = Yaml.listAt(production.container("transfer"), "volumeMounts").stream()
            .filter((candidate) -> volume.get("name").equals(candidate.get("name")))
            .findFirst()
            .orElseThrow();

        assertThat(environment).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
            .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_TYPE", "PEM")
            .containsEntry("KAFKA_TOKEN_ENDPOINT", "http://keycloak-service.keycloak:8080/realms/governance/protocol/openid-connect/token");
        assertThat(Yaml.listAt(volume, "secret.items")).singleElement()
            .satisfies((item) -> assertThat(truststore).isEqualTo(mount.get("mountPath") + "/" + item.get("path")))
            .satisfies((item) -> assertThat(item.get("key")).isEqualTo("ca.crt"));
        assertThat(mount.get("readOnly")).isEqualTo(true);
        assertThat(minimal.environment("transfer")).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
            .doesNotContainKey("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void aJobCreatesTheTopicsAndAclsAsTheAdministratorBeforeEveryInstallAndUpgrade(Path valueSet) {
        Rendered rendered = Chart.templateWithHooks(valueSet, (command) -> {
        });
        Map<String, Object> job = rendered.get("Job", "cbdf-event-bus-provisioner");
        List<Map<String, Object>> containers = Yaml.listAt(job, "spec.template.spec.containers");
        Map<String, Object> environment = new java.util.LinkedHashMap<>();
        Yaml.listAt(containers.getFirst(), "env").forEach((variable) -> environment.put((String) variable.get("name"),
                variable.containsKey("valueFrom") ? variable.get("valueFrom") : variable.get("value")));
        Set<String> reads = Repository.provisionerEnvironment();
        Map<String, Object> services = Chart.template(valueSet).environment(enabledPlatformServices(rendered).getFirst());

        assertThat(Yaml.mapAt(job, "metadata.annotations")).as("%s: before the services of the release", valueSet.getFileName())
            .containsEntry(Chart.HOOK, "pre-install,pre-upgrade");
        assertThat(containers).singleElement().satisfies((container) -> assertThat((String) container.get("image"))
            .matches("(.+/)?cbdf/event-bus-provisioner:.+"));
        assertThat(environment.keySet()).as("the provisioner is given variables it does not read (renamed?)")
            .allMatch((variable) -> reads.contains(variable) || variable.equals("JAVA_TOOL_OPTIONS"));
        for (String credential : List.of("KAFKA_ADMIN_USERNAME", "KAFKA_ADMIN_PASSWORD")) {
            assertThat(environment.get(credential)).as("%s from a Secret", credential).isInstanceOf(Map.class);
            assertThat(Yaml.at(environment.get(credential), "secretKeyRef.name")).as(credential).isNotNull();
        }
        assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(services.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(environment.get("KAFKA_SECURITY_PROTOCOL")).isEqualTo(services.get("KAFKA_SECURITY_PROTOCOL"));
        assertThat(environment.get("KAFKA_SSL_TRUSTSTORE_LOCATION"))
            .isEqualTo(services.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION"));
        assertThat(Integer.parseInt((String) environment.get("KAFKA_MIN_INSYNC_REPLICAS")))
            .isLessThanOrEqualTo(Integer.parseInt((String) environment.get("KAFKA_REPLICATION_FACTOR")));
    }

    @Test
    void productionReplicatesEveryTopicThreeTimesAndTheProvisionersPolicyLetsItReachKafka() {
        Rendered rendered = Chart.templateWithHooks(ciValues("production"), (command) -> {
        });
        Map<String, Object> job = rendered.get("Job", "cbdf-event-bus-provisioner");
        Map<String, Object> policy = rendered.get("NetworkPolicy", "cbdf-event-bus-provisioner");
        List<Map<String, Object>> egress = Yaml.listAt(policy, "spec.egress");

        assertThat(Yaml.listAt(job, "spec.template.spec.containers").getFirst().get("env")).asString()
            .contains("name=KAFKA_REPLICATION_FACTOR, value=3", "name=KAFKA_MIN_INSYNC_REPLICAS, value=2",
                    "name=cbdf-kafka-admin, key=password");
        Map<String, Object> selector = Yaml.mapAt(policy, "spec.podSelector.matchLabels");
        assertThat(Yaml.mapAt(job, "spec.template.metadata.labels")).as("the policy selects the Job's pods")
            .containsAllEntriesOf(selector);
        assertThat(selector).containsEntry("app.kubernetes.io/component", "event-bus-provisioner");
        assertThat(egress).as("DNS and Kafka, nothing else").anySatisfy((rule) -> {
            assertThat(ports(Stream.of(rule))).containsExactly(9092);
            assertThat(Yaml.listAt(rule, "to")).isEqualTo(List.of(Map.of("namespaceSelector",
                    Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kafka")))));
        });
        assertThat(ports(egress.stream())).containsExactlyInAnyOrder(53, 9092);
        assertThat(Yaml.at(policy, "spec.ingress")).isEqualTo(List.of());
        assertThat(Yaml.mapAt(policy, "metadata.annotations")).as("in place before the Job runs, on the first install too")
            .containsEntry(Chart.HOOK, "pre-install,pre-upgrade");
        assertThat(Integer.parseInt((String) Yaml.mapAt(policy, "metadata.annotations").get("helm.sh/hook-weight")))
            .isLessThan(Integer.parseInt((String) Yaml.mapAt(job, "metadata.annotations").get("helm.sh/hook-weight")));
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyServiceIsProbedOnSpringBootsAvailabilityEndpointsOnItsApiPort(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            Map<String, Object> container = Yaml.listAt(deployment, "spec.template.spec.containers").getFirst();
            // management.endpoint.health.probes.add-additional-paths (platform/observability): the API port answers them
            assertThat(Yaml.at(container, "livenessProbe.httpGet.path")).isEqualTo("/livez");
            assertThat(Yaml.at(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
            assertThat(Yaml.at(container, "startupProbe.httpGet.path")).isEqualTo("/livez");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(Yaml.at(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
            }
            assertThat(Yaml.at(container, "resources.limits.memory")).isNotNull();
            assertThat(Yaml.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void theActuatorListensOnItsOwnPortOnThePodsNetwork(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            String component = component(deployment, "metadata.labels");
            Map<String, Object> environment = rendered.environment(component);
            Map<String, Integer> containerPorts = ports(Yaml.listAt(rendered.container(component), "ports"), "containerPort");
            Map<String, Integer> servicePorts = ports(Yaml.listAt(rendered.get("Service", Rendered.name(component)), "spec.ports"), "port");

            assertThat(containerPorts).as(component).containsOnlyKeys("http", "management")
                .containsEntry("http", Integer.valueOf((String) environment.get("SERVER_PORT")))
                .containsEntry("management", Integer.valueOf((String) environment.get("MANAGEMENT_PORT")));
            assertThat(containerPorts.get("management")).as(component).isNotEqualTo(containerPorts.get("http"));
            assertThat(servicePorts).as(component).isEqualTo(containerPorts);
            assertThat(environment).as("%s: the actuator on loopback would be out of the scraper's reach", component)
                .containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0");
        }
    }

    @Test
    void theManagementPortMayNotBeTheApiPort() {
        assertThatThrownBy(() -> Chart.template(ciValues("default"), (c) -> c.set("services.policy.managementPort", 8082)))
            .hasMessageContaining("services.policy.managementPort must differ from its port 8082");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void developmentSwitchesAreOffInAnyCluster(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        for (String service : enabledPlatformServices(rendered)) {
            for (String developmentSwitch : module(service).developmentSwitches()) {
                assertThat(rendered.environment(service)).as("%s: %s", valueSet.getFileName(), service)
                    .containsEntry(developmentSwitch, "false");
            }
        }
    }

    @Test
    void theAuditServiceSignsCheckpointsWithTheKeyFromItsSecret() {
        Map<String, Object> deployment = defaults.get("Deployment", "cbdf-audit");
        String keyFile = (String) defaults.environment("audit").get("AUDIT_SIGNING_KEY");

        assertThat(module("audit").developmentSwitches()).contains("AUDIT_SIGNING_DEV_MODE");
        assertThat(defaults.environment("audit")).containsEntry("AUDIT_SIGNING_DEV_MODE", "false");
        Map<String, Object> volume = Yaml.listAt(deployment, "spec.template.spec.volumes").stream()
            .filter((candidate) -> "cbdf-audit-signing-key".equals(Yaml.at(candidate, "secret.secretName")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume of Secret cbdf-audit-signing-key"));
        Map<String, Object> mount = Yaml.listAt(defaults.container("audit"), "volumeMounts").stream()
            .filter((candidate) -> volume.get("name").equals(candidate.get("name")))
            .findFirst()
            .orElseThrow();
        assertThat(keyFile).startsWith(mount.get("mountPath") + "/");
        assertThat(mount.get("readOnly")).isEqualTo(true);
        assertThat(defaults.environment("transfer")).doesNotContainKeys("AUDIT_SIGNING_KEY", "AUDIT_SIGNING_DEV_MODE");
    }

    @Test
    void byDefaultTheFourServicesRunOnceEachOnTheirLocalStackPortsWithoutThePortal() {
        assertThat(defaults.ofKind("Deployment")).extracting((d) -> Yaml.at(d, "metadata.name"))
            .containsExactlyInAnyOrder("cbdf-transfer", "cbdf-policy", "cbdf-dispute", "cbdf-audit");
        for (String service : PLATFORM_SERVICES) {
            assertThat(Yaml.at(defaults.get("Deployment", Rendered.name(service)), "spec.replicas")).isEqualTo(1);
        }
        assertThat(defaults.environment("transfer")).contains(entry("SERVER_PORT", "8081"),
                entry("DB_URL", "jdbc:postgresql://cbdf-postgres-rw:5432/transfer"),
                entry("KAFKA_BOOTSTRAP_SERVERS", "cbdf-kafka-bootstrap:9092"),
                entry("OIDC_ISSUER_URI", "https://auth.example.com/realms/governance"),
                entry("OIDC_AUDIENCE", "governance-api"));
        assertThat(defaults.environment("audit")).containsEntry("SERVER_PORT", "8084")
            .containsEntry("DB_URL", "jdbc:postgresql://cbdf-postgres-rw:5432/audit");
        assertThat(Yaml.at(defaults.get("Service", "cbdf-policy"), "spec.ports")).asString().contains("port=8082");
        assertThat(defaults.container("dispute").get("image")).isEqualTo("cbdf/dispute-service:0.1.0-SNAPSHOT");
        assertThat(defaults.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(defaults.ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(defaults.ofKind("NetworkPolicy")).isEmpty();
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void productionScalesEachServiceWithinAnAutoscalerAndADisruptionBudget() {
        for (String service : List.of("transfer", "policy", "dispute", "portal")) {
            Map<String, Object> hpa = production.get("HorizontalPodAutoscaler", Rendered.name(service));
            assertThat(Yaml.at(hpa, "spec.scaleTargetRef.name")).isEqualTo(Rendered.name(service));
            assertThat(Yaml.at(hpa, "spec.minReplicas")).isEqualTo(2);
            assertThat(Yaml.at(production.get("Deployment", Rendered.name(service)), "spec.replicas"))
                .as("the autoscaler owns %s's replica count", service).isNull();
        }
        assertThat(Yaml.at(production.get("HorizontalPodAutoscaler", "cbdf-policy"), "spec.maxReplicas"))
            .as("policy consumes transfer.events' 3 partitions").isEqualTo(3);
        assertThat(Yaml.at(production.get("HorizontalPodAutoscaler", "cbdf-transfer"), "spec.maxReplicas")).isEqualTo(6);

        // a service's `enabled: false` wins over the default's `true` (Helm's merge alone would keep true)
        assertThat(production.find("HorizontalPodAutoscaler", "cbdf-audit")).isEmpty();
        assertThat(Yaml.at(production.get("Deployment", "cbdf-audit"), "spec.replicas")).isEqualTo(2);

        assertThat(Yaml.listAt(production.get("Deployment", "cbdf-policy"), "spec.template.spec.topologySpreadConstraints"))
            .singleElement()
            .satisfies((constraint) -> assertThat(Yaml.mapAt(constraint, "labelSelector.matchLabels"))
                .as("spread across zones: the policy pods among themselves")
                .containsEntry("app.kubernetes.io/component", "policy"));

        assertThat(production.ofKind("PodDisruptionBudget")).hasSize(5).allSatisfy((pdb) -> {
            assertThat(Yaml.at(pdb, "spec.maxUnavailable")).isEqualTo(1);
            assertThat(Yaml.mapAt(pdb, "spec.selector.matchLabels")).containsKey("app.kubernetes.io/component");
        });
    }

    @Test
    void productionLetsOnlyWhatMustTalkTalk() {
        assertThat(production.ofKind("NetworkPolicy")).hasSize(5);

        Map<String, Object> transfer = production.get("NetworkPolicy", "cbdf-transfer");
        assertThat(Yaml.mapAt(transfer, "spec.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "transfer");
        assertThat(Yaml.at(transfer, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        List<Map<String, Object>> ingress = Yaml.listAt(transfer, "spec.ingress");
        assertThat(ingress).hasSize(2);
        assertThat(Yaml.listAt(ingress.get(0), "from")).as("the API: ingress controller, portal")
            .containsExactlyInAnyOrder(
                    Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))),
                    Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "cbdf",
                            "app.kubernetes.io/instance", "cbdf", "app.kubernetes.io/component", "portal"))));
        assertThat(ingressPorts(List.of(ingress.get(0)))).containsExactly(8081);
        assertThat(Yaml.listAt(ingress.get(1), "from")).as("the actuator, no token: monitoring alone")
            .containsExactly(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
        assertThat(ingressPorts(List.of(ingress.get(1)))).containsExactly(9081);
        assertThat(egressPorts(transfer)).as("DNS, Kafka, PostgreSQL, Keycloak, the trace collector")
            .containsExactlyInAnyOrder(53, 9092, 5432, 8080, 4318);

        Map<String, Object> portal = production.get("NetworkPolicy", "cbdf-portal");
        assertThat(egressPorts(portal)).as("portal: DNS, Keycloak, the trace collector and the four services' APIs; no Kafka, no database")
            .containsExactlyInAnyOrder(53, 8080, 4318, 8081, 8082, 8083, 8084);
        List<Map<String, Object>> portalIngress = Yaml.listAt(portal, "spec.ingress");
        assertThat(portalIngress).hasSize(2);
        assertThat(Yaml.listAt(portalIngress.get(0), "from")).hasSize(1);
        assertThat(ingressPorts(List.of(portalIngress.get(0)))).containsExactly(8080);
        assertThat(ingressPorts(List.of(portalIngress.get(1)))).as("the portal's actuator, for monitoring").containsExactly(9080);
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void onlyTheMonitoringPeersReachTheManagementPortAndTheyReachNothingElse(Path valueSet) {
        Rendered rendered = Chart.template(valueSet, (command) -> command.set("networkPolicy.enabled", true)
            // production names the same peer already; --set merges into it
            .set("networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "monitoring"));

        for (Map<String, Object> policy : rendered.ofKind("NetworkPolicy")) {
            String component = component(policy, "spec.podSelector.matchLabels");
            int management = Integer.parseInt((String) rendered.environment(component).get("MANAGEMENT_PORT"));
            Map<String, Object> monitoring = Map.of("namespaceSelector",
                    Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")));
            for (Map<String, Object> rule : Yaml.listAt(policy, "spec.ingress")) {
                Set<Integer> ports = ingressPorts(List.of(rule));
                if (ports.contains(management)) {
                    assertThat(Yaml.listAt(rule, "from")).as("%s: who reaches the actuator", component).containsExactly(monitoring);
                    assertThat(ports).as(component).containsExactly(management);
                }
                else {
                    assertThat(Yaml.listAt(rule, "from")).as("%s: the API's peers", component).doesNotContain(monitoring);
                }
            }
            assertThat(Yaml.listAt(policy, "spec.ingress")).as(component)
                .anySatisfy((rule) -> assertThat(ingressPorts(List.of(rule))).containsExactly(management));
        }
    }

    @Test
    void withoutPeersAServiceAcceptsNoIngressRatherThanAll() {
        Rendered rendered = Chart.template(ciValues("default"), (command) -> command.set("networkPolicy.enabled", true));

        assertThat(rendered.ofKind("NetworkPolicy")).hasSize(4).allSatisfy((policy) -> {
            assertThat(Yaml.at(policy, "spec.ingress")).isEqualTo(List.of());
            assertThat(Yaml.at(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        });
    }

    @Test
    void thePortalIsToldWhereEveryServiceAndKeycloaksBackChannelAre() {
        assertThat(production.environment("portal"))
            .containsEntry("TRANSFER_SERVICE_URL", "http://cbdf-transfer:8081")
            .containsEntry("POLICY_SERVICE_URL", "http://cbdf-policy:8082")
            .containsEntry("DISPUTE_SERVICE_URL", "http://cbdf-dispute:8083")
            .containsEntry("AUDIT_SERVICE_URL", "http://cbdf-audit:8084")
            .containsEntry("OIDC_ISSUER_URI", "https://auth.example.com/realms/governance")
            .containsEntry("OIDC_BACKCHANNEL_URI", "http://keycloak-service.keycloak:8080/realms/governance");
        assertThat(production.environment("transfer")).doesNotContainKeys("OIDC_BACKCHANNEL_URI", "TRANSFER_SERVICE_URL");
    }

    @Test
    void spansAreExportedWhereACollectorIsConfiguredAndThePoliciesLetThemOut() {
        for (String service : List.of("transfer", "policy", "dispute", "audit", "portal")) {
            assertThat(production.environment(service)).as(service)
                .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://otel-collector.monitoring:4318/v1/traces")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.25");
            assertThat(egressPorts(production.get("NetworkPolicy", Rendered.name(service)))).as(service).contains(4318);
        }
        assertThat(defaults.environment("transfer")).doesNotContainKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")
            .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1");
    }

    @Test
    void productionReadsKeysInClusterAndTheDatabaseOverTls() {
        assertThat(production.environment("policy"))
            .containsEntry("CBDF_SECURITY_JWKSETURI", "http://keycloak-service.keycloak:8080/realms/governance/protocol/openid-connect/certs")
            .containsEntry("DB_URL", "jdbc:postgresql://cbdf-postgres-rw.databases:5432/policy?sslmode=verify-full")
            .containsEntry("OIDC_ISSUER_URI", "https://auth.example.com/realms/governance");
        assertThat(production.environment("portal")).doesNotContainKeys("DB_URL", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS")
            .containsEntry("SERVER_PORT", "8080");
        assertThat(production.container("transfer").get("image")).isEqualTo("registry.example.com/cbdf/transfer-service:0.1.0");
        assertThat(production.container("portal").get("image")).isEqualTo("registry.example.com/cbdf/portal:0.1.0");
    }

    @Test
    void productionScrapesEveryServiceOnItsManagementPortThroughAServiceMonitor() {
        assertThat(production.ofKind("ServiceMonitor")).hasSize(5).allSatisfy((monitor) -> {
            String component = component(monitor, "spec.selector.matchLabels");
            Map<String, Object> endpoint = Yaml.listAt(monitor, "spec.endpoints").getFirst();
            Map<String, Integer> servicePorts = ports(Yaml.listAt(production.get("Service", Rendered.name(component)), "spec.ports"), "port");

            assertThat(endpoint).containsEntry("path", "/actuator/prometheus");
            assertThat(servicePorts.get((String) endpoint.get("port"))).as("%s: the scraped port (the API port answers 401)", component)
                .isEqualTo(Integer.valueOf((String) production.environment(component).get("MANAGEMENT_PORT")))
                .isNotEqualTo(Integer.valueOf((String) production.environment(component).get("SERVER_PORT")));
            assertThat(Yaml.mapAt(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        });
    }

    @Test
    void thePortalsSessionCookieIsSecureInAnyCluster() {
        // application.yml: server.servlet.session.cookie.secure: ${PORTAL_SECURE_COOKIE:false}
        assertThat(new Repository.ServiceModule(Repository.path("services/portal")).environmentDefaults())
            .containsKey("PORTAL_SECURE_COOKIE");
        assertThat(production.environment("portal")).containsEntry("PORTAL_SECURE_COOKIE", "true");
        assertThat(Chart.template(ciValues("default"), (c) -> c.set("services.portal.enabled", true)).environment("portal"))
            .containsEntry("PORTAL_SECURE_COOKIE", "true");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyProfileAValueSetActivatesIsOneAServiceHas(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            String component = component(deployment, "metadata.labels");
            Object profiles = rendered.environment(component).get("SPRING_PROFILES_ACTIVE");
            if (profiles == null) {
                continue;
            }
            Path resources = Repository.path(component.equals("portal") ? "services/portal" : "services/" + component + "/"
                    + component + "-service").resolve("src/main/resources");
            for (String profile : String.valueOf(profiles).split(",")) {
                assertThat(resources.resolve("application-" + profile.strip() + ".yml"))
                    .as("%s: %s activates profile %s, which nothing configures", valueSet.getFileName(), component, profile)
                    .exists();
            }
        }
    }

    @Test
    void theDashboardShipsAsAConfigMapForGrafanasSidecar() {
        Map<String, Object> configMap = defaults.get("ConfigMap", "cbdf-grafana-dashboard");

        assertThat(Yaml.mapAt(configMap, "metadata.labels")).containsEntry("grafana_dashboard", "1");
        assertThat(Yaml.mapAt(configMap, "data").get("cbdf-platform.json"))
            .isEqualTo(Repository.read("deploy/grafana/dashboards/platform.json").strip());
        assertThat(minimal.find("ConfigMap", "cbdf-grafana-dashboard")).isEmpty();
    }

    @Test
    void theRealmExportShipsAsAConfigMapOnlyWhenAskedFor() {
        assertThat(defaults.find("ConfigMap", "cbdf-keycloak-realm")).isEmpty();

        Map<String, Object> realm = minimal.get("ConfigMap", "cbdf-keycloak-realm");
        assertThat(Yaml.mapAt(realm, "data").get("governance-realm.json"))
            .isEqualTo(Repository.read("platform/keycloak/src/main/resources/realm/governance-realm.json").strip());
        RealmExport rendered = RealmExport.parse((String) Yaml.mapAt(realm, "data").get("governance-realm.json"));
        assertThat(rendered.users()).as("the realm a cluster imports has users").isEmpty();
        assertThat(rendered.clientSecrets()).isNotEmpty()
            .allSatisfy((client, secret) -> assertThat(rendered.secretVariable(client)).isNotBlank());
        assertThat(Chart.DIRECTORY.resolve("files")).as("the chart ships no demo data")
            .isDirectoryNotContaining((file) -> file.getFileName().toString().contains("demo"));
    }

    @Test
    void minimalRunsTheTransferServiceAlone() {
        assertThat(minimal.ofKind("Deployment")).extracting((d) -> Yaml.at(d, "metadata.name")).containsExactly("cbdf-transfer");
        assertThat(Yaml.at(minimal.container("transfer"), "resources.limits.memory")).isEqualTo("512Mi");
    }

    @Test
    void theInstallNotesWarnWhereReplicasOutnumberPartitions() {
        assertThat(Chart.installNotes(ciValues("production")))
            .contains("transfer: http://cbdf-transfer.governance:8081")
            .contains("NOTE: transfer may run 6 replicas but its topics have 3 partitions")
            .doesNotContain("NOTE: policy");
        assertThat(Chart.installNotes(ciValues("default"))).contains("audit: http://cbdf-audit.governance:8084")
            .doesNotContain("NOTE:");
    }

    @Test
    void theSchemaRefusesValuesThatWouldDeployABrokenPlatform() {
        Path defaultValues = ciValues("default");

        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("kafka.bootstrapServers", "")))
            .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.transfer.database.existingSecret", "")))
            .hasMessageContaining("/services/transfer/database/existingSecret");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.policy.env[0].name", "DB_PASSWORD")
                .set("services.policy.env[0].value", "secret")))
            .as("a password as a literal in values").hasMessageContaining("/services/policy/env/0/name");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.audit.config.DB_PASSWORD", "secret")))
            .as("a password as a literal setting").hasMessageContaining("invalid propertyName 'DB_PASSWORD'");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.audit.config.DB_OWNER_PASSWORD", "secret")))
            .as("the owner's password as a literal setting").hasMessageContaining("invalid propertyName 'DB_OWNER_PASSWORD'");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.audit.database.owner.existingSecret", "")))
            .as("no owner to migrate as").hasMessageContaining("/services/audit/database/owner/existingSecret");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.audit.database.owner.existingSecret",
                "cbdf-audit-db")))
            .as("the service connecting as the owner of its schema")
            .hasMessageContaining("the owner and the runtime role come from the same Secret key");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("keycloak.issuerUri", "http://keycloak:8080")))
            .hasMessageContaining("issuerUri");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("kafka.securityProtocol", "PLAINTEXT")))
            .as("anonymous Kafka clients").hasMessageContaining("/kafka/securityProtocol");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.dispute.kafkaClient.existingSecret", "")))
            .as("a Kafka service without its client's Secret").hasMessageContaining("/services/dispute/kafkaClient/existingSecret");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.dispute.kafkaClient", "null")))
            .as("a Kafka service without its client").hasMessageContaining("kafkaClient");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.policy.config.KAFKA_CLIENT_SECRET", "secret")))
            .as("the client secret as a literal setting").hasMessageContaining("invalid propertyName 'KAFKA_CLIENT_SECRET'");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("services.policy.env[0].name", "KAFKA_CLIENT_SECRET")
                .set("services.policy.env[0].value", "secret")))
            .as("the client secret as a literal EnvVar").hasMessageContaining("/services/policy/env/0/name");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("kafka.provisioner.admin.existingSecret", "")))
            .as("the administrator's password in no Secret").hasMessageContaining("/kafka/provisioner/admin/existingSecret");
        assertThatThrownBy(() -> Chart.templateWithHooks(defaultValues, (c) -> c.set("kafka.provisioner.minInsyncReplicas", 4)))
            .hasMessageContaining("kafka.provisioner.minInsyncReplicas (4) must not exceed kafka.provisioner.replicationFactor (3)");
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("networkPolicyy.enabled", true)))
            .as("a misspelt key").hasMessageContaining("networkPolicyy");
    }

    private static Path ciValues(String name) {
        return Chart.DIRECTORY.resolve("ci/" + name + "-values.yaml");
    }

    private static Repository.ServiceModule module(String service) {
        return Repository.services().stream()
            .filter((candidate) -> candidate.name().equals(service))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the chart runs " + service + " but services/" + service + " has no service module"));
    }

    private static List<String> enabledPlatformServices(Rendered rendered) {
        return PLATFORM_SERVICES.stream().filter((service) -> rendered.find("Deployment", Rendered.name(service)).isPresent()).toList();
    }

    /** The service an object belongs to: its label {@code app.kubernetes.io/component} under {@code labels}. */
    private static String component(Map<String, Object> object, String labels) {
        return (String) Yaml.mapAt(object, labels).get("app.kubernetes.io/component");
    }

    /** name → number of a container's or a Service's ports */
    private static Map<String, Integer> ports(List<Map<String, Object>> ports, String number) {
        Map<String, Integer> byName = new java.util.LinkedHashMap<>();
        ports.forEach((port) -> byName.put((String) port.get("name"), (Integer) port.get(number)));
        return byName;
    }

    /** The URLs of {@code -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=…} in JVM options */
    private static List<String> allowedUrls(String jvmOptions) {
        assertThat(jvmOptions).as("JVM options").isNotNull();
        java.util.regex.Matcher matcher = java.util.regex.Pattern
            .compile("-Dorg\\.apache\\.kafka\\.sasl\\.oauthbearer\\.allowed\\.urls=(\\S+)").matcher(jvmOptions);
        return matcher.find() ? List.of(matcher.group(1).split(",")) : List.of();
    }

    private static Set<Integer> ingressPorts(List<Map<String, Object>> rules) {
        return ports(rules.stream());
    }

    private static Set<Integer> egressPorts(Map<String, Object> policy) {
        return ports(Yaml.listAt(policy, "spec.egress").stream());
    }

    private static Set<Integer> ports(Stream<Map<String, Object>> rules) {
        Set<Integer> ports = new TreeSet<>();
        rules.forEach((rule) -> Yaml.listAt(rule, "ports").forEach((port) -> ports.add((Integer) port.get("port"))));
        return ports;
    }
}
