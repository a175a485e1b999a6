package org.cbdf.dispute.cases;

import java.util.Map;

import org.cbdf.platform.web.Refusal;

/**
 * The procedure refuses a step, in the platform's refusal kinds: not allowed (the caller sees the case but has no
 * right to take this step), a conflict (the step does not fit where the case stands) or invalid content (the field
 * named). The platform's {@code ApiProblems} answers each kind; the domain does not know HTTP.
 */
public class ProcedureException extends Refusal {

    private ProcedureException(Kind kind, String field, String message) {
        super(kind, field, null, message, Map.of());
    }

    public static ProcedureException notAllowed(String message) {
        return new ProcedureException(Kind.NOT_ALLOWED, null, message);
    }

    public static ProcedureException conflict(String message) {
        return new ProcedureException(Kind.CONFLICT, null, message);
    }

    public static ProcedureException invalid(String field, String message) {
        return new ProcedureException(Kind.INVALID, field, message);
    }
}
