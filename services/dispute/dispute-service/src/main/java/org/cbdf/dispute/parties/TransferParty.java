package org.cbdf.dispute.parties;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.visibility.TransferReaders;

/**
 * Who would be party to a dispute on one transfer, as far as the dispute service has learnt it. The submission
 * and the assessment arrive on different topics in no particular order, so either may still be missing.
 */
public record TransferParty(String transferId, String organization, Optional<Submission> submission,
        Optional<AssessmentResult> assessment) {

    /** The parties are known once the submission is: it names the enterprise and the route of the data. */
    public boolean partiesKnown() {
        return submission.isPresent();
    }

    /**
     * The regulators a dispute would involve, each once, in the order origin, destination, onward, and any
     * further regulator whose approval the assessment requires.
     */
    public List<RegulatorParty> regulators() {
        Map<String, Set<Involvement>> byJurisdiction = new LinkedHashMap<>();
        submission.ifPresent(route -> {
            involve(byJurisdiction, route.origin(), Involvement.ORIGIN);
            involve(byJurisdiction, route.destination(), Involvement.DESTINATION);
            route.onward().forEach(jurisdiction -> involve(byJurisdiction, jurisdiction, Involvement.ONWARD));
        });
        assessment.ifPresent(result -> result.requiredApprovals()
                .forEach(jurisdiction -> involve(byJurisdiction, jurisdiction, Involvement.APPROVAL)));
        List<RegulatorParty> regulators = new ArrayList<>();
        byJurisdiction.forEach((jurisdiction, involvement) -> regulators.add(new RegulatorParty(jurisdiction, involvement)));
        return regulators;
    }

    /**
     * Nobody sees what is not theirs (docs/design.md §1): auditors see every transfer, an enterprise its own
     * organisation's, a regulator those its jurisdiction is involved in.
     */
    public boolean visibleTo(Caller caller) {
        if (caller.has(Role.AUDITOR)) {
            return true;
        }
        if (caller.has(Role.ENTERPRISE) && caller.organization().filter(organization::equals).isPresent()) {
            return true;
        }
        // the producer's rule (transfer-events), over what the dispute service has learnt of the transfer so far
        List<String> route = submission.map(Submission::route).orElse(List.of());
        List<String> approvals = assessment.map(AssessmentResult::requiredApprovals).orElse(List.of());
        return caller.has(Role.REGULATOR) && caller.jurisdiction()
                .filter(jurisdiction -> TransferReaders.regulatorReads(jurisdiction, route, approvals)).isPresent();
    }

    private static void involve(Map<String, Set<Involvement>> byJurisdiction, String jurisdiction,
            Involvement involvement) {
        byJurisdiction.computeIfAbsent(jurisdiction, j -> EnumSet.noneOf(Involvement.class)).add(involvement);
    }
}
