package org.cbdf.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A domain's refusal of a command or a query, in the domain's words: which kind of no it is, what to tell the caller,
 * and what it concerns. The domain throws it and knows nothing of HTTP; {@link ApiProblems} answers every kind with
 * its problem document (RFC 9457), the same way in every service. A refusal is the caller's to fix or to accept, so
 * it is never logged as an error.
 */
public class Refusal extends RuntimeException {

    /** What kind of no: the API answers each with one status and one title, in every service. */
    public enum Kind {
        /** The command's content is wrong; {@link Refusal#errors()} names each field and why (400 Invalid request). */
        INVALID,
        /** The caller may not take this step, or may not see the subject (403 Not allowed). */
        NOT_ALLOWED,
        /** The subject does not exist, or the caller may not know it exists (404). */
        NOT_FOUND,
        /** The step does not fit where the subject stands now (409 Not possible now). */
        CONFLICT,
        /** The caller's copy is older than the stored one (412 Precondition failed). */
        STALE
    }

    private final Kind kind;
    private final List<FieldError> errors;
    private final String title;
    private final Map<String, Object> properties;

    /** A refusal naming at most one field: {@code field} with {@code message} as its reason, or none when null. */
    protected Refusal(Kind kind, String field, String title, String message, Map<String, ?> properties) {
        this(kind, title, message, field == null ? List.of() : List.of(new FieldError(field, message)), properties);
    }

    protected Refusal(Kind kind, String title, String message, List<FieldError> errors, Map<String, ?> properties) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errors = List.copyOf(errors);
        this.title = title;
        this.properties = Map.copyOf(properties);
        if (kind == Kind.INVALID && this.errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid command names at least one field");
        }
    }

    public static Refusal invalid(String field, String message) {
        return invalid(List.of(new FieldError(Objects.requireNonNull(field, "field"), message)));
    }

    /** Every bad field with its reason; the detail lists them as {@code field: reason; …}. */
    public static Refusal invalid(List<FieldError> errors) {
        return new Refusal(Kind.INVALID, null, detail(errors), errors, Map.of());
    }

    /** The detail of an invalid command's problem document: {@code field: reason}, joined by {@code ; }. */
    public static String detail(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
    }

    public static Refusal notAllowed(String message) {
        return new Refusal(Kind.NOT_ALLOWED, null, null, message, Map.of());
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, null, null, message, Map.of());
    }

    public static Refusal stale(String message) {
        return new Refusal(Kind.STALE, null, null, message, Map.of());
    }

    /**
     * An unknown subject: {@code title} names it ("Transfer not found"), {@code property} and {@code id} go into the
     * problem document ({@code "transferId": "…"}) so that a client can tell which one without parsing the detail.
     */
    public static Refusal notFound(String title, String property, Object id, String message) {
        return new Refusal(Kind.NOT_FOUND, null, title, message, Map.of(property, String.valueOf(id)));
    }

    public Kind kind() {
        return kind;
    }

    /** The fields an {@link Kind#INVALID} refusal names, each with its reason; empty for the other kinds. */
    public List<FieldError> errors() {
        return errors;
    }

    /** A title more specific than the kind's ("Dispute not found"), or null for the kind's own. */
    public String title() {
        return title;
    }

    /** Extra members of the problem document. */
    public Map<String, Object> properties() {
        return properties;
    }
}
