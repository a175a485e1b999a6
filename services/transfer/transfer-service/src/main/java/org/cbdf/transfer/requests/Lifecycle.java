package org.cbdf.transfer.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.cbdf.transfer.events.Decision;

/**
 * What happened to a transfer after its assessment, stored with it as one JSON document: the regulators'
 * decisions, the obligations fulfilled, the appeal, and why it is suspended (and to which status it returns).
 */
public record Lifecycle(List<RegulatorDecision> decisions, Map<String, Fulfilment> fulfilments, Appeal appeal,
        TransferStatus resumeStatus, String statusReason) {

    public Lifecycle {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        fulfilments = fulfilments == null ? Map.of() : Map.copyOf(fulfilments);
    }

    static Lifecycle empty() {
        return new Lifecycle(List.of(), Map.of(), null, null, null);
    }

    /** One regulator's decision: who, when, what, why, and on which conditions. */
    public record RegulatorDecision(String jurisdiction, Decision decision, String reasons, List<String> conditions,
            String decidedBy, Instant decidedAt) {
    }

    /** The exporter's record that an obligation is met, e.g. the standard-contract filing reference. */
    public record Fulfilment(String reference, String fulfilledBy, Instant fulfilledAt) {
    }

    /** The exporter's appeal of a rejection and, once the dispute is resolved, its binding outcome. */
    public record Appeal(String grounds, String appealedBy, Instant appealedAt, String disputeId, String resolution,
            List<String> conditions, Instant decidedAt) {
    }
}
