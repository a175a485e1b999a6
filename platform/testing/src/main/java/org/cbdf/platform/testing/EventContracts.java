package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract test of an {@code -events} module: every event type it publishes a JSON Schema for has its record, and
 * an event of the type's earliest shape (what its first producer wrote: the schema's required members only, each with
 * its least value) validates against the schema, reads into the record, and the record writes it back as a document
 * the schema accepts. Additive evolution keeps that true: a member added later is optional, so an event written
 * before it existed still reads, and a consumer built against the schema still reads what the record writes.
 */
public final class EventContracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values tried, in order, for a string member with a pattern: the patterns the platform's schemas use. */
    private static final List<String> PATTERNED = List.of("CN", "CN-SH", "acme-cn",
            "00000000-0000-4000-8000-000000000000", "0".repeat(64), "sha256:" + "0".repeat(64),
            "A".repeat(43) + "=", "AAAA");

    private EventContracts() {
    }

    /**
     * The problems found over every type of the module: an empty list when the records and the schemas agree.
     *
     * @param records the record of each event type ({@code "dispute.opened.v1" -> DisputeOpened.class}); every
     *        schema of the module ({@code /schemas/<type>.json} beside {@code anyRecord}'s classes) must have one
     */
    public static List<String> problems(Map<String, Class<?>> records) {
        List<String> problems = new ArrayList<>();
        Set<String> schemas = schemaTypes(records.values().iterator().next());
        for (String type : schemas) {
            if (!records.containsKey(type)) {
                problems.add(type + ": a schema without a record in the contract test");
            }
        }
        records.forEach((type, record) -> {
            if (!schemas.contains(type)) {
                problems.add(type + ": no schema /schemas/" + type + ".json");
                return;
            }
            problems.addAll(problems(type, record));
        });
        return problems;
    }

    /** The problems of one type: its earliest shape against the schema, through the record and back. */
    public static List<String> problems(String type, Class<?> record) {
        List<String> problems = new ArrayList<>();
        JsonNode earliest = earliestShape(type);
        JsonSchemas.problems(type, earliest.toString()).forEach(problem ->
                problems.add(type + ": the earliest shape " + earliest + " is not valid: " + problem));
        Object read;
        try {
            read = JSON.treeToValue(earliest, record);
        } catch (RuntimeException e) {
            problems.add(type + ": the earliest shape " + earliest + " does not read into " + record.getSimpleName()
                    + ": " + e.getMessage());
            return problems;
        }
        String written = JSON.writeValueAsString(read);
        JsonSchemas.problems(type, written).forEach(problem -> problems.add(type + ": " + record.getSimpleName()
                + " writes " + written + ", which the schema refuses: " + problem));
        return problems;
    }

    /** An event of {@code type} as its first producer wrote it: the schema's required members, each its least value. */
    public static JsonNode earliestShape(String type) {
        JsonNode schema = schema(type);
        return least(schema, schema);
    }

    private static JsonNode least(JsonNode node, JsonNode root) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            return least(root.at(ref.substring(1)), root);
        }
        if (node.has("const")) {
            return node.get("const");
        }
        if (node.has("enum")) {
            return node.get("enum").get(0);
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            if (node.has(alternatives) && !node.has("type") && !node.has("properties")) {
                return least(node.get(alternatives).get(0), root);
            }
        }
        String type = type(node);
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (JsonNode required : node.path("required")) {
                    String name = required.asString();
                    object.set(name, least(node.path("properties").path(name), root));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < node.path("minItems").asInt(0); i++) {
                    array.add(least(node.path("items"), root));
                }
                yield array;
            }
            case "integer", "number" -> NODES.numberNode(node.has("minimum") ? node.get("minimum").asLong()
                    : node.has("exclusiveMinimum") ? node.get("exclusiveMinimum").asLong() + 1 : 0);
            case "boolean" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(leastString(node));
        };
    }

    private static String type(JsonNode node) {
        JsonNode type = node.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!one.asString().equals("null")) {
                    return one.asString();
                }
            }
            return "null";
        }
        if (type.isString()) {
            return type.asString();
        }
        return node.has("properties") || node.has("required") ? "object" : node.has("items") ? "array" : "string";
    }

    private static String leastString(JsonNode node) {
        String format = node.path("format").asString("");
        switch (format) {
            case "date-time":
                return "2026-01-01T00:00:00Z";
            case "date":
                return "2026-01-01";
            case "uri":
                return "urn:cbdf:test";
            case "uuid":
                return "00000000-0000-4000-8000-000000000000";
            default:
                break;
        }
        int minLength = Math.max(1, node.path("minLength").asInt(1));
        if (node.has("pattern")) {
            Pattern pattern = Pattern.compile(node.get("pattern").asString());
            return PATTERNED.stream().filter(value -> pattern.matcher(value).find())
                    .filter(value -> value.length() >= minLength).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no value for the pattern " + pattern
                            + ": add one to EventContracts.PATTERNED"));
        }
        return "x".repeat(minLength);
    }

    private static JsonNode schema(String type) {
        try (InputStream in = EventContracts.class.getResourceAsStream("/schemas/" + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema on the classpath at /schemas/" + type + ".json");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types whose schemas lie beside {@code record}'s classes (its module's {@code /schemas/}). */
    private static Set<String> schemaTypes(Class<?> record) {
        URL classes = record.getProtectionDomain().getCodeSource().getLocation();
        try {
            Path schemas = Path.of(classes.toURI()).resolve("schemas");
            Set<String> types = new TreeSet<>();
            try (Stream<Path> files = Files.list(schemas)) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                        .forEach(name -> types.add(name.substring(0, name.length() - ".json".length())));
            }
            return types;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the schemas of the module of " + record.getName()
                    + " (run from its -events module's tests, where its classes are a directory)", e);
        }
    }
}
