package org.cbdf.transfer.request;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.FieldError;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/transfers")
@Tag(name = "Transfers", description = "Submit transfer requests and follow their status")
@Validated
class TransferController {

    private final TransferSubmission submission;
    private final Transfers transfers;

    TransferController(TransferSubmission submission, Transfers transfers) {
        this.submission = submission;
        this.transfers = transfers;
    }

    @PostMapping
    @PreAuthorize("hasRole('ENTERPRISE')")
    @Operation(summary = "Submit a transfer request", description = "Validated, stored and published for assessment. "
            + "A retry with the same Idempotency-Key returns the first result; the same key with another body is 422.")
    ResponseEntity<?> submit(Caller caller, @RequestBody TransferRequestBody body,
            @Parameter(description = "Makes a retried submit return the first result")
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey) {
        List<FieldError> errors = body.validate();
        if (!errors.isEmpty()) {
            ProblemDetail problem = ApiProblems.invalid(errors);
            return ResponseEntity.badRequest().body(problem);
        }
        TransferSubmission.Result result = submission.submit(caller, body.toRequest(), idempotencyKey);
        TransferView view = TransferView.of(result.transfer());
        URI location = URI.create("/api/v1/transfers/" + view.id());
        return result.created() ? ResponseEntity.created(location).body(view)
                : ResponseEntity.ok().location(location).body(view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a transfer", description = "404 for a transfer that is not the caller's to see.")
    TransferView get(Caller caller, @PathVariable String id) {
        return TransferId.parse(id).flatMap(transfers::find)
                .filter(transfer -> TransferVisibility.canSee(caller, transfer))
                .map(TransferView::of)
                .orElseThrow(() -> new TransferNotFound(id));
    }

    record Page(List<TransferView> content, int page, int size, long totalElements) {
    }

    @GetMapping
    @Operation(summary = "List the transfers the caller may see, newest first")
    Page list(Caller caller, @RequestParam(required = false) TransferStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        TransferVisibility visibility = TransferVisibility.of(caller);
        return new Page(transfers.page(visibility, status, page, size).stream().map(TransferView::of).toList(), page,
                size, transfers.count(visibility, status));
    }
}
