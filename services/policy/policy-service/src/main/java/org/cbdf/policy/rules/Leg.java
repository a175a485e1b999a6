package org.cbdf.policy.rules;

import org.cbdf.transfer.events.TransferRequest;

/**
 * One movement of the data a rule pack judges: from {@code origin} to {@code destination}, either to the
 * importer or onward from it. For onward legs nothing is known about the onward recipient (its DPF
 * certification, for one), so it counts as uncertified.
 */
record Leg(PolicyData policy, RulePack pack, TransferRequest request, String origin, String destination,
        boolean onward, boolean exporterCiio, boolean recipientDpfCertified) {

    long individuals(boolean sensitive) {
        return sensitive ? request.dataSubjects().sensitiveCount() : request.dataSubjects().count();
    }

    AdequacyDecisions.Finding adequacy() {
        return policy.adequacy().find(pack.adequacyAuthority(), destination, recipientDpfCertified, onward);
    }

    String label() {
        return origin + " → " + destination + (onward ? " (onward)" : "");
    }
}
