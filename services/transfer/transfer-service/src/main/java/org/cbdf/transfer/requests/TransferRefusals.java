package org.cbdf.transfer.requests;

import java.util.List;
import java.util.Map;

import org.cbdf.platform.web.Refusal;

/**
 * The transfer's refusals, in the domain's words ({@link Refusal}: the API answers each kind the same way in every
 * service). Their titles are the ones this API has always answered with, more specific than the kind's.
 */
public final class TransferRefusals extends Refusal {

    private TransferRefusals(Kind kind, String field, String title, String message, Map<String, ?> properties) {
        super(kind, field, title, message, properties);
    }

    /** Unknown, or not the caller's to see: both are 404, so existence never leaks across organisations. */
    public static Refusal notFound(String id) {
        return new TransferRefusals(Kind.NOT_FOUND, null, "Transfer not found", "No transfer " + id + ".", Map.of());
    }

    /** A regulator who may read the transfer but whose jurisdiction is not among the required approvals. */
    static Refusal notAnApprover(TransferId id, String jurisdiction) {
        return new TransferRefusals(Kind.NOT_ALLOWED, null, "Not a required approver", "Transfer " + id
                + " does not need the approval of " + jurisdiction + "; only a required approver may decide.",
                Map.of());
    }

    /** A transition the transfer's current status does not allow, naming the status. */
    static Refusal transitionRefused(TransferId id, TransferStatus status, String action) {
        return conflict(status, "Transfer " + id + " is " + status + " and cannot " + action + ".",
                "Transition not allowed");
    }

    /** A step already taken that is taken once (a jurisdiction's decision, an appeal, a fulfilment). */
    static Refusal conflict(TransferStatus status, String detail, String title) {
        return new TransferRefusals(Kind.CONFLICT, null, title, detail, Map.of("currentStatus", status.name()));
    }

    /** A fulfilment for an obligation the transfer's assessment does not list, naming the known codes. */
    static Refusal unknownObligation(String code, List<String> known) {
        return new TransferRefusals(Kind.INVALID, "code", null, "no obligation '" + code
                + "' on this transfer; its obligations: " + String.join(", ", known), Map.of());
    }
}
