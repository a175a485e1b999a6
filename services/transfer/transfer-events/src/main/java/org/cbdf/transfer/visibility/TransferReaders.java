package org.cbdf.transfer.visibility;

import org.cbdf.transfer.events.TransferRequest;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a regulator sees (docs/design.md §1): the transfers where its jurisdiction is origin, destination, an onward recipient
 * or a required approver. The one definition for every service that shows transfers, their assessments or their
 * disputes to regulators; enterprises see their own organisation's, auditors every one (the callers' roles are each
 * service's to read).
 */
public final class TransferReaders {

    private TransferReaders() {
    }

    /**
     * The jurisdictions whose regulators read the transfer, each once: origin, destination, onward recipients, then
     * the required approvers the route does not already name.
     *
     * @param route             the request's {@link TransferRequest#involvedJurisdictions()}
     * @param requiredApprovals the jurisdictions the assessment asks to approve; empty before the assessment
     */
    public static Set<String> regulators(Collection<String> route, Collection<String> requiredApprovals) {
        Set<String> readers = new LinkedHashSet<>(route);
        if (requiredApprovals != null) {
            readers.addAll(requiredApprovals);
        }
        return readers;
    }

    /** {@link #regulators(Collection, Collection)} of the request's route. */
    public static Set<String> regulators(TransferRequest request, Collection<String> requiredApprovals) {
        return regulators(request.involvedJurisdictions(), requiredApprovals);
    }

    /** Whether the regulator of {@code jurisdiction} reads the transfer. */
    public static boolean regulatorReads(String jurisdiction, Collection<String> route,
            Collection<String> requiredApprovals) {
        return jurisdiction != null && (route.contains(jurisdiction)
                || (requiredApprovals != null && requiredApprovals.contains(jurisdiction)));
    }

    /** Whether the regulator of {@code jurisdiction} reads the transfer of {@code request}. */
    public static boolean regulatorReads(String jurisdiction, TransferRequest request,
            Collection<String> requiredApprovals) {
        return regulatorReads(jurisdiction, request.involvedJurisdictions(), requiredApprovals);
    }
}
