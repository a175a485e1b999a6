package org.cbdf.audit.checkpoint.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.audit.checkpoint.Checkpoints;
import org.cbdf.audit.ledger.LedgerRefusal;
import org.cbdf.audit.verifier.Hashes;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.platform.web.AnswersWithoutStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "checkpoints", description = "Signed tree heads (C2SP tlog-checkpoint notes, Ed25519) and the public key")
class CheckpointController {

    private final Checkpoints checkpoints;

    CheckpointController(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Operation(summary = "Sign the current head now",
            description = "Auditors ask for it before an export, so the bundle is covered up to now; policy "
                    + "administrators as operators. A checkpoint adds a signature, never a leaf: the ledger's content "
                    + "does not change. 201 when signed now, 200 when this size was already signed.")
    @ApiResponse(responseCode = "200", description = "This tree size was signed already: its checkpoint",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "Signed now: the new checkpoint", useReturnTypeSchema = true)
    @PostMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('AUDITOR', 'POLICY_ADMIN')")
    ResponseEntity<CheckpointView> sign() {
        Checkpoints.Signed signed = checkpoints.signHead(true).orElseThrow();
        return ResponseEntity.status(signed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(CheckpointView.of(signed.checkpoint()));
    }

    @Operation(summary = "The latest signed checkpoint")
    @ApiResponse(responseCode = "200", description = "The latest checkpoint", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No checkpoint signed yet")
    @GetMapping("/checkpoints/latest")
    @PreAuthorize("isAuthenticated()")
    CheckpointView latest() {
        return checkpoints.latest().map(CheckpointView::of)
                .orElseThrow(() -> LedgerRefusal.notFound("no checkpoint signed yet"));
    }

    @Operation(summary = "The checkpoint of a tree size")
    @GetMapping("/checkpoints/{treeSize}")
    @PreAuthorize("isAuthenticated()")
    CheckpointView bySize(@PathVariable long treeSize) {
        return checkpoints.bySize(treeSize).map(CheckpointView::of)
                .orElseThrow(() -> LedgerRefusal.notFound("no checkpoint of tree size " + treeSize));
    }

    @Operation(summary = "The public key checkpoints verify with (no token needed)",
            description = "PEM (X.509 SubjectPublicKeyInfo) and the C2SP signed-note verifier key "
                    + "`name+keyhash+base64(0x01‖key)`. Obtain it once, over a channel you trust, and keep it: "
                    + "`govctl audit verify --public-key` checks bundles against it.")
    @AnswersWithoutStore
    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        LogKey key = checkpoints.publicKey();
        return new PublicKeyView("Ed25519", key.name(), key.keyId(), key.pem(), key.verifierKey());
    }

    record CheckpointView(long treeSize,
            @Schema(description = "RFC 9162 root hash, base64") String rootHash,
            Instant time,
            String keyId,
            @Schema(description = "the signed note (C2SP tlog-checkpoint): what verifiers check") String note) {

        static CheckpointView of(Checkpoints.StoredCheckpoint checkpoint) {
            return new CheckpointView(checkpoint.treeSize(), Hashes.b64(checkpoint.rootHash()), checkpoint.signedAt(),
                    checkpoint.keyId(), checkpoint.note());
        }
    }

    record PublicKeyView(String algorithm, String origin, String keyId, String pem, String verifierKey) {
    }
}
