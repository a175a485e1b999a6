package org.cbdf.policy.review;

import java.util.List;
import java.util.Map;

import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.Refusal;

/**
 * The procedure refuses a step, in the shared refusal's kinds (answered by the platform's {@code ApiProblems}); the
 * domain does not know HTTP. A conflict says where the review or flag stands ({@code currentStatus}).
 */
public class ReviewException extends Refusal {

    private final String currentStatus;

    private ReviewException(Kind kind, String message, String currentStatus, List<FieldError> errors,
            Map<String, ?> members) {
        super(kind, null, message, errors, members);
        this.currentStatus = currentStatus;
    }

    /** Nothing with this id that the caller may see (404): absent and not-yours look the same. */
    static ReviewException notFound(String what) {
        return new ReviewException(Kind.NOT_FOUND, "No " + what + " that you may see.", null, List.of(), Map.of());
    }

    /** The caller sees it but may not take this step (403). */
    public static ReviewException notAllowed(String message) {
        return new ReviewException(Kind.NOT_ALLOWED, message, null, List.of(), Map.of());
    }

    /** The step does not fit where it stands (409). */
    static ReviewException conflict(String currentStatus, String message) {
        return new ReviewException(Kind.CONFLICT, message, currentStatus, List.of(),
                currentStatus == null ? Map.of() : Map.of("currentStatus", currentStatus));
    }

    public static ReviewException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    /** The step's content is wrong (400), each field named. */
    public static ReviewException invalid(List<FieldError> errors) {
        return new ReviewException(Kind.INVALID, Refusal.detail(errors), null, errors, Map.of());
    }

    /** Throws a 400 naming every collected error, if there is any. */
    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    public String currentStatus() {
        return currentStatus;
    }

}
