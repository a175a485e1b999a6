package org.cbdf.portal;

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

    public String of(JsonNode value) {
        return text(value);
    }
}
