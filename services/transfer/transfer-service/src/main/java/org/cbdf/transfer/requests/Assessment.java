package org.cbdf.transfer.requests;

import java.time.LocalDate;
import java.util.List;

/**
 * The assessment a transfer was given, as the transfer keeps and shows it: what the law of every involved jurisdiction
 * requires of it. The messaging adapter reads it from the policy service's event; the domain never sees that event.
 * Stored with the transfer as JSON and shown by the API in this shape (the policy service's, member for member).
 */
public record Assessment(Outcome outcome, List<RequiredApproval> requiredApprovals, List<String> acceptedMechanisms,
        List<Obligation> obligations, LocalDate validUntil, List<TraceEntry> trace, String policyVersion) {

    /** What the assessment found, and so which status the transfer takes ({@link TransferStatus#after}). */
    public enum Outcome {
        PERMITTED, CONDITIONAL, REVIEW_REQUIRED, PROHIBITED
    }

    /** A regulator whose approval the transfer needs, and under which procedure. */
    public record RequiredApproval(String jurisdiction, String procedure) {
    }

    /** Something the exporter must do, e.g. file the standard contract; the transfer records its fulfilment. */
    public record Obligation(String code, String text) {
    }

    /** One rule considered, matched or not, in words a compliance officer reads. */
    public record TraceEntry(String rule, String jurisdiction, boolean matched, String citation,
            String explanation) {
    }
}
