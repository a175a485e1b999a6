package org.cbdf.audit.ledger;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** An event whose aggregateversion did not follow the highest one the ledger had seen for its aggregate. */
public record VersionGapView(
        String aggregateType,
        String aggregateId,
        @Schema(description = "MISSING: versions in between never arrived; OUT_OF_ORDER: not above the highest seen",
                allowableValues = { "MISSING", "OUT_OF_ORDER" }) String kind,
        long expectedVersion,
        long receivedVersion,
        long leafIndex,
        String eventId,
        OffsetDateTime detectedAt) {
}
