package org.cbdf.portal.apis;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An API's refusal, read from its RFC 9457 problem document: the status, title and detail, the bad fields
 * ({@code errors[{field, reason}]}) and, for a transfer's transition refused, its current status. The whole
 * document is kept for the members a form reads itself (a rule pack's {@code rule}, {@code line} and
 * {@code column}). Shown to the user next to the form that caused it.
 */
public record ApiProblem(int status, String title, String detail, Map<String, String> fieldErrors,
        String currentStatus, JsonNode document) {

    public static ApiProblem read(int status, JsonNode body) {
        if (body == null || !body.isObject()) {
            return new ApiProblem(status, null, null, Map.of(), null, JsonNodeFactory.instance.objectNode());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.path("errors").valueStream().forEach(error -> fields.merge(error.path("field").asString(),
                error.path("reason").asString(), (first, second) -> first + "; " + second));
        return new ApiProblem(status, text(body, "title"), text(body, "detail"), Map.copyOf(fields),
                text(body, "currentStatus"), body);
    }

    /** The reason given for a form field: {@code conditions} also collects {@code conditions[2]}. */
    public String fieldError(String field) {
        return fieldErrors.entrySet().stream()
                .filter(e -> e.getKey().equals(field) || e.getKey().startsWith(field + "["))
                .map(e -> e.getKey().equals(field) ? e.getValue() : e.getKey() + ": " + e.getValue())
                .reduce((first, second) -> first + "; " + second).orElse(null);
    }

    /** A member of the document beyond RFC 9457's own, or null. */
    public String member(String name) {
        return text(document, name);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
