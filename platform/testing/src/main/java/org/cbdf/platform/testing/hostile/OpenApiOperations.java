package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.HostileCases.*;
import static org.cbdf.platform.testing.hostile.Texts.*;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/** The reader: a service's OpenAPI description ({@code /v3/api-docs}) and the operations it lists. */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

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

    static JsonNode resolve(JsonNode apiDocs, JsonNode node) {
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

    static String type(JsonNode schema) {
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
}
