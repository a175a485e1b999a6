package org.cbdf.dispute.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.dispute.cases.CaseStatus;
import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.dispute.events.Trigger;

/** A case in a list: where it stands and what runs next. */
@Schema(name = "DisputeCase")
record DisputeCaseView(
        UUID id,
        String transferId,
        Trigger trigger,
        CaseStatus status,
        @Schema(description = "ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to the dispute")
        List<String> parties,
        @Schema(description = "The exporting organisation, party to the dispute", nullable = true)
        String organization,
        String grounds,
        Instant openedAt,
        @Schema(description = "When the current step times out; null once the case is closed", nullable = true)
        Instant deadline,
        @Schema(description = "Which step the deadline ends: NEGOTIATION, PANEL_QUALIFIED_MAJORITY, "
                + "PANEL_SIMPLE_MAJORITY", nullable = true)
        DisputeCase.DeadlineKind deadlineKind,
        @Schema(description = "The panel's jurisdictions, chair first; empty until escalated")
        List<String> panel,
        @Schema(description = "The binding outcome once RESOLVED_BY_AGREEMENT or DECIDED", nullable = true)
        Resolution resolution,
        long version) {

    static DisputeCaseView of(DisputeCase.Snapshot c) {
        return new DisputeCaseView(c.id().value(), c.transferId(), c.trigger(), c.status(), c.parties(), c.organization(),
                c.grounds(), c.openedAt(), c.deadline(), c.deadlineKind(),
                c.panel() == null ? List.of() : c.panel().members(),
                c.outcome() == null ? null : c.outcome().resolution(), c.version());
    }
}
