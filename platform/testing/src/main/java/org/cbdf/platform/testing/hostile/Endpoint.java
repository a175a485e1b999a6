package org.cbdf.platform.testing.hostile;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

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
