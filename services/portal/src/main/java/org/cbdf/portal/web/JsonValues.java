package org.cbdf.portal.web;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Values of the APIs' JSON as the pages print them; templates call it as {@code @values}. */
@Component("values")
public class JsonValues {

    /** An array of strings as {@code EU, JP}; anything else as its text. */
    public String join(JsonNode array) {
        if (array == null || array.isNull() || array.isMissingNode()) {
            return "";
        }
        if (!array.isArray()) {
            return array.asString();
        }
        return String.join(", ", array.valueStream().map(JsonValues::text).toList());
    }

    /** A value's text: strings as they are, other values as JSON. */
    public static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? ""
                : value.isString() || value.isNumber() || value.isBoolean() ? value.asString() : value.toString();
    }

    /** An array's values as texts (none for anything else). */
    public java.util.List<String> strings(JsonNode array) {
        return array == null || !array.isArray() ? java.util.List.of()
                : array.valueStream().map(JsonValues::text).toList();
    }

    /** Whether the recognition map's {@code mutual} pairs name this adequacy decision (one half of mutual adequacy). */
    public boolean mutualDecision(JsonNode map, JsonNode decision) {
        String id = text(decision);
        return !id.isEmpty() && map != null && map.path("mutual").valueStream()
                .anyMatch(pair -> strings(pair.path("decisions")).contains(id));
    }

    public String of(JsonNode value) {
        return text(value);
    }
}
