package org.cbdf.audit.ledger;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** The current head of the ledger's Merkle tree. */
public record TreeHeadView(
        @Schema(description = "Number of leaves") long treeSize,
        @Schema(description = "RFC 9162 root hash (SHA-256), base64") String rootHash,
        @Schema(description = "When the last leaf was appended") OffsetDateTime updatedAt) {
}
