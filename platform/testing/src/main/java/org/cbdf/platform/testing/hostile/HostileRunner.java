package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.HostileCases.*;
import static org.cbdf.platform.testing.hostile.HostileJudge.*;
import static org.cbdf.platform.testing.hostile.OpenApiOperations.*;
import static org.cbdf.platform.testing.hostile.Texts.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.cbdf.platform.testing.ApiDescriptions;
import org.cbdf.platform.testing.StoredRows;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import tools.jackson.databind.JsonNode;

/** The runner: a JUnit container per operation, a test per case, each sent, judged and its stored rows counted. */
public final class HostileRunner {

    private HostileRunner() {
    }

    /** {@code -Dcbdf.hostile.trace=true}: a line per case, its operation, kind and answer. */
    static final boolean TRACE = Boolean.getBoolean("cbdf.hostile.trace");

    /**
     * A container per operation of the service at {@code base}, a test per case: each sent with the token
     * {@code callerOf} names for the operation (one whose role may call it, so that its input is what gets it
     * refused), its answer checked ({@link HostileJudge#problems}), and the rows of {@code database} counted before and after:
     * a refused request stores nothing. Fails at once if the description lacks one of {@code expectedOperations}
     * ({@code "POST /api/v1/transfers"}), so that an empty description cannot pass for a safe API. Leaves the
     * description in {@code target/openapi/} for the linter ({@link ApiDescriptions}).
     */
    public static Stream<DynamicNode> tests(URI base, DataSource database, Function<Endpoint, String> callerOf,
            String... expectedOperations) throws IOException, InterruptedException {
        return tests(base, database, callerOf, Map.of(), expectedOperations);
    }

    /**
     * As {@link #tests(URI, DataSource, Function, String...)}, with path variables that name what exists
     * ({@code id} → a transfer's id): half of the cases use one, so that a hostile request meets a real aggregate and
     * its checks, not only a 404.
     */
    public static Stream<DynamicNode> tests(URI base, DataSource database, Function<Endpoint, String> callerOf,
            Map<String, List<String>> existing, String... expectedOperations) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode apiDocs = apiDocs(http, base);
        ApiDescriptions.save(apiDocs);
        List<Endpoint> endpoints = endpoints(apiDocs);
        Set<String> described = new TreeSet<>(endpoints.stream().map(Endpoint::toString).toList());
        for (String expected : expectedOperations) {
            if (!described.contains(expected)) {
                throw new AssertionError("the API description lacks " + expected + "; it has " + described);
            }
        }
        return endpoints.stream().map(endpoint -> DynamicContainer.dynamicContainer(endpoint.toString(),
                cases(apiDocs, endpoint, existing).stream().map(hostile -> DynamicTest.dynamicTest(hostile.label(),
                        () -> check(http, base, database, endpoint, hostile, callerOf.apply(endpoint))))));
    }

    private static void check(HttpClient http, URI base, DataSource database, Endpoint endpoint, Case hostile,
            String token) throws IOException, InterruptedException {
        Map<String, Long> before = StoredRows.count(database);
        Answer answer = send(http, base, hostile, token);
        if (TRACE) {
            System.out.println("hostile | " + endpoint + " | " + hostile.kind() + " | " + answer.status() + " | "
                    + abbreviate(answer.body().replace('\n', ' '), 200));
        }
        List<String> problems = problems(hostile, answer);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + "\n" + hostile.describe() + "\n  answer: " + answer);
        }
        if (answer.status() >= 400) {
            Map<String, Long> after = StoredRows.count(database);
            if (!after.equals(before)) {
                throw new AssertionError("a refused request stored rows: before " + before + ", after " + after
                        + "\n" + hostile.describe() + "\n  answer: " + answer);
            }
        }
    }

    /**
     * Sends {@code hostile} with {@code token} (none if null) and reads the answer; a server-sent event stream is
     * closed unread.
     */
    public static Answer send(HttpClient http, URI base, Case hostile, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + hostile.target()))
                .timeout(Duration.ofSeconds(30))
                .method(hostile.method(), hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
        hostile.headers().forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = response.body()) {
            byte[] body = contentType.startsWith("text/event-stream") ? new byte[0] : in.readNBytes(1 << 20);
            return new Answer(response.statusCode(), contentType, new String(body, StandardCharsets.UTF_8));
        }
    }
}
