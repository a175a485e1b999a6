package org.cbdf.policy.rules;

import java.util.List;

import org.cbdf.transfer.events.TransferRequest;

/**
 * One movement of the data a rule pack judges: from {@code origin} to {@code destination}, either to the
 * importer or onward from it. For onward legs nothing is known about the onward recipient (its DPF
 * certification, its other certifications), so it counts as holding none.
 */
record Leg(PolicyData policy, RulePack pack, TransferRequest request, String origin, String destination,
        boolean onward, boolean exporterCiio, boolean recipientDpfCertified, List<String> recipientCertifications,
        YearToDate yearToDate) {

    AdequacyDecisions.Finding adequacy() {
        return policy.adequacy().find(policy.jurisdictions(), pack.adequacyAuthority(), destination,
                recipientDpfCertified, onward, periodStart());
    }

    RecognitionAgreements.Finding recognition() {
        return policy.recognition().find(policy.jurisdictions(), pack.jurisdiction(), destination,
                recipientCertifications, periodStart());
    }

    private java.time.LocalDate periodStart() {
        return request.period() == null ? null : request.period().start();
    }

    String label() {
        return origin + " → " + destination + (onward ? " (onward)" : "");
    }
}
