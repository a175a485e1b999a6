package org.cbdf.platform.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import org.cbdf.platform.deployment.Chart.Rendered;
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
        }
        for (Map<String, Object> configMap : rendered.ofKind("ConfigMap")) {
            assertThat(Yaml.mapAt(configMap, "data").keySet()).as("ConfigMap %s", Yaml.at(configMap, "metadata.name"))
                .noneMatch((key) -> key.contains("PASSWORD") || key.contains("SECRET"));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyServiceIsProbedOnSpringBootsAvailabilityEndpoints(Path valueSet) {
        Rendered rendered = Chart.template(valueSet);

        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            Map<String, Object> container = Yaml.listAt(deployment, "spec.template.spec.containers").getFirst();
            assertThat(Yaml.at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(Yaml.at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
            assertThat(Yaml.at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(Yaml.at(container, "livenessProbe.httpGet.port")).isEqualTo("http");
            assertThat(Yaml.at(container, "resources.limits.memory")).isNotNull();
            assertThat(Yaml.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        }
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
        assertThat(ingress).hasSize(1);
        assertThat(Yaml.listAt(ingress.getFirst(), "from")).as("ingress controller, monitoring, portal")
            .containsExactlyInAnyOrder(
                    Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))),
                    Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))),
                    Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "cbdf",
                            "app.kubernetes.io/instance", "cbdf", "app.kubernetes.io/component", "portal"))));
        assertThat(ingressPorts(ingress)).containsExactly(8081);
        assertThat(egressPorts(transfer)).as("DNS, Kafka, PostgreSQL, Keycloak, the trace collector")
            .containsExactlyInAnyOrder(53, 9092, 5432, 8080, 4318);

        Map<String, Object> portal = production.get("NetworkPolicy", "cbdf-portal");
        assertThat(egressPorts(portal)).as("portal: DNS, Keycloak, the trace collector and the four services' APIs; no Kafka, no database")
            .containsExactlyInAnyOrder(53, 8080, 4318, 8081, 8082, 8083, 8084);
        assertThat(Yaml.listAt(Yaml.listAt(portal, "spec.ingress").getFirst(), "from")).hasSize(1);
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
            .containsEntry("SERVER_PORT", "8080").containsEntry("SPRING_PROFILES_ACTIVE", "production");
        assertThat(production.container("transfer").get("image")).isEqualTo("registry.example.com/cbdf/transfer-service:0.1.0");
        assertThat(production.container("portal").get("image")).isEqualTo("registry.example.com/cbdf/portal:0.1.0");
    }

    @Test
    void productionScrapesEveryServiceThroughAServiceMonitor() {
        assertThat(production.ofKind("ServiceMonitor")).hasSize(5).allSatisfy((monitor) -> {
            Map<String, Object> endpoint = Yaml.listAt(monitor, "spec.endpoints").getFirst();
            assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
            assertThat(Yaml.mapAt(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        });
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
        assertThatThrownBy(() -> Chart.template(defaultValues, (c) -> c.set("keycloak.issuerUri", "http://keycloak:8080")))
            .hasMessageContaining("issuerUri");
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
