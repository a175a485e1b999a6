package org.cbdf.dispute.cases;

/**
 * The procedure refuses a step. The web adapter answers each kind with its problem document; the domain does not
 * know HTTP.
 */
public class ProcedureException extends RuntimeException {

    public enum Kind {
        /** The caller sees the case but has no right to take this step (403). */
        NOT_ALLOWED,
        /** The step does not fit where the case stands (409). */
        CONFLICT,
        /** The step's content is wrong; {@link #field()} names what (400). */
        INVALID
    }

    private final Kind kind;
    private final String field;

    ProcedureException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static ProcedureException notAllowed(String message) {
        return new ProcedureException(Kind.NOT_ALLOWED, null, message);
    }

    static ProcedureException conflict(String message) {
        return new ProcedureException(Kind.CONFLICT, null, message);
    }

    static ProcedureException invalid(String field, String message) {
        return new ProcedureException(Kind.INVALID, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
