package org.cbdf.policy.events;

import java.time.LocalDate;
import java.util.List;

/**
 * What the law of every involved jurisdiction requires of one transfer request (docs/design.md §3). The same
 * request under the same {@code policyVersion} always yields the same assessment.
 */
public record Assessment(Outcome outcome, List<RequiredApproval> requiredApprovals, List<String> acceptedMechanisms,
        List<Obligation> obligations, LocalDate validUntil, List<TraceEntry> trace, String policyVersion) {

    /** A regulator whose approval the transfer needs, and under which procedure. */
    public record RequiredApproval(String jurisdiction, String procedure) {
    }

    public record Obligation(String code, String text) {
    }

    /** One rule considered, matched or not, in words a compliance officer reads. */
    public record TraceEntry(String rule, String jurisdiction, boolean matched, String citation,
            String explanation) {
    }
}
