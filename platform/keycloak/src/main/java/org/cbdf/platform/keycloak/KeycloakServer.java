package org.cbdf.platform.keycloak;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The real Keycloak server, run from the {@code keycloak-quarkus-dist} zip as a child process in
 * development mode, with a realm export imported on first start.
 *
 * <p>Everything lives under the work directory: the unpacked distribution (reused between runs), its
 * dev-mode H2 database in {@code <home>/data/h2} (so users and sessions survive a restart unless
 * {@link Builder#freshData(boolean) freshData} is set) and the server's log. The issuer is fixed to
 * {@code http://127.0.0.1:<port>/realms/<realm>} whatever host a request names.
 *
 * <pre>{@code
 * try (KeycloakServer keycloak = KeycloakServer.builder().workDirectory(dir).port(8180).build()) {
 *     keycloak.start();
 *     String token = keycloak.tokens().passwordGrant("govctl", "enterprise-cn", "demo");
 * }
 * }</pre>
 *
 * Nothing global is registered (no shutdown hook): whoever starts the server stops it.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String DEFAULT_REALM = "governance";
    public static final String DEFAULT_REALM_RESOURCE = "/realm/governance-realm.json";
    /** Users and clients of the local stack only (password {@code demo}, committed secrets). */
    public static final String DEMO_DATA_RESOURCE = "/realm/governance-demo.json";
    public static final int DEFAULT_PORT = 8180;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static final String HOST = "127.0.0.1";
    private static final int LOG_LINES_ON_FAILURE = 40;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path workDirectory;
    private final int port;
    private final int managementPort;
    private final String realm;
    private final String realmResource;
    private final Path realmFile;
    private final Path distributionZip;
    private final Duration startupTimeout;
    private final String adminUsername;
    private final String adminPassword;
    private final boolean freshData;
    private final String demoDataResource;
    private final Map<String, String> environment;
    private final List<String> additionalArguments;
    private final Path logFile;

    private Process process;
    private Path home;
    private Duration startupDuration;

    private KeycloakServer(Builder builder) {
        this.workDirectory = Objects.requireNonNull(builder.workDirectory, "workDirectory is required").toAbsolutePath();
        this.port = builder.port;
        this.managementPort = builder.managementPort > 0 ? builder.managementPort : builder.port + 1000;
        this.realm = builder.realm;
        this.realmResource = builder.realmResource;
        this.realmFile = builder.realmFile;
        this.distributionZip = builder.distributionZip;
        this.startupTimeout = builder.startupTimeout;
        this.adminUsername = builder.adminUsername;
        this.adminPassword = builder.adminPassword;
        this.freshData = builder.freshData;
        this.demoDataResource = builder.demoDataResource;
        this.environment = Map.copyOf(builder.environment);
        this.additionalArguments = List.copyOf(builder.additionalArguments);
        this.logFile = workDirectory.resolve("keycloak.log");
        if (port == managementPort) {
            throw new IllegalArgumentException("port and managementPort must differ: both are " + port);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Unpacks the distribution if needed, starts Keycloak and blocks until the realm's OIDC discovery
     * document answers.
     *
     * @throws IllegalStateException if a port is taken, the distribution is missing, or the server
     *                               exits or does not become ready in time (the message carries the
     *                               end of its log)
     */
    public synchronized KeycloakServer start() {
        if (process != null) {
            throw new IllegalStateException("Keycloak is already running on port " + port);
        }
        requirePortFree(port, "HTTP");
        requirePortFree(managementPort, "management");
        Instant begin = Instant.now();
        try {
            Files.createDirectories(workDirectory);
            Path zip = distributionZip != null ? distributionZip : KeycloakDistribution.locateZip(KeycloakDistribution.version());
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Keycloak distribution zip " + zip + " does not exist");
            }
            home = KeycloakDistribution.unpackOnce(zip, workDirectory);
            if (freshData) {
                KeycloakDistribution.deleteRecursively(home.resolve("data"));
            }
            installRealm(home.resolve("data").resolve("import"));
            process = command().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak in " + workDirectory, e);
        }
        awaitReady(begin);
        startupDuration = Duration.between(begin, Instant.now());
        return this;
    }

    /** Stops the server and its child processes: a graceful termination first, then a forced one. */
    public synchronized void stop() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        // kc.sh forwards TERM to its JVM, but the JVM is told directly too in case the script is gone
        List<ProcessHandle> tree = Stream.concat(running.descendants(), Stream.of(running.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, STOP_GRACE)) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String realm() {
        return realm;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://" + HOST + ":" + port;
    }

    /** {@code http://127.0.0.1:<port>/realms/<realm>}: the {@code iss} of every token. */
    public String issuerUri() {
        return baseUrl() + "/realms/" + realm;
    }

    public String discoveryUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String authorizationEndpoint() {
        return issuerUri() + "/protocol/openid-connect/auth";
    }

    public String jwksUri() {
        return issuerUri() + "/protocol/openid-connect/certs";
    }

    /** Token requests against this server's realm. */
    public Tokens tokens() {
        return Tokens.at(tokenEndpoint());
    }

    /** Where the server's stdout and stderr go (rewritten on every start). */
    public Path logFile() {
        return logFile;
    }

    /** The unpacked distribution, or null before the first start. */
    public synchronized Path home() {
        return home;
    }

    /** How long the last {@link #start()} took until the realm answered, or null. */
    public synchronized Duration startupDuration() {
        return startupDuration;
    }

    /** The last lines of the server log, for failure messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log at " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** True when nothing listens on the port, on the loopback nor on the wildcard address. */
    public static boolean isPortFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** A port the operating system considers free right now (for tests). */
    public static int findFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void requirePortFree(int port, String purpose) {
        if (!isPortFree(port)) {
            throw new IllegalStateException("Cannot start Keycloak: " + purpose + " port " + port
                    + " is already in use (another Keycloak or stack still running?)");
        }
    }

    private void installRealm(Path importDirectory) throws IOException {
        Files.createDirectories(importDirectory);
        Path target = importDirectory.resolve(realm + "-realm.json");
        byte[] export;
        if (realmFile != null) {
            export = Files.readAllBytes(realmFile);
        } else {
            export = resource(realmResource);
        }
        if (demoDataResource != null) {
            export = withDemoData(export, resource(demoDataResource));
        }
        Files.write(target, export);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Realm export " + name + " not found on the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** The realm export with the demo file's clients and users added (the export itself has none of either kind). */
    static byte[] withDemoData(byte[] export, byte[] demo) {
        tools.jackson.databind.ObjectMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode realm = (tools.jackson.databind.node.ObjectNode) json.readTree(export);
        tools.jackson.databind.JsonNode additions = json.readTree(demo);
        for (String list : List.of("clients", "users")) {
            tools.jackson.databind.node.ArrayNode target = realm.has(list) ? (tools.jackson.databind.node.ArrayNode) realm.get(list)
                    : realm.putArray(list);
            additions.path(list).forEach(target::add);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(realm);
    }

    private ProcessBuilder command() {
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh", home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev",
                "--import-realm",
                "--http-enabled=true",
                "--http-host=" + HOST,
                "--http-port=" + port,
                // a full URL: issuer and endpoints never follow the request's Host header
                "--hostname=" + baseUrl(),
                "--health-enabled=true",
                "--http-management-port=" + managementPort));
        command.addAll(additionalArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        // settings meant for some other Keycloak or JVM must not leak into this one
        environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
                || name.equals("JAVA_OPTS") || name.equals("JAVA_OPTS_KC_HEAP") || name.equals("JAVA_ADD_OPENS"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // the realm export's placeholders (client secrets), resolved by Keycloak at import
        environment.putAll(this.environment);
        return builder;
    }

    private void awaitReady(Instant begin) {
        Instant deadline = begin.plus(startupTimeout);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest discovery = HttpRequest.newBuilder(URI.create(discoveryUri()))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            while (true) {
                if (!process.isAlive()) {
                    int exitCode = process.exitValue();
                    process = null;
                    throw new IllegalStateException("Keycloak exited with code " + exitCode + " before it was ready. Last "
                            + LOG_LINES_ON_FAILURE + " lines of " + logFile + ":" + System.lineSeparator()
                            + logTail(LOG_LINES_ON_FAILURE));
                }
                if (answers(http, discovery)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    stop();
                    throw new IllegalStateException("Keycloak did not serve " + discoveryUri() + " within " + startupTimeout
                            + ". Last " + LOG_LINES_ON_FAILURE + " lines of " + logFile + ":" + System.lineSeparator()
                            + logTail(LOG_LINES_ON_FAILURE));
                }
                waitForExit(process, POLL_INTERVAL);
            }
        }
    }

    private static boolean answers(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    /** Waits at most {@code timeout} for the process to end: the pause between two readiness polls. */
    private static void waitForExit(Process process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // the normal case while Keycloak boots
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle handle : processes) {
            long remaining = Duration.between(Instant.now(), deadline).toMillis();
            if (remaining <= 0) {
                return processes.stream().noneMatch(ProcessHandle::isAlive);
            }
            try {
                handle.onExit().get(remaining, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + issuerUri() + ", home=" + home + ", log=" + logFile + "]";
    }

    /** Configuration of a {@link KeycloakServer}; only the work directory is required. */
    public static final class Builder {

        private Path workDirectory;
        private int port = DEFAULT_PORT;
        private int managementPort;
        private String realm = DEFAULT_REALM;
        private String realmResource = DEFAULT_REALM_RESOURCE;
        private Path realmFile;
        private Path distributionZip;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private String adminUsername = "admin";
        private String adminPassword = "admin";
        private boolean freshData;
        private String demoDataResource;
        private final Map<String, String> environment = new java.util.HashMap<>();
        private final List<String> additionalArguments = new ArrayList<>();

        private Builder() {
        }

        /** Holds the unpacked distribution (with its H2 data) and the log. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        /** HTTP port on 127.0.0.1; default 8180. */
        public Builder port(int port) {
            this.port = requirePort(port);
            return this;
        }

        /** Port of the management interface (health); default {@code port + 1000}. */
        public Builder managementPort(int managementPort) {
            this.managementPort = requirePort(managementPort);
            return this;
        }

        /** The realm the import creates; it names the issuer and the readiness probe. Default {@code governance}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm);
            return this;
        }

        /** Classpath location of the realm export; default {@value KeycloakServer#DEFAULT_REALM_RESOURCE}. */
        public Builder realmResource(String realmResource) {
            this.realmResource = Objects.requireNonNull(realmResource);
            this.realmFile = null;
            return this;
        }

        /** A realm export on disk instead of the classpath resource. */
        public Builder realmFile(Path realmFile) {
            this.realmFile = Objects.requireNonNull(realmFile);
            return this;
        }

        /** An explicit distribution zip, instead of {@code KEYCLOAK_DIST_ZIP} or the local Maven repository. */
        public Builder distributionZip(Path distributionZip) {
            this.distributionZip = distributionZip;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** The master realm's bootstrap administrator, created on the first start only; default admin/admin. */
        public Builder bootstrapAdmin(String username, String password) {
            this.adminUsername = Objects.requireNonNull(username);
            this.adminPassword = Objects.requireNonNull(password);
            return this;
        }

        /**
         * Discard the database of an earlier run so the realm is imported afresh (tests). Without it an
         * existing realm is kept as is: an edited export is then not re-imported.
         */
        public Builder freshData(boolean freshData) {
            this.freshData = freshData;
            return this;
        }

        /**
         * Adds the demo data of the local stack to the realm before it is imported: the users with the password
         * {@code demo} and the demo clients of {@value KeycloakServer#DEMO_DATA_RESOURCE}. Never for a deployment.
         */
        public Builder demoData(boolean demoData) {
            this.demoDataResource = demoData ? DEMO_DATA_RESOURCE : null;
            return this;
        }

        /** Environment variables of the Keycloak process: the values of the realm export's {@code ${...}} placeholders. */
        public Builder environment(Map<String, String> environment) {
            this.environment.putAll(environment);
            return this;
        }

        /** Extra {@code kc.sh start-dev} options, e.g. {@code --log-level=org.keycloak.events:debug}. */
        public Builder additionalArguments(String... arguments) {
            this.additionalArguments.addAll(List.of(arguments));
            return this;
        }

        public KeycloakServer build() {
            return new KeycloakServer(this);
        }

        private static int requirePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            return port;
        }
    }
}
