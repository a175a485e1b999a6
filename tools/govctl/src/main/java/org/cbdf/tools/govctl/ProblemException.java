package org.cbdf.tools.govctl;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error answer of the API (RFC 9457 problem document), with the exit code it means and a readable
 * rendering: title, detail, the current status of a refused transition, and each invalid field.
 */
class ProblemException extends GovctlException {

    private final int httpStatus;
    private final JsonNode problem;

    ProblemException(int httpStatus, JsonNode problem, String fallbackBody) {
        super(exitCodeFor(httpStatus), render(httpStatus, problem, fallbackBody));
        this.httpStatus = httpStatus;
        this.problem = problem;
    }

    int httpStatus() {
        return httpStatus;
    }

    JsonNode problem() {
        return problem;
    }

    static int exitCodeFor(int status) {
        return switch (status) {
            case 404 -> ExitCodes.NOT_FOUND;
            case 401 -> ExitCodes.AUTH;
            case 502, 503, 504 -> ExitCodes.UNREACHABLE;
            default -> ExitCodes.REFUSED;
        };
    }

    static ProblemException of(int status, String body) {
        JsonNode problem = null;
        try {
            problem = body == null || body.isBlank() ? null : JsonMapper.builder().build().readTree(body);
        } catch (RuntimeException notJson) {
            // an answer from something other than the API (a proxy): shown as it is
        }
        return new ProblemException(status, problem != null && problem.isObject() ? problem : null, body);
    }

    private static String render(int status, JsonNode problem, String fallbackBody) {
        List<String> lines = new ArrayList<>();
        if (problem == null) {
            lines.add("HTTP " + status + (fallbackBody == null || fallbackBody.isBlank() ? ""
                    : ": " + abbreviate(fallbackBody.strip())));
        } else {
            String title = text(problem, "title");
            String detail = text(problem, "detail");
            lines.add((title == null ? "HTTP " + status : title + " (HTTP " + status + ")")
                    + (detail == null ? "" : ": " + detail));
            String current = text(problem, "currentStatus");
            if (current != null) {
                lines.add("  current status: " + current);
            }
            JsonNode errors = problem.get("errors");
            if (errors != null && errors.isArray()) {
                errors.forEach(error -> lines.add("  - " + text(error, "field") + ": " + text(error, "reason")));
            }
        }
        if (status == 401) {
            lines.add("  run: govctl login");
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
