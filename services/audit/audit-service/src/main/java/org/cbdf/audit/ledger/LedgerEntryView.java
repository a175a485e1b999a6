package org.cbdf.audit.ledger;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** One ledger entry as the API shows it. */
public record LedgerEntryView(
        @Schema(description = "Position in the Merkle tree: 0, 1, 2 … in append order, without gaps") long leafIndex,
        String eventId,
        String source,
        String type,
        String subject,
        @Schema(description = "When the event happened, as its producer said") OffsetDateTime time,
        String aggregateType,
        String aggregateId,
        long aggregateVersion,
        String organization,
        List<String> jurisdictions,
        @Schema(description = "Kafka topic the event was consumed from") String topic,
        @Schema(description = "The event's payload (data_base64 text if it was not JSON)") JsonNode data,
        @Schema(description = "RFC 9162 leaf hash SHA-256(0x00 ‖ RFC 8785 canonical event), base64") String leafHash,
        OffsetDateTime appendedAt) {
}
