package org.cbdf.systemtests.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cbdf.tools.devstack.LocalPlatform;
import org.cbdf.tools.devstack.PlatformService;
import org.cbdf.tools.devstack.PortCheck;
import org.cbdf.platform.keycloak.Tokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as the README's first command runs it, started once for all end-to-end test classes
 * of this JVM on free ports: the service jars as processes, one real Kafka broker, real PostgreSQL and the
 * real Keycloak with the governance realm. Stopped when the JVM exits.
 */
final class RunningPlatform {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningPlatform instance;

    final LocalPlatform platform;
    final Tokens tokens;
    /** Receives every service's spans (OTLP/HTTP). */
    final SpanCollector spans;

    private RunningPlatform(LocalPlatform platform, SpanCollector spans) {
        this.platform = platform;
        this.spans = spans;
        this.tokens = Tokens.forIssuer(platform.issuerUri());
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            SpanCollector spans = new SpanCollector(listenPort());
            instance = new RunningPlatform(start(spans), spans);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                instance.platform.close();
                spans.close();
            }));
        }
        return instance;
    }

    private static LocalPlatform start(SpanCollector spans) {
        Path root = Path.of(System.getProperty("cbdf.repository-root", "../..")).toAbsolutePath().normalize();
        try {
            Path target = Files.createDirectories(root.resolve("system-tests/end-to-end/target"));
            Path data = Files.createTempDirectory(target, "platform-");
            List<PlatformService> services = new ArrayList<>();
            for (PlatformService service : PlatformService.DEFAULTS) {
                services.add(service.withPort(listenPort()).withManagementPort(listenPort()));
            }
            LocalPlatform platform = LocalPlatform.builder(data)
                    .repositoryRoot(root)
                    .kafkaPort(listenPort())
                    .kafkaControllerPort(listenPort())
                    .postgresPort(listenPort())
                    .keycloakPort(listenPort())
                    .keycloakManagementPort(listenPort())
                    .services(services)
                    .serviceStartTimeout(Duration.ofMinutes(4))
                    .serviceEnvironment(java.util.Map.of(
                            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", spans.endpoint(),
                            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms",
                            "LOGGING_LEVEL_ORG_CBDF_PLATFORM_MESSAGING", "DEBUG"))
                    .build();
            platform.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.Set<Integer> handedOut = new java.util.HashSet<>();
    private static int nextPort = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(5_000);

    /**
     * A free port below the kernel's ephemeral range (32768 and up on Linux): ports from the ephemeral range
     * can be taken by any outgoing connection (Kafka clients open many) between choosing and binding them.
     */
    private static synchronized int listenPort() {
        while (nextPort < 32_000) {
            int port = nextPort++;
            if (!handedOut.contains(port) && PortCheck.isFree(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port below 32000");
    }

    /** An access token from the real Keycloak for a demo user (password {@code demo}). */
    String token(String user) {
        return tokens.passwordGrant("govctl", user, "demo");
    }

    URI service(String name, String path) {
        return URI.create(platform.serviceBaseUrl(name) + path);
    }

    /** On the service's actuator port (metrics, health in detail): loopback only, no token. */
    URI management(String name, String path) {
        return URI.create(platform.service(name).managementUrl() + path);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(URI uri, String token) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build());
    }

    HttpResponse<String> post(URI uri, String token, String json) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** GET that must answer 200, as JSON. */
    JsonNode read(URI uri, String token) {
        HttpResponse<String> response = get(uri, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
