package org.cbdf.policy.rules;

import java.util.List;

import org.cbdf.transfer.events.TransferRequest;

/**
 * One movement of the data a rule pack judges: from {@code origin} to {@code destination}, either to the
 * importer or onward from it. For onward legs nothing is known about the onward recipient (its DPF
 * certification, its other certifications), so it counts as holding none.
 *
 * @param freeTradeZone    the free trade zone the leg's exporter exports from, or null (an importer exporting onward
 *                         is in none the platform knows of)
 * @param destinationBlocs the blocs {@code destination} belongs to, sorted
 * @param requestValues    what the request contributes to the values of every leg, worked out once per assessment
 */
record Leg(PolicyData policy, RulePack pack, TransferRequest request, String origin, String destination,
        boolean onward, boolean exporterCiio, String freeTradeZone, boolean recipientDpfCertified,
        List<String> recipientCertifications, YearToDate yearToDate, List<String> destinationBlocs,
        RequestModel.RequestValues requestValues) {

    AdequacyDecisions.Finding adequacy() {
        return policy.adequacy().find(policy.jurisdictions(), pack.adequacyAuthority(), destination,
                recipientDpfCertified, onward, periodStart());
    }

    RecognitionAgreements.Finding recognition() {
        return policy.recognition().find(policy.jurisdictions(), pack.jurisdiction(), destination,
                recipientCertifications, periodStart());
    }

    FreeTradeZones.Finding freeTradeZoneFinding() {
        return policy.freeTradeZones().find(freeTradeZone, origin, requestValues.dataCategories(), exporterCiio,
                periodStart());
    }

    private java.time.LocalDate periodStart() {
        return request.period() == null ? null : request.period().start();
    }

    String label() {
        return origin + " → " + destination + (onward ? " (onward)" : "");
    }
}
