package org.cbdf.policy.review;

import java.util.List;

import org.cbdf.platform.web.FieldError;

/**
 * The procedure refuses a step. The web adapter answers each kind with its problem document; the domain does not
 * know HTTP.
 */
public class ReviewException extends RuntimeException {

    public enum Kind {
        /** Nothing with this id that the caller may see (404). */
        NOT_FOUND,
        /** The caller sees it but may not take this step (403). */
        NOT_ALLOWED,
        /** The step does not fit where it stands (409); {@link #currentStatus()} says where. */
        CONFLICT,
        /** The step's content is wrong; {@link #errors()} names each field (400). */
        INVALID
    }

    private final Kind kind;
    private final String currentStatus;
    private final List<FieldError> errors;

    private ReviewException(Kind kind, String message, String currentStatus, List<FieldError> errors) {
        super(message);
        this.kind = kind;
        this.currentStatus = currentStatus;
        this.errors = List.copyOf(errors);
    }

    static ReviewException notFound(String what) {
        return new ReviewException(Kind.NOT_FOUND, "No " + what + " that you may see.", null, List.of());
    }

    static ReviewException notAllowed(String message) {
        return new ReviewException(Kind.NOT_ALLOWED, message, null, List.of());
    }

    static ReviewException conflict(String currentStatus, String message) {
        return new ReviewException(Kind.CONFLICT, message, currentStatus, List.of());
    }

    static ReviewException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    static ReviewException invalid(List<FieldError> errors) {
        return new ReviewException(Kind.INVALID, errors.stream().map(e -> e.field() + ": " + e.reason())
                .reduce((a, b) -> a + "; " + b).orElse("invalid"), null, errors);
    }

    /** Throws a 400 naming every collected error, if there is any. */
    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    public Kind kind() {
        return kind;
    }

    public String currentStatus() {
        return currentStatus;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
