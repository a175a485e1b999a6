package org.cbdf.transfer.requests.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.requests.Assessment;
import org.cbdf.transfer.requests.Lifecycle;
import org.cbdf.transfer.requests.Transfer;
import org.cbdf.transfer.requests.TransferStatus;

/** A transfer as the API shows it. */
@Schema(name = "Transfer")
record TransferView(@Schema(example = "6f1c2f9e-8a57-4c55-a1f6-0a4a3a1b9d21") String id,
        @Schema(example = "acme-cn") String organization, String submittedBy,
        @Schema(example = "AWAITING_APPROVAL") TransferStatus status,
        @Schema(description = "Why the transfer is in its status, e.g. the reassessment that suspended it")
        String statusReason,
        // the body's schema (same members, with its examples and limits): both are named TransferRequest, and the
        // one springdoc meets first (this, since submit's answers name this view) would otherwise describe both
        @Schema(implementation = TransferRequestBody.class) TransferRequest request,
        String assessmentId, Assessment assessment,
        @Schema(description = "Jurisdictions whose regulator must approve") List<String> requiredApprovals,
        List<Lifecycle.RegulatorDecision> decisions,
        @Schema(description = "The assessment's obligations and whether each is fulfilled") List<ObligationView> obligations,
        Lifecycle.Appeal appeal,
        @Schema(description = "When the transfer expires: the day after its period or its approval's validity ends")
        Instant expiresAt, Instant submittedAt, Instant updatedAt, long version) {

    record ObligationView(@Schema(example = "CN_STANDARD_CONTRACT_FILING") String code, String text, boolean fulfilled,
            String reference, String fulfilledBy, Instant fulfilledAt) {
    }

    static TransferView of(Transfer transfer) {
        List<ObligationView> obligations = transfer.assessment() == null || transfer.assessment().obligations() == null
                ? List.of()
                : transfer.assessment().obligations().stream().map(obligation -> {
                    Lifecycle.Fulfilment fulfilment = transfer.lifecycle().fulfilments().get(obligation.code());
                    return new ObligationView(obligation.code(), obligation.text(), fulfilment != null,
                            fulfilment == null ? null : fulfilment.reference(),
                            fulfilment == null ? null : fulfilment.fulfilledBy(),
                            fulfilment == null ? null : fulfilment.fulfilledAt());
                }).toList();
        return new TransferView(transfer.id().toString(), transfer.organization(), transfer.submittedBy(),
                transfer.status(), transfer.lifecycle().statusReason(), transfer.request(), transfer.assessmentId(),
                transfer.assessment(), List.copyOf(transfer.approvers()), transfer.lifecycle().decisions(),
                obligations, transfer.lifecycle().appeal(),
                transfer.expiry().map(Transfer.Expiry::at).orElse(null), transfer.submittedAt(),
                transfer.updatedAt(), transfer.version());
    }
}
