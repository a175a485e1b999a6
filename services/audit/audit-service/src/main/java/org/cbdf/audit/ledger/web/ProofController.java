package org.cbdf.audit.ledger.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.audit.ledger.LedgerRefusal;
import org.cbdf.audit.ledger.MerkleNodes;
import org.cbdf.audit.verifier.Hashes;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 9162 proofs, so that anyone holding a signed checkpoint can check an event is in the log, and that a later
 * log extends an earlier one. Proofs are hashes only, no event content: any authenticated caller may ask.
 */
@RestController
@RequestMapping(path = "/api/v1/audit/proofs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "proofs", description = "RFC 9162 inclusion and consistency proofs (hashes base64)")
class ProofController {

    private final MerkleNodes nodes;
    private final JdbcClient jdbc;

    ProofController(MerkleNodes nodes, JdbcClient jdbc) {
        this.nodes = nodes;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Inclusion proof of a leaf (RFC 9162 §2.1.3)",
            description = "Give `leafIndex` or `eventId`; `treeSize` defaults to the current size. Verify with the "
                    + "RFC's algorithm: the path leads from `leafHash` to `rootHash`, the root of the first `treeSize` "
                    + "leaves, which a signed checkpoint of that size states.")
    @ApiResponse(responseCode = "200", description = "The inclusion proof", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No event of that id in the ledger")
    @GetMapping("/inclusion")
    @PreAuthorize("isAuthenticated()")
    InclusionProofView inclusion(@RequestParam(required = false) Long leafIndex,
            @RequestParam(required = false) String eventId,
            @Parameter(description = "tree size the proof is for; default the current size")
            @RequestParam(required = false) Long treeSize) {
        long size = treeSize == null ? currentSize() : checkedSize("treeSize", treeSize);
        long index;
        if (leafIndex != null) {
            index = leafIndex;
        } else if (eventId != null) {
            index = jdbc.sql("select leaf_index from ledger_entry where event_id = :eventId order by leaf_index limit 1")
                    .param("eventId", eventId).query(Long.class).optional()
                    .orElseThrow(() -> LedgerRefusal.notFound("no event " + eventId + " in the ledger"));
        } else {
            throw LedgerRefusal.invalid("leafIndex", "give leafIndex or eventId");
        }
        if (index < 0 || index >= size) {
            throw LedgerRefusal.invalid("leafIndex", "leaf " + index + " is not in a tree of " + size + " leaves");
        }
        byte[] leafHash = jdbc.sql("select leaf_hash from ledger_entry where leaf_index = :index").param("index", index)
                .query(byte[].class).single();
        List<String> path = nodes.inclusion(index, size).stream().map(Hashes::b64).toList();
        return new InclusionProofView(index, size, Hashes.b64(leafHash), path, Hashes.b64(nodes.root(size)));
    }

    @Operation(summary = "Consistency proof between two tree sizes (RFC 9162 §2.1.4)",
            description = "Proves that the first `from` leaves are, unchanged, the first leaves of the tree of `to`.")
    @GetMapping("/consistency")
    @PreAuthorize("isAuthenticated()")
    ConsistencyProofView consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        long second = to == null ? currentSize() : checkedSize("to", to);
        if (from < 0 || from > second) {
            throw LedgerRefusal.invalid("from", "must be between 0 and " + second);
        }
        List<String> path = nodes.consistency(from, second).stream().map(Hashes::b64).toList();
        return new ConsistencyProofView(from, second, path, Hashes.b64(nodes.root(from)),
                Hashes.b64(nodes.root(second)));
    }

    private long currentSize() {
        return jdbc.sql("select tree_size from tree_head where id = 1").query(Long.class).single();
    }

    private long checkedSize(String field, long size) {
        long current = currentSize();
        if (size < 0 || size > current) {
            throw LedgerRefusal.invalid(field, "must be between 0 and the current tree size " + current);
        }
        return size;
    }

    record InclusionProofView(long leafIndex, long treeSize,
            @Schema(description = "SHA-256(0x00 ‖ leaf), base64") String leafHash,
            @Schema(description = "RFC 9162 inclusion_path, from the leaf up, base64") List<String> inclusionPath,
            @Schema(description = "root of the first treeSize leaves, base64") String rootHash) {
    }

    record ConsistencyProofView(long treeSize1, long treeSize2,
            @Schema(description = "RFC 9162 consistency_path, base64") List<String> consistencyPath,
            String rootHash1, String rootHash2) {
    }
}
