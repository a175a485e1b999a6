package org.cbdf.systemtests.deployment;

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
import java.util.stream.Stream;

import org.cbdf.systemtests.deployment.Repository.ServiceModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

/** docker-compose.yml against the code it runs: the services' application.yml, the realm, the local stack. */
class ComposeFileTests {

    private static final Map<String, Object> COMPOSE = Yaml.load(Repository.read("docker-compose.yml"));

    private static final Map<String, Object> SERVICES = Yaml.mapAt(COMPOSE, "services");

    /** The one-shot container that creates the event bus's topics and ACLs (platform/event-bus). */
    private static final String PROVISIONER = "event-bus-provisioner";

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?}");

    static List<ServiceModule> serviceModules() {
        return Repository.services();
    }

    @Test
    void runsEveryServiceOfTheRepositoryAndTheInfrastructure() {
        assertThat(serviceModules()).isNotEmpty();
        assertThat(SERVICES).containsKeys("kafka", "postgres", "keycloak", PROVISIONER, "prometheus", "grafana");
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

        assertThat(environment).containsEntry("DB_URL", "jdbc:postgresql://postgres:5432/" + database);
        assertThat(environment(("postgres")).get("CBDF_DATABASES").split(" ")).contains(database);
        // the roles init-databases.sh creates: the service as <name>_app, its migrations as the owner <name>
        assertThat(environment).containsEntry("DB_USERNAME", database + "_app").containsEntry("DB_OWNER_USERNAME", database);
        for (String role : List.of("DB_PASSWORD", "DB_OWNER_PASSWORD")) {
            String passwordVariable = database.toUpperCase() + "_" + role;
            assertThat(environment.get(role)).as("%s: the role's password, from .env", role)
                .startsWith("${" + passwordVariable + ":?");
            assertThat(environment("postgres").get(passwordVariable)).isEqualTo(environment.get(role));
        }
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void noDatabasePasswordHasADefaultAndTheServiceMigratesAsAnotherRole(ServiceModule module) {
        Map<String, String> defaults = module.environmentDefaults();

        assertThat(defaults).as("%s reads both roles' passwords", module.artifactId()).containsKeys("DB_PASSWORD", "DB_OWNER_PASSWORD");
        assertThat(defaults.get("DB_PASSWORD")).as("%s: a missing DB_PASSWORD stops the start", module.artifactId()).isNull();
        assertThat(defaults.get("DB_OWNER_PASSWORD")).as("%s: a missing DB_OWNER_PASSWORD stops the start", module.artifactId()).isNull();
        assertThat(defaults.get("DB_OWNER_USERNAME")).as("%s: the local stack's owner and runtime roles", module.artifactId())
            .isNotEqualTo(defaults.get("DB_USERNAME"));
        assertThat(module.requiredEnvironment()).contains("DB_PASSWORD", "DB_OWNER_USERNAME", "DB_OWNER_PASSWORD");
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
            URI tokens = URI.create(defaults.get("KAFKA_TOKEN_ENDPOINT"));
            assertThat(publishedPorts(service("keycloak"))).as("%s's Kafka tokens", module.artifactId())
                .containsEntry(String.valueOf(tokens.getPort()), "8080");
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
    void keycloakImportsTheRealmAloneWithoutUsersOrSecretsWrittenInIt() {
        Map<String, String> imported = new LinkedHashMap<>();
        bindMounts(service("keycloak")).forEach((source, target) -> {
            if (target.startsWith("/opt/keycloak/data/import/")) {
                imported.put(source, target);
            }
        });
        RealmExport realm = RealmExport.ofRepository();

        assertThat(imported).as("the realm, and no demo data").containsOnlyKeys(
                "./platform/keycloak/src/main/resources/realm/governance-realm.json");
        SERVICES.forEach((name, service) -> assertThat(bindMounts(Yaml.map(service)).keySet()).as(name)
            .noneMatch((source) -> source.contains("demo")));
        assertThat(realm.users()).as("the realm compose imports has users").isEmpty();
        assertThat(realm.clientSecrets()).as("client secrets of the realm").isNotEmpty()
            .allSatisfy((client, secret) -> assertThat(realm.secretVariable(client)).isNotBlank());
    }

    @Test
    void everyKafkaListenerAuthenticatesAndTheBrokerAllowsOnlyWhatAnAclGrants() {
        Map<String, String> kafka = environment("kafka");
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(entry.substring(0, entry.indexOf(':')).strip(), entry.substring(entry.indexOf(':') + 1).strip());
        }
        List<String> listeners = Stream.of(kafka.get("KAFKA_LISTENERS").split(","))
            .map((listener) -> listener.substring(0, listener.indexOf("://")).strip())
            .toList();
        String controller = kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES");

        assertThat(protocols.keySet()).as("every listener's protocol is named").containsAll(listeners);
        assertThat(protocols).as("a PLAINTEXT or SSL listener would answer anonymous clients")
            .allSatisfy((listener, protocol) -> assertThat(protocol).as(listener).isIn("SASL_PLAINTEXT", "SASL_SSL"));
        for (String listener : listeners) {
            String prefix = "KAFKA_LISTENER_NAME_" + listener + "_";
            if (listener.equals(controller)) {
                assertThat(kafka.get(prefix + "SASL_ENABLED_MECHANISMS")).as(listener).isEqualTo("PLAIN");
                assertThat(plainUsers(kafka.get(prefix + "PLAIN_SASL_JAAS_CONFIG"))).as(listener).containsOnlyKeys("broker");
                continue;
            }
            assertThat(kafka.get(prefix + "SASL_ENABLED_MECHANISMS")).as(listener).isNotNull();
            assertThat(kafka.get(prefix + "SASL_ENABLED_MECHANISMS").split(",")).as(listener)
                .containsExactlyInAnyOrder("OAUTHBEARER", "PLAIN");
            assertThat(kafka.get(prefix + "OAUTHBEARER_SASL_SERVER_CALLBACK_HANDLER_CLASS")).as(listener)
                .isEqualTo("org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler");
            assertThat(kafka.get(prefix + "OAUTHBEARER_SASL_JAAS_CONFIG")).as(listener)
                .isEqualTo("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
            assertThat(plainUsers(kafka.get(prefix + "PLAIN_SASL_JAAS_CONFIG"))).as("%s: passwords for whom", listener)
                .containsOnlyKeys("broker", "admin");
        }
        assertThat(kafka).containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN")
            .containsEntry("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL", "PLAIN")
            .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
            .containsEntry("KAFKA_SUPER_USERS", "User:broker;User:admin")
            .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .containsEntry("KAFKA_SASL_OAUTHBEARER_EXPECTED_AUDIENCE", "kafka")
            .containsEntry("KAFKA_SASL_OAUTHBEARER_SUB_CLAIM_NAME", "azp");
        assertThat(kafka.get("KAFKA_CONNECTIONS_MAX_REAUTH_MS")).as("connections outliving their token").matches("[1-9]\\d*");
    }

    @Test
    void theBrokerChecksTokensAgainstTheRealmsKeysOverTheNetworkAndTheIssuerTheyCarry() {
        Map<String, String> kafka = environment("kafka");
        String keys = kafka.get("KAFKA_SASL_OAUTHBEARER_JWKS_ENDPOINT_URL");

        assertThat(keys).isEqualTo("http://keycloak:8080/realms/governance/protocol/openid-connect/certs");
        assertThat(resolve(kafka.get("KAFKA_SASL_OAUTHBEARER_EXPECTED_ISSUER"))).as("the issuer Keycloak writes into every token")
            .isEqualTo(resolve(environment("keycloak").get("KC_HOSTNAME")) + "/realms/governance");
        assertThat(allowedUrls(kafka.get("KAFKA_OPTS"))).as("Kafka 4 fetches no key set that is not allow-listed").contains(keys);
        assertThat(Yaml.at(service("kafka"), "depends_on.keycloak.condition")).as("the key set must answer when the broker starts")
            .isEqualTo("service_healthy");
        assertThat(Yaml.at(service("kafka"), "healthcheck.test").toString()).as("the healthcheck logs in")
            .contains("--command-config", "sasl.mechanism=PLAIN");
    }

    @Test
    void theBrokersPasswordsComeFromEnvAndTheAdministratorIsTheProvisioner() {
        Map<String, String> kafka = environment("kafka");
        Set<String> brokerPasswords = new TreeSet<>();
        Set<String> adminPasswords = new TreeSet<>();
        kafka.forEach((variable, value) -> {
            if (!variable.endsWith("_JAAS_CONFIG") || !value.contains("PlainLoginModule")) {
                return;
            }
            Matcher password = Pattern.compile("\\bpassword=\"([^\"]*)\"").matcher(value);
            assertThat(password.find()).as("%s: the broker's own login", variable).isTrue();
            brokerPasswords.add(password.group(1));
            plainUsers(value).forEach((user, userPassword) -> {
                assertThat(userPassword).as("%s: user %s's password, from .env", variable, user).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
                (user.equals("admin") ? adminPasswords : brokerPasswords).add(userPassword);
            });
        });

        assertThat(brokerPasswords).as("one password of the broker, from .env").singleElement()
            .satisfies((password) -> assertThat(password).matches("\\$\\{[A-Z_]+:\\?[^}]+}"));
        assertThat(kafka.get("CBDF_BROKER_PASSWORD")).as("the healthcheck's login").isEqualTo(brokerPasswords.iterator().next());
        assertThat(adminPasswords).as("the administrator's password, the provisioner's").singleElement()
            .isEqualTo(environment(PROVISIONER).get("KAFKA_ADMIN_PASSWORD"));
        assertThat(environment(PROVISIONER).get("KAFKA_ADMIN_USERNAME")).isEqualTo("admin");
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void everyServiceLogsInToKafkaAsItsOwnKeycloakClientWithASecretFromEnv(ServiceModule module) {
        Map<String, String> environment = environment(module.artifactId());
        String clientId = environment.getOrDefault("KAFKA_CLIENT_ID", applicationName(module));
        String secretVariable = RealmExport.ofRepository().secretVariable(clientId);
        String tokenEndpoint = environment.get("KAFKA_TOKEN_ENDPOINT");

        assertThat(module.requiredEnvironment()).as("what platform/messaging reads without a usable default")
            .contains("KAFKA_CLIENT_SECRET", "KAFKA_TOKEN_ENDPOINT");
        assertThat(environment.get("KAFKA_CLIENT_SECRET")).as("%s: its client's secret, from .env", module.artifactId())
            .startsWith("${" + secretVariable + ":?");
        assertThat(environment("keycloak")).as("Keycloak resolves the realm's ${%s} from its environment", secretVariable)
            .containsEntry(secretVariable, environment.get("KAFKA_CLIENT_SECRET"));
        assertThat(tokenEndpoint).as("Keycloak's network name: 127.0.0.1 is the service's own container")
            .isEqualTo("http://keycloak:8080/realms/governance/protocol/openid-connect/token");
        assertThat(allowedUrls(environment.get("JAVA_TOOL_OPTIONS"))).as("Kafka 4 calls no token endpoint that is not allow-listed")
            .contains(tokenEndpoint);
        assertThat(environment.getOrDefault("KAFKA_SECURITY_PROTOCOL", module.environmentDefaults().get("KAFKA_SECURITY_PROTOCOL")))
            .startsWith("SASL_");
    }

    @Test
    void noTwoServicesShareAKafkaClientSecret() {
        List<String> secrets = serviceModules().stream().map((module) -> environment(module.artifactId()).get("KAFKA_CLIENT_SECRET")).toList();

        assertThat(secrets).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void theProvisionerCreatesTopicsAndAclsAsTheAdministratorBeforeAnyServiceStarts() {
        Map<String, Object> provisioner = service(PROVISIONER);
        Map<String, String> environment = environment(PROVISIONER);
        Set<String> reads = Repository.provisionerEnvironment();

        assertThat(provisioner.get("image")).isEqualTo("cbdf/event-bus-provisioner:${CBDF_VERSION:-0.1.0-SNAPSHOT}");
        assertThat(Repository.read("platform/event-bus/pom.xml")).as("the image platform/event-bus builds")
            .contains("cbdf/event-bus-provisioner:${project.version}");
        assertThat(isOneShot(provisioner)).as("runs once per `up`, is not restarted").isTrue();
        assertThat(Yaml.at(provisioner, "depends_on.kafka.condition")).isEqualTo("service_healthy");
        assertThat(environment.keySet()).as("the provisioner is given variables it does not read (renamed?)")
            .allMatch((variable) -> reads.contains(variable) || variable.equals("JAVA_TOOL_OPTIONS"));
        assertThat(environment).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092");
        assertThat(environment.get("KAFKA_SECURITY_PROTOCOL")).startsWith("SASL_");
        assertThat(environment.get("KAFKA_ADMIN_PASSWORD")).startsWith("${KAFKA_ADMIN_PASSWORD:?");
        for (ServiceModule module : serviceModules()) {
            assertThat(Yaml.at(service(module.artifactId()), "depends_on." + PROVISIONER + ".condition")).as(module.artifactId())
                .isEqualTo("service_completed_successfully");
        }
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
    void everyDependencyIsWaitedForUntilItsHealthcheckPassesOrItsOneShotSucceeded() {
        SERVICES.forEach((name, service) -> Yaml.mapAt(service, "depends_on").forEach((target, condition) -> {
            assertThat(SERVICES).as("%s depends on %s", name, target).containsKey(target);
            if (isOneShot(service(target))) {
                assertThat(Yaml.at(condition, "condition")).as("%s → %s", name, target).isEqualTo("service_completed_successfully");
            }
            else {
                assertThat(Yaml.at(condition, "condition")).as("%s → %s", name, target).isEqualTo("service_healthy");
                assertThat(Yaml.mapAt(SERVICES.get(target), "healthcheck")).as("%s's healthcheck", target).containsKey("test");
            }
        }));
        for (ServiceModule module : serviceModules()) {
            assertThat(Yaml.mapAt(service(module.artifactId()), "depends_on"))
                .containsOnlyKeys("kafka", "postgres", "keycloak", PROVISIONER);
            assertThat(Yaml.at(service(module.artifactId()), "healthcheck.test").toString()).contains("/readyz", "SERVER_PORT");
        }
        assertThat(Yaml.at(service("portal"), "healthcheck.test").toString()).contains("/readyz", "SERVER_PORT");
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
    void prometheusScrapesEveryServiceAndThePortalOnTheirManagementPortsNeverOnTheApi() {
        Map<String, Object> prometheus = Yaml.load(Repository.read("deploy/prometheus/prometheus.yml"));
        List<ServiceModule> scraped = new ArrayList<>(serviceModules());
        scraped.add(new ServiceModule(Repository.path("services/portal")));
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map<String, Object> job : Yaml.listAt(prometheus, "scrape_configs")) {
            if (String.valueOf(job.get("job_name")).startsWith("cbdf-")) {
                assertThat(job.get("metrics_path")).as("%s", job.get("job_name")).isEqualTo("/actuator/prometheus");
                Yaml.listAt(job, "static_configs").stream().flatMap((config) -> ((List<?>) config.get("targets")).stream())
                    .map(String::valueOf)
                    .forEach((target) -> targets.put(target.substring(0, target.indexOf(':')), target.substring(target.indexOf(':') + 1)));
            }
        }

        assertThat(targets.keySet()).containsExactlyInAnyOrderElementsOf(scraped.stream().map(ServiceModule::artifactId).toList());
        for (ServiceModule module : scraped) {
            assertThat(targets.get(module.artifactId())).as("%s: the API port answers no metric", module.artifactId())
                .isNotEqualTo(environment(module.artifactId()).get("SERVER_PORT"))
                .isEqualTo(environment(module.artifactId()).get("MANAGEMENT_PORT"));
        }
        assertThat(bindMounts(service("grafana"))).containsEntry("./deploy/grafana/dashboards", "/var/lib/grafana/dashboards");
    }

    @Test
    void theActuatorListensOnTheComposeNetworkOnItsLocalStackPortAndIsNotPublished() {
        List<ServiceModule> modules = new ArrayList<>(serviceModules());
        modules.add(new ServiceModule(Repository.path("services/portal")));
        for (ServiceModule module : modules) {
            String port = module.environmentDefaults().get("MANAGEMENT_PORT");
            Map<String, String> environment = environment(module.artifactId());

            assertThat(port).as("%s's default MANAGEMENT_PORT", module.artifactId()).matches("\\d+")
                .isNotEqualTo(module.environmentDefaults().get("SERVER_PORT"));
            assertThat(environment).as(module.artifactId()).containsEntry("MANAGEMENT_PORT", port)
                .containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0");
            Map<String, String> published = publishedPorts(service(module.artifactId()));
            assertThat(published.keySet()).as("%s publishes its management port", module.artifactId()).doesNotContain(port);
            assertThat(published.values()).as("%s publishes its management port", module.artifactId()).doesNotContain(port);
        }
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

    /** A container that runs to its end once, which others wait for (restart "no", no healthcheck). */
    private static boolean isOneShot(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart"))) && !service.containsKey("healthcheck");
    }

    /** user → password of a PlainLoginModule configuration's {@code user_<name>="…"} entries */
    private static Map<String, String> plainUsers(String jaasConfig) {
        assertThat(jaasConfig).as("a PLAIN login configuration").contains("PlainLoginModule required");
        Map<String, String> users = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("\\buser_([A-Za-z0-9-]+)=\"([^\"]*)\"").matcher(jaasConfig);
        while (matcher.find()) {
            users.put(matcher.group(1), matcher.group(2));
        }
        return users;
    }

    /** The URLs of {@code -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=…} in JVM options */
    private static List<String> allowedUrls(String jvmOptions) {
        assertThat(jvmOptions).as("JVM options").isNotNull();
        Matcher matcher = Pattern.compile("-Dorg\\.apache\\.kafka\\.sasl\\.oauthbearer\\.allowed\\.urls=(\\S+)").matcher(jvmOptions);
        return matcher.find() ? List.of(matcher.group(1).split(",")) : List.of();
    }

    private static String applicationName(ServiceModule module) {
        Map<String, Object> applicationYml = Yaml.load(Repository.read(Repository.ROOT.relativize(
                module.directory().resolve(ServiceModule.APPLICATION_YML)).toString()));
        return String.valueOf(Yaml.at(applicationYml, "spring.application.name"));
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
