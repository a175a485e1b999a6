package org.cbdf.systemtests.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cbdf.platform.messaging.MessagingDefaults;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The repository this module is built from: the files the deployment descriptors must agree with.
 */
final class Repository {

    static final Path ROOT = findRoot();

    /** {@code ${NAME:default}}, or {@code ${NAME}} without one: a variable every deployment must set. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every Spring Boot service of the repository: services/<name>/<name>-service with an application.yml. */
    static List<ServiceModule> services() {
        try (Stream<Path> dirs = Files.list(path("services"))) {
            return dirs.map((dir) -> dir.resolve(dir.getFileName() + "-service"))
                .filter((module) -> Files.isRegularFile(module.resolve(ServiceModule.APPLICATION_YML)))
                .sorted(Comparator.comparing(Path::toString))
                .map(ServiceModule::new)
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The variables event-bus-provisioner reads: its picocli defaults {@code ${env:NAME…}}, and the password. */
    static Set<String> provisionerEnvironment() {
        String source = read("platform/event-bus/src/main/java/org/cbdf/platform/eventbus/ProvisionCommand.java");
        Set<String> variables = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)|environment\\.get\\(\"([A-Z][A-Z0-9_]*)\"\\)").matcher(source);
        while (matcher.find()) {
            variables.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        if (!variables.containsAll(Set.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_ADMIN_PASSWORD"))) {
            throw new IllegalStateException("ProvisionCommand reads neither KAFKA_BOOTSTRAP_SERVERS nor KAFKA_ADMIN_PASSWORD "
                    + "from the environment any more: " + variables);
        }
        return variables;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("helm/cbdf/Chart.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (with helm/cbdf/Chart.yaml) above " + Path.of("").toAbsolutePath());
    }

    /** One service module and the environment its application.yml reads. */
    record ServiceModule(Path directory) {

        static final String APPLICATION_YML = "src/main/resources/application.yml";

        static final Set<String> STACK_CONTRACT = Set.of("SERVER_PORT", "DB_URL", "DB_USERNAME", "DB_PASSWORD",
                "DB_OWNER_USERNAME", "DB_OWNER_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "OIDC_ISSUER_URI", "OIDC_AUDIENCE");

        /**
         * Variables a deployment may set although no placeholder reads them: the JVM's, and Spring Boot's
         * relaxed binding of properties that have no placeholder.
         */
        static boolean readWithoutPlaceholder(String variable) {
            return variable.equals("JAVA_TOOL_OPTIONS") || variable.startsWith("SPRING_") || variable.startsWith("CBDF_")
                    || variable.startsWith("MANAGEMENT_") || variable.startsWith("OTEL_");
        }

        /** "transfer" for services/transfer/transfer-service. */
        String name() {
            return directory.getParent().getFileName().toString();
        }

        String artifactId() {
            return directory.getFileName().toString();
        }

        /**
         * What every deployment must set: the stack's contract (docs/service-conventions.md), any credential
         * with a development default, and anything whose default points at the developer's machine (127.0.0.1
         * inside a container is the container itself). The rest (DISPUTE_PANEL_SIZE, TRANSFER_EXPIRY_CHECK,
         * an optional AUDIT_SIGNING_KEYSTORE_PASSWORD …) are tunables whose defaults hold anywhere.
         */
        Set<String> requiredEnvironment() {
            Set<String> required = new TreeSet<>();
            environmentDefaults().forEach((variable, fallback) -> {
                if (fallback == null) {
                    required.add(variable);
                    return;
                }
                boolean devCredential = variable.matches(".*(PASSWORD|USERNAME|SECRET).*") && !fallback.isEmpty();
                if (STACK_CONTRACT.contains(variable) || devCredential || fallback.contains("127.0.0.1")
                        || fallback.contains("localhost")) {
                    required.add(variable);
                }
            });
            return required;
        }

        /** Switches meant for a developer's machine only ({@code AUDIT_SIGNING_DEV_MODE}): a cluster turns them off. */
        Set<String> developmentSwitches() {
            Set<String> switches = new TreeSet<>(environmentDefaults().keySet());
            switches.removeIf((variable) -> !variable.endsWith("_DEV_MODE"));
            return switches;
        }

        /**
         * Each environment variable the service reads through a {@code ${VAR:default}} placeholder, with its default;
         * null for a {@code ${VAR}} without one.
         */
        Map<String, String> environmentDefaults() {
            Map<String, String> defaults = new LinkedHashMap<>();
            Matcher matcher;
            try {
                matcher = PLACEHOLDER.matcher(Files.readString(directory.resolve(APPLICATION_YML)));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            while (matcher.find()) {
                defaults.put(matcher.group(1), matcher.group(2));
            }
            if (usesPlatformMessaging()) {
                PLATFORM_MESSAGING_DEFAULTS.forEach(defaults::putIfAbsent);
            }
            return defaults;
        }

        boolean usesPlatformMessaging() {
            try {
                return Files.readString(directory.resolve("pom.xml")).contains("<artifactId>platform-messaging</artifactId>");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * What platform/messaging's defaults read from the environment (Kafka's credentials: KAFKA_CLIENT_SECRET,
         * KAFKA_TOKEN_ENDPOINT …), as the running service would: the post-processor applied to an empty environment.
         */
        private static final Map<String, String> PLATFORM_MESSAGING_DEFAULTS = platformMessagingDefaults();

        private static Map<String, String> platformMessagingDefaults() {
            StandardEnvironment environment = new StandardEnvironment();
            Set<String> before = new java.util.HashSet<>();
            environment.getPropertySources().forEach((source) -> before.add(source.getName()));
            new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
            Map<String, String> defaults = new LinkedHashMap<>();
            environment.getPropertySources().stream()
                .filter((source) -> !before.contains(source.getName()))
                .map(EnumerablePropertySource.class::cast)
                .forEach((source) -> {
                    for (String property : source.getPropertyNames()) {
                        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(source.getProperty(property)));
                        while (matcher.find()) {
                            defaults.put(matcher.group(1), matcher.group(2));
                        }
                    }
                });
            if (defaults.isEmpty()) {
                throw new IllegalStateException("platform/messaging's defaults read no environment variable: renamed?");
            }
            return defaults;
        }
    }
}
