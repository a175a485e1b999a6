package org.cbdf.dispute.parties.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.Refusal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/disputes/transfers")
@Tag(name = "Dispute parties", description = "Who would be party to a dispute on a transfer")
class DisputePartiesController {

    private final TransferParties transferParties;

    DisputePartiesController(TransferParties transferParties) {
        this.transferParties = transferParties;
    }

    @GetMapping("/{transferId}/parties")
    @Operation(summary = "The parties a dispute on this transfer would have",
            description = "The exporting enterprise and the regulators of the origin, destination and onward "
                    + "jurisdictions and of every jurisdiction whose approval the assessment requires. Visible to "
                    + "auditors, the owning enterprise and the regulators involved; to anyone else the transfer "
                    + "does not exist.")
    @ApiResponse(responseCode = "200", description = "The parties")
    @ApiResponse(responseCode = "404", description = "Unknown transfer, not yet submitted, or not yours to see")
    DisputePartiesView parties(@Parameter(description = "The transfer's id") @PathVariable String transferId,
            @Parameter(hidden = true) Caller caller) {
        return transferParties.find(transferId)
                .filter(party -> party.partiesKnown() && party.visibleTo(caller))
                .map(DisputePartiesView::of)
                .orElseThrow(() -> Refusal.notFound("Transfer not found", "transferId", transferId,
                        "No transfer '" + transferId + "' that you may see is known to the dispute service."));
    }
}
