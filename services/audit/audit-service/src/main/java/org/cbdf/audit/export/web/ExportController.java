package org.cbdf.audit.export.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.audit.checkpoint.Checkpoints;
import org.cbdf.audit.export.BundleExport;
import org.cbdf.audit.ledger.LedgerRefusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "export", description = "The ledger as a bundle auditors verify offline")
class ExportController {

    static final String ZIP = "application/zip";

    private final BundleExport export;
    private final Checkpoints checkpoints;

    ExportController(BundleExport export, Checkpoints checkpoints) {
        this.export = export;
        this.checkpoints = checkpoints;
    }

    @Operation(summary = "Export leaves [from, to) with the signed checkpoints and the public key",
            description = "A zip: manifest.json, events.ndjson (one canonical event per line with its leaf index and "
                    + "hash), checkpoints/<size>.txt (signed notes), public-key.pem. `to` defaults to the latest "
                    + "signed checkpoint and may not exceed it (sign one first: POST /api/v1/audit/checkpoints). "
                    + "Check it with `govctl audit verify --public-key key.pem bundle.zip`.")
    @ApiResponse(responseCode = "200", description = "The bundle (ZIP)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409",
            description = "No checkpoint signed yet: sign one first (POST /api/v1/audit/checkpoints)")
    @GetMapping(path = "/export", produces = ZIP)
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "first leaf index (default 0)") @RequestParam(defaultValue = "0") long from,
            @Parameter(description = "tree size to export up to (default: the latest checkpoint's)")
            @RequestParam(required = false) Long to) {
        long signed = checkpoints.latest().map(Checkpoints.StoredCheckpoint::treeSize)
                .orElseThrow(() -> LedgerRefusal.conflict("no checkpoint signed yet: POST /api/v1/audit/checkpoints"));
        long end = to == null ? signed : to;
        if (end < 0 || end > signed) {
            throw LedgerRefusal.invalid("to", "must be between 0 and " + signed + ", the latest signed tree size");
        }
        if (from < 0 || from > end) {
            throw LedgerRefusal.invalid("from", "must be between 0 and " + end);
        }
        BundleExport.Prepared prepared = export.prepare(from, end);
        StreamingResponseBody body = out -> export.write(prepared, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"audit-" + from + "-" + end + ".zip\"")
                .body(body);
    }
}
