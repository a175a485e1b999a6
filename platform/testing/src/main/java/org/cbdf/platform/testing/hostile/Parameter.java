package org.cbdf.platform.testing.hostile;

import tools.jackson.databind.JsonNode;

/** A parameter of an operation: {@code in} is {@code path}, {@code query} or {@code header}. */
public record Parameter(String name, String in, boolean required, JsonNode schema) {
}
