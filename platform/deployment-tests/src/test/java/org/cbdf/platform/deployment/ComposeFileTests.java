package org.cbdf.platform.deployment;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cbdf.platform.deployment.Repository.ServiceModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

/** docker-compose.yml against the code it runs: the services' application.yml, the realm, the local stack. */
class ComposeFileTests {

    private static final Map<String, Object> COMPOSE = Yaml.load(Repository.read("docker-compose.yml"));

    private static final Map<String, Object> SERVICES = Yaml.mapAt(COMPOSE, "services");

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?}");

    static List<ServiceModule> serviceModules() {
        return Repository.services();
    }

    @Test
    void runsEveryServiceOfTheRepositoryAndTheInfrastructure() {
        assertThat(serviceModules()).isNotEmpty();
        assertThat(SERVICES).containsKeys("kafka", "postgres", "keycloak", "prometheus", "grafana");
        assertThat(SERVICES).containsKeys(serviceModules().stream().map(ServiceModule::artifactId).toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void everyServiceGetsTheEnvironmentItsApplicationYmlNeedsAndNothingItDoesNotRead(ServiceModule module) {
        Map<String, String> environment = environment(module.artifactId());

        assertThat(environment.keySet()).as("%s's environment", module.artifactId()).containsAll(module.requiredEnvironment());
        assertThat(environment.keySet()).as("%s is given variables it does not read (renamed?)", module.artifactId())
            .allMatch((variable) -> module.environmentDefaults().containsKey(variable) || ServiceModule.readWithoutPlaceholder(variable));
        assertThat(environment.values()).as("%s: no setting may point a container at itself", module.artifactId())
            .noneMatch((value) -> resolve(value).matches(".*(jdbc:postgresql|PLAINTEXT)://(127\\.0\\.0\\.1|localhost).*"));
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void everyServiceListensOnItsLocalStackPortAndPublishesIt(ServiceModule module) {
        String port = module.environmentDefaults().get("SERVER_PORT");
        Map<String, Object> service = service(module.artifactId());

        assertThat(port).as("%s's default SERVER_PORT", module.artifactId()).matches("\\d+");
        assertThat(environment(module.artifactId())).containsEntry("SERVER_PORT", port);
        assertThat(publishedPorts(service)).containsEntry(port, port);
        assertThat(service.get("image")).isEqualTo("cbdf/" + module.artifactId() + ":${CBDF_VERSION:-0.1.0-SNAPSHOT}");
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void everyServiceUsesItsOwnDatabaseWhichPostgresCreates(ServiceModule module) {
        String database = URI.create(module.environmentDefaults().get("DB_URL").substring("jdbc:".length())).getPath().substring(1);
        Map<String, String> environment = environment(module.artifactId());

        assertThat(environment).containsEntry("DB_URL", "jdbc:postgresql://postgres:5432/" + database)
            .containsEntry("DB_USERNAME", database);
        assertThat(environment(("postgres")).get("CBDF_DATABASES").split(" ")).contains(database);
        String passwordVariable = database.toUpperCase() + "_DB_PASSWORD";
        assertThat(environment.get("DB_PASSWORD")).as("the role's password, from .env")
            .startsWith("${" + passwordVariable + ":?");
        assertThat(environment("postgres").get(passwordVariable)).isEqualTo(environment.get("DB_PASSWORD"));
    }

    @Test
    void theInfrastructureIsPublishedWhereTheServicesLookByDefault() {
        // a service started from the IDE with no environment finds the compose infrastructure, as it finds the local stack's
        for (ServiceModule module : serviceModules()) {
            Map<String, String> defaults = module.environmentDefaults();
            URI database = URI.create(defaults.get("DB_URL").substring("jdbc:".length()));
            URI broker = URI.create("kafka://" + defaults.get("KAFKA_BOOTSTRAP_SERVERS"));
            URI issuer = URI.create(defaults.get("OIDC_ISSUER_URI"));
            assertThat(publishedPorts(service("postgres"))).as(module.artifactId()).containsEntry(String.valueOf(database.getPort()), "5432");
            assertThat(publishedPorts(service("kafka"))).as(module.artifactId()).containsKey(String.valueOf(broker.getPort()));
            assertThat(publishedPorts(service("keycloak"))).as(module.artifactId()).containsEntry(String.valueOf(issuer.getPort()), "8080");
        }
        assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("EXTERNAL://127.0.0.1:9092");
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void browsersAndServicesSeeOneIssuer(ServiceModule module) {
        String issuer = resolve(environment(module.artifactId()).get("OIDC_ISSUER_URI"));
        String keycloakHostname = resolve(environment("keycloak").get("KC_HOSTNAME"));

        assertThat(issuer).as("the issuer Keycloak writes into every token").isEqualTo(keycloakHostname + "/realms/governance");
        assertThat(issuer).as("the same as the local stack's, so tokens and run configurations carry over")
            .isEqualTo(module.environmentDefaults().get("OIDC_ISSUER_URI"));
        assertThat(environment(module.artifactId()).get("CBDF_SECURITY_JWKSETURI"))
            .as("keys fetched over the compose network: 127.0.0.1 is the service's own container")
            .isEqualTo("http://keycloak:8080/realms/governance/protocol/openid-connect/certs");
    }

    @Test
    void thePortalReachesTheServicesAndKeycloakOverTheComposeNetworkAndSendsBrowsersToThePublicIssuer() {
        ServiceModule portal = new ServiceModule(Repository.path("services/portal"));
        Map<String, String> environment = environment("portal");

        assertThat(environment.keySet()).as("the portal's environment").containsAll(portal.requiredEnvironment());
        assertThat(environment.keySet()).as("the portal is given variables it does not read")
            .allMatch((variable) -> portal.environmentDefaults().containsKey(variable) || ServiceModule.readWithoutPlaceholder(variable));
        for (ServiceModule module : serviceModules()) {
            assertThat(environment).containsEntry(module.name().toUpperCase() + "_SERVICE_URL",
                "http://" + module.artifactId() + ":" + module.environmentDefaults().get("SERVER_PORT"));
            assertThat(Yaml.mapAt(service("portal"), "depends_on")).containsKey(module.artifactId());
        }
        assertThat(resolve(environment.get("OIDC_ISSUER_URI"))).isEqualTo(resolve(environment("keycloak").get("KC_HOSTNAME")) + "/realms/governance");
        assertThat(environment).containsEntry("OIDC_BACKCHANNEL_URI", "http://keycloak:8080/realms/governance");
        assertThat(environment).containsEntry("SERVER_PORT", portal.environmentDefaults().get("SERVER_PORT"));
        assertThat(publishedPorts(service("portal"))).containsEntry("8080", "8080");
        assertThat(service("portal").get("image")).isEqualTo("cbdf/portal:${CBDF_VERSION:-0.1.0-SNAPSHOT}");
    }

    @Test
    void everyServiceExportsItsSpansToJaeger() {
        for (ServiceModule module : serviceModules()) {
            assertThat(environment(module.artifactId())).containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                "http://jaeger:4318/v1/traces");
        }
        assertThat(environment("portal")).containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
            "http://jaeger:4318/v1/traces");
        assertThat(publishedPorts(service("jaeger"))).containsEntry("16686", "16686");
    }

    @Test
    void keycloakImportsTheRealmExportOfTheRepository() {
        Map<String, Object> keycloak = service("keycloak");

        assertThat(keycloak.get("command")).isEqualTo(List.of("start-dev", "--import-realm"));
        assertThat(bindMounts(keycloak)).containsEntry("./platform/keycloak/src/main/resources/realm/governance-realm.json",
                "/opt/keycloak/data/import/governance-realm.json");
        assertThat(keycloak.get("image")).isEqualTo("quay.io/keycloak/keycloak:26.5.6");
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() {
        List<String> missing = new ArrayList<>();
        SERVICES.forEach((name, service) -> bindMounts(Yaml.map(service)).keySet().stream()
            .filter((source) -> !Files.exists(Repository.path(source)))
            .forEach((source) -> missing.add(name + ": " + source)));

        assertThat(missing).isEmpty();
        assertThat(Repository.path("deploy/postgres/init-databases.sh")).isExecutable();
    }

    @Test
    void everyDependencyIsWaitedForUntilItsHealthcheckPasses() {
        SERVICES.forEach((name, service) -> Yaml.mapAt(service, "depends_on").forEach((target, condition) -> {
            assertThat(SERVICES).as("%s depends on %s", name, target).containsKey(target);
            assertThat(Yaml.at(condition, "condition")).as("%s → %s", name, target).isEqualTo("service_healthy");
            assertThat(Yaml.mapAt(SERVICES.get(target), "healthcheck")).as("%s's healthcheck", target).containsKey("test");
        }));
        for (ServiceModule module : serviceModules()) {
            assertThat(Yaml.mapAt(service(module.artifactId()), "depends_on")).containsOnlyKeys("kafka", "postgres", "keycloak");
            assertThat(Yaml.at(service(module.artifactId()), "healthcheck.test").toString()).contains("/actuator/health/readiness");
        }
    }

    @Test
    void everyContainerHasAMemoryLimit() {
        SERVICES.forEach((name, service) -> assertThat(Yaml.at(service, "deploy.resources.limits.memory")).as(name).isNotNull());
    }

    @Test
    void noSecretIsWrittenInTheFileAndEveryOneIsInEnvExample() {
        Map<String, String> example = envExample();
        Set<String> needed = new TreeSet<>();
        SERVICES.forEach((name, service) -> environment(name).forEach((variable, value) -> {
            if (variable.matches(".*(PASSWORD|SECRET).*")) {
                assertThat(value).as("%s %s", name, variable).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
            }
            Matcher matcher = INTERPOLATION.matcher(value);
            while (matcher.find()) {
                if (matcher.group(2) == null || matcher.group(2).contains("?")) {
                    needed.add(matcher.group(1));
                }
            }
        }));

        assertThat(needed).contains("POSTGRES_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
        assertThat(example.keySet()).containsAll(needed);
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPort() {
        Map<String, Object> prometheus = Yaml.load(Repository.read("deploy/prometheus/prometheus.yml"));
        Map<String, Object> job = Yaml.listAt(prometheus, "scrape_configs").stream()
            .filter((candidate) -> "cbdf-services".equals(candidate.get("job_name")))
            .findFirst()
            .orElseThrow();
        List<Object> targets = Yaml.listAt(job, "static_configs").stream().flatMap((config) -> ((List<?>) config.get("targets")).stream())
            .map(Object.class::cast)
            .toList();

        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(serviceModules().stream()
            .map((module) -> module.artifactId() + ":" + module.environmentDefaults().get("SERVER_PORT"))
            .toList());
        assertThat(bindMounts(service("grafana"))).containsEntry("./deploy/grafana/dashboards", "/var/lib/grafana/dashboards");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/docker-compose");
        if (!Files.isExecutable(binary)) {
            abort("docker-compose is not installed: `apt-get install -y --no-install-recommends docker-compose` "
                    + "validates docker-compose.yml without a Docker engine");
        }
        Process process = new ProcessBuilder(binary.toString(), "--env-file", ".env.example", "-f", "docker-compose.yml", "config", "--quiet")
            .directory(Repository.ROOT.toFile())
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();

        assertThat(process.exitValue()).as("docker-compose config: %s", output).isZero();
    }

    private static Map<String, Object> service(String name) {
        assertThat(SERVICES).containsKey(name);
        return Yaml.map(SERVICES.get(name));
    }

    /** A service's environment (the mapping form; YAML merge keys already applied), values as text. */
    private static Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        Yaml.mapAt(service(name), "environment").forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    /** host port → container port */
    private static Map<String, String> publishedPorts(Map<String, Object> service) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (Object mapping : (List<?>) service.getOrDefault("ports", List.of())) {
            String[] parts = mapping.toString().split(":");
            ports.put(parts[parts.length - 2], parts[parts.length - 1]);
        }
        return ports;
    }

    /** repository path → container path, for bind mounts of files of this repository */
    private static Map<String, String> bindMounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    /** A value as compose resolves it with .env.example. */
    private static String resolve(String value) {
        Map<String, String> example = envExample();
        return INTERPOLATION.matcher(value).replaceAll((match) -> {
            String variable = match.group(1);
            String resolved = example.containsKey(variable) ? example.get(variable) : match.group(3);
            assertThat(resolved).as("%s has neither a value in .env.example nor a default", variable).isNotNull();
            return Matcher.quoteReplacement(resolved);
        });
    }

    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        Repository.read(".env.example").lines()
            .map(String::strip)
            .filter((line) -> !line.isEmpty() && !line.startsWith("#"))
            .forEach((line) -> {
                int equals = line.indexOf('=');
                assertThat(equals).as(".env.example line %s", line).isPositive();
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            });
        return variables;
    }
}
