package org.cbdf.dispute.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.dispute.cases.CaseStatus;
import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.events.Trigger;

/** A case with its whole record: statements and evidence hashes, proposal, panel and votes, outcome, timeline. */
@Schema(name = "DisputeCaseDetails")
record DisputeCaseDetails(
        UUID id,
        String transferId,
        Trigger trigger,
        CaseStatus status,
        List<String> parties,
        @Schema(nullable = true) String organization,
        String grounds,
        @Schema(description = "The rules or standards in conflict, where the trigger named them") List<String> rules,
        String openedBy,
        Instant openedAt,
        @Schema(description = "When the running step times out and the case advances by itself", nullable = true)
        Instant deadline,
        @Schema(nullable = true) DisputeCase.DeadlineKind deadlineKind,
        @Schema(description = "The panel, chair first, and the rule that chose it; null until escalated",
                nullable = true) DisputeCase.Panel panel,
        List<DisputeCase.Statement> statements,
        @Schema(description = "The current proposed agreement and who accepted it", nullable = true)
        DisputeCase.Proposal proposal,
        List<DisputeCase.Vote> votes,
        @Schema(description = "The binding outcome", nullable = true) DisputeCase.Outcome outcome,
        @Schema(description = "Every step: when, what, by whom") List<DisputeCase.TimelineEntry> timeline,
        long version) {

    static DisputeCaseDetails of(DisputeCase.Snapshot c) {
        return new DisputeCaseDetails(c.id().value(), c.transferId(), c.trigger(), c.status(), c.parties(), c.organization(),
                c.grounds(), c.rules(), c.openedBy(), c.openedAt(), c.deadline(), c.deadlineKind(), c.panel(),
                c.statements(), c.proposal(), c.votes(), c.outcome(), c.timeline(), c.version());
    }
}
