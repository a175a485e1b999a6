package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.Texts.*;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The judge: what every answer must be. Never a server error; an error is an RFC 9457 problem document whose
 * {@code status} is the HTTP status; a case marked {@link Expect#REFUSED} is refused, one marked
 * {@link Expect#TOO_LARGE} is 413.
 */
public final class HostileJudge {

    private HostileJudge() {
    }

    static final String PROBLEM_JSON = "application/problem+json";

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
}
