package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A body or parameter the API cannot read is refused naming the field and what it should be, in the API's words:
 * no parser message, class name or parser position, and not the value sent.
 */
@SpringBootTest(classes = UnreadableRequestProblemsTests.Api.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cbdf.web.rate-limit.enabled=false",
                "cbdf.security.additional-public-paths=/api/v1/shipments",
                "management.endpoints.web.exposure.include=health" })
class UnreadableRequestProblemsTests {

    /** What a client sent that must not come back to it. */
    static final String SENT = "SENT-7731-<script>";

    enum Mode {
        SEA, AIR
    }

    record Item(int quantity) {
    }

    record Shipment(String name, int count, Mode mode, LocalDate due, OffsetDateTime sent, List<Item> items) {
    }

    @SpringBootApplication
    @RestController
    static class Api {
        @PostMapping("/api/v1/shipments")
        Shipment add(@RequestBody Shipment shipment) {
            return shipment;
        }

        @GetMapping("/api/v1/shipments")
        String list(@RequestParam int limit, @RequestParam(required = false) Mode mode,
                @RequestParam(required = false) UUID after, @RequestParam(required = false) OffsetDateTime from) {
            return "[]";
        }
    }

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    record Unreadable(String what, String body, String query, String field, String reason) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Unreadable> unreadable() {
        String sent = json(SENT);
        return List.of(
                new Unreadable("malformed JSON", "{\"name\": " + sent + " \"count\": 1,,}", null, "$", "malformed JSON"),
                new Unreadable("cut off", "{\"name\": " + sent, null, "$", "malformed JSON"),
                new Unreadable("a string for a number", "{\"count\": " + sent + "}", null, "count", "number"),
                new Unreadable("an object for a string", "{\"name\": {" + sent + ": 1}}", null, "name", "string"),
                new Unreadable("an unknown enum value", "{\"mode\": " + sent + "}", null, "mode", "SEA, AIR"),
                new Unreadable("not a date", "{\"due\": " + sent + "}", null, "due", "date"),
                new Unreadable("not a date-time", "{\"sent\": " + sent + "}", null, "sent", "date-time"),
                new Unreadable("deep in an array", "{\"items\": [{\"quantity\": 1}, {\"quantity\": " + sent + "}]}",
                        null, "items[1].quantity", "number"),
                new Unreadable("an array for the body", "[" + sent + "]", null, "$", "object"),
                new Unreadable("a query parameter not a number", null, "limit=" + SENT, "limit", "number"),
                new Unreadable("a query parameter not an enum value", null, "limit=1&mode=" + SENT, "mode", "SEA, AIR"),
                new Unreadable("a query parameter not a UUID", null, "limit=1&after=" + SENT, "after", "UUID"),
                new Unreadable("a query parameter not a date-time", null, "limit=1&from=" + SENT, "from", "date-time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void isRefusedNamingTheFieldWithoutEchoingInternalsOrTheInput(Unreadable request) throws Exception {
        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo(request.field());
            assertThat(error.path("reason").asString()).contains(request.reason());
        });
        assertThat(internals(problem)).as(response.body()).isEmpty();
    }

    /** Library phrases, Java class names, parser positions and the input sent, wherever they stand in the document. */
    static List<String> internals(JsonNode problem) {
        List<String> texts = new ArrayList<>();
        collect(problem, texts);
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            for (String phrase : List.of(SENT, "SENT-7731", "Jwt", "JSON parse error", "com.fasterxml", "tools.jackson",
                    "nimbus", "Cannot deserialize", "Exception", "java.", "org.", "token '", "Unrecognized")) {
                if (text.contains(phrase)) {
                    found.add(phrase + " in \"" + text + "\"");
                }
            }
            if (CLASS_NAME.matcher(text).find() || POSITION.matcher(text).find()) {
                found.add("a class name or parser position in \"" + text + "\"");
            }
        }
        return found;
    }

    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*");
    private static final Pattern POSITION = Pattern.compile("(?i)\\b(line|column)\\b:? ?\\d");

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isString()) {
            texts.add(node.asString());
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            texts.add(member.getKey());
            collect(member.getValue(), texts);
        }
        if (node.isArray()) {
            node.values().forEach(element -> collect(element, texts));
        }
    }

    private HttpResponse<String> send(Unreadable request) throws Exception {
        String target = "http://127.0.0.1:" + port + "/api/v1/shipments"
                + (request.query() == null ? "" : "?" + request.query().replace("<", "%3C").replace(">", "%3E"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).header("Accept", "application/json");
        if (request.body() != null) {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
