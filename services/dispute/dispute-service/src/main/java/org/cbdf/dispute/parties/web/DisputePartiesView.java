package org.cbdf.dispute.parties.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.dispute.parties.AssessmentOutcome;
import org.cbdf.dispute.parties.Involvement;
import org.cbdf.dispute.parties.TransferParty;

/** The parties a dispute on one transfer would have. */
@Schema(name = "DisputeParties")
record DisputePartiesView(
        String transferId,
        @Schema(description = "The exporting enterprise and its jurisdiction") Enterprise enterprise,
        @Schema(description = "The regulators involved, each once: origin, destination, onward, required approvals")
        List<Regulator> regulators,
        @Schema(description = "The latest assessment of the transfer; null until the policy service assessed it",
                nullable = true) Assessment assessment) {

    record Enterprise(String organization, String jurisdiction) {
    }

    record Regulator(String jurisdiction, List<Involvement> involvement) {
    }

    record Assessment(AssessmentOutcome outcome, List<String> requiredApprovals, String policyVersion, Instant assessedAt) {
    }

    static DisputePartiesView of(TransferParty party) {
        var submission = party.submission().orElseThrow();
        return new DisputePartiesView(party.transferId(),
                new Enterprise(party.organization(), submission.origin()),
                party.regulators().stream().map(r -> new Regulator(r.jurisdiction(),
                        r.involvement().stream().sorted().toList())).toList(),
                party.assessment().map(a -> new Assessment(a.outcome(), a.requiredApprovals(), a.policyVersion(),
                        a.assessedAt())).orElse(null));
    }
}
