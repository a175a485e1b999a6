package org.cbdf.audit.ledger;

import java.util.Map;

import org.cbdf.platform.web.Refusal;

/**
 * A request the ledger cannot answer as asked: a bad parameter, or something that does not exist or does not exist
 * yet. Platform web's {@code ApiProblems} answers it like every service's refusal (400, 404, 409).
 */
public final class LedgerRefusal extends Refusal {

    private LedgerRefusal(Kind kind, String field, String message) {
        super(kind, field, null, message, Map.of());
    }

    public static LedgerRefusal invalid(String field, String reason) {
        return new LedgerRefusal(Kind.INVALID, field, reason);
    }

    /** Not found, without naming the subject in a member of its own: the detail says what is missing. */
    public static LedgerRefusal notFound(String detail) {
        return new LedgerRefusal(Kind.NOT_FOUND, null, detail);
    }

    public static LedgerRefusal conflict(String detail) {
        return new LedgerRefusal(Kind.CONFLICT, null, detail);
    }
}
