package org.cbdf.dispute.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.dispute.cases.CaseStatus;
import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.events.Trigger;

@Schema(name = "DisputeCase")
record DisputeCaseView(
        UUID id,
        String transferId,
        Trigger trigger,
        CaseStatus status,
        @Schema(description = "ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to the dispute")
        List<String> parties,
        String grounds,
        Instant openedAt,
        @Schema(description = "When the current step times out; null once the case is closed", nullable = true)
        Instant deadline,
        long version) {

    static DisputeCaseView of(DisputeCase c) {
        return new DisputeCaseView(c.id(), c.transferId(), c.trigger(), c.status(), c.parties(), c.grounds(),
                c.openedAt(), c.deadline(), c.version());
    }
}
