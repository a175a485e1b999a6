package org.cbdf.transfer.requests.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.events.Decision;
import org.cbdf.transfer.requests.TransferCommands;
import org.cbdf.transfer.requests.TransferStatus;
import org.cbdf.transfer.requests.TransferSubmission;
import org.cbdf.transfer.requests.TransferVisibility;
import org.cbdf.transfer.requests.Transfers;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.PageCursor;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
class TransferController {

    private final TransferSubmission submission;
    private final TransferCommands commands;
    private final Transfers transfers;

    TransferController(TransferSubmission submission, TransferCommands commands, Transfers transfers) {
        this.submission = submission;
        this.commands = commands;
        this.transfers = transfers;
    }

    @PostMapping
    @PreAuthorize("hasRole('ENTERPRISE')")
    @Operation(summary = "Submit a transfer request", description = "Validated, stored and published for assessment. "
            + "A retry with the same Idempotency-Key returns the first result; the same key with another body is 422.")
    @ApiResponse(responseCode = "201", description = "Submitted: the transfer as stored, its address in Location")
    @ApiResponse(responseCode = "200", description = "A retry with the same Idempotency-Key and body: the first result")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
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
    @ApiResponse(responseCode = "200", description = "The transfer", useReturnTypeSchema = true)
    TransferView get(Caller caller, @PathVariable String id) {
        return TransferView.of(transfers.visibleTo(caller, id));
    }

    @Schema(name = "TransferPage")
    record Page(List<TransferView> content, int size, long totalElements,
            @Schema(description = "The `cursor` of the next page; null on the last page", nullable = true)
            String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List the transfers the caller may see, newest first",
            description = "Filters combine. `from`/`to` keep the transfers whose period overlaps them. A regulator's "
                    + "`awaiting=me` keeps those awaiting its jurisdiction's decision. Paged by cursor: a page's "
                    + "`nextCursor`, passed as `cursor` with the same filters, gives the next one; a transfer "
                    + "submitted meanwhile neither repeats nor hides one. `page` is gone: `page=0` still means the "
                    + "first page, any other number is a 400.")
    Page list(Caller caller, @RequestParam(required = false) TransferStatus status,
            @Parameter(example = "DE") @RequestParam(required = false) @Pattern(regexp = "[A-Z]{2}",
                    message = "must be an ISO 3166-1 alpha-2 code") String destination,
            @Parameter(example = "2026-12-01") @RequestParam(required = false) LocalDate from,
            @Parameter(example = "2027-11-30") @RequestParam(required = false) LocalDate to,
            @Parameter(example = "me") @RequestParam(required = false) @Pattern(regexp = "me",
                    message = "the only value is 'me' (a regulator's own jurisdiction)") String awaiting,
            @Parameter(description = "`nextCursor` of the previous page, as it was handed out")
            @RequestParam(name = PageCursor.PARAMETER, required = false) String cursor,
            @Parameter(description = "Deprecated: only 0 (the first page) is taken; follow `nextCursor` instead",
                    deprecated = true) @RequestParam(required = false) Integer page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        PageCursor.refuseLaterPageNumbers(page);
        Optional<PageCursor> after = PageCursor.read(cursor);
        String awaitingJurisdiction = null;
        if (awaiting != null) {
            if (!caller.has(Role.REGULATOR)) {
                throw invalid("awaiting", "only a regulator has transfers awaiting its decision");
            }
            awaitingJurisdiction = caller.requiredJurisdiction();
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw invalid("to", "must not be before from (" + from + ")");
        }
        TransferVisibility visibility = TransferVisibility.of(caller);
        var filter = new Transfers.Filter(status, destination, from, to, awaitingJurisdiction);
        Transfers.Page found = transfers.page(visibility, filter, after, size);
        return new Page(found.content().stream().map(TransferView::of).toList(), size,
                transfers.count(visibility, filter), found.next().map(PageCursor::encode).orElse(null));
    }

    @Schema(name = "DecisionRequest")
    record DecisionBody(@Schema(example = "APPROVE_WITH_CONDITIONS") Decision decision,
            @Schema(example = "Security assessment passed; data minimised.") String reasons,
            @Schema(example = "[\"Annual re-certification of the importer\"]") List<String> conditions) {
    }

    @PostMapping("/{id}/decisions")
    @PreAuthorize("hasRole('REGULATOR')")
    @Operation(summary = "Record a regulator's decision",
            description = "Only a regulator whose jurisdiction is among the required approvals, once per jurisdiction, "
                    + "while the transfer is AWAITING_APPROVAL. Every approval → APPROVED; one rejection → REJECTED. "
                    + "403 if the jurisdiction is not a required approver, 409 (naming the current status) otherwise.")
    @ApiResponse(responseCode = "200", description = "The transfer, decision recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Your jurisdiction is not among the required approvals")
    @ApiResponse(responseCode = "409", description = "Not awaiting approval, or your jurisdiction has decided already "
            + "(`currentStatus` names where it stands)")
    TransferView decide(Caller caller, @PathVariable String id, @RequestBody DecisionBody body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.decision() == null) {
            errors.add(new FieldError("decision", "is required: APPROVE, APPROVE_WITH_CONDITIONS or REJECT"));
        }
        text(errors, "reasons", body.reasons());
        List<String> conditions = body.conditions() == null ? List.of() : body.conditions();
        if (body.decision() == Decision.APPROVE_WITH_CONDITIONS && conditions.isEmpty()) {
            errors.add(new FieldError("conditions", "are required when approving with conditions"));
        }
        if (body.decision() != null && body.decision() != Decision.APPROVE_WITH_CONDITIONS && !conditions.isEmpty()) {
            errors.add(new FieldError("conditions", "are only taken with APPROVE_WITH_CONDITIONS"));
        }
        if (conditions.size() > TransferRequestBody.MAX_ITEMS) {
            errors.add(new FieldError("conditions", "at most " + TransferRequestBody.MAX_ITEMS));
        }
        for (int i = 0; i < conditions.size(); i++) {
            text(errors, "conditions[" + i + "]", conditions.get(i));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return TransferView.of(commands.decide(caller, id, body.decision(), body.reasons().strip(),
                conditions.stream().map(String::strip).toList()));
    }

    @PostMapping("/{id}/withdrawal")
    @PreAuthorize("hasRole('ENTERPRISE')")
    @Operation(summary = "Withdraw a transfer", description = "By its exporter, unless it is already decided for good "
            + "(PROHIBITED, REJECTED, APPEALED, EXPIRED, WITHDRAWN: 409).")
    @ApiResponse(responseCode = "200", description = "The transfer, WITHDRAWN", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Already decided for good (`currentStatus` names it)")
    TransferView withdraw(Caller caller, @PathVariable String id) {
        return TransferView.of(commands.withdraw(caller, id));
    }

    @Schema(name = "AppealRequest")
    record AppealBody(@Schema(example = "The importer holds an adequate certification the regulator overlooked.")
            String grounds) {
    }

    @PostMapping("/{id}/appeal")
    @PreAuthorize("hasRole('ENTERPRISE')")
    @Operation(summary = "Appeal a rejection", description = "REJECTED → APPEALED, once; the dispute service opens a "
            + "case and its binding outcome approves or rejects the transfer.")
    @ApiResponse(responseCode = "200", description = "The transfer, APPEALED", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Not REJECTED, or appealed once already")
    TransferView appeal(Caller caller, @PathVariable String id, @RequestBody AppealBody body) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "grounds", body.grounds());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return TransferView.of(commands.appeal(caller, id, body.grounds().strip()));
    }

    @Schema(name = "FulfilmentRequest")
    record FulfilmentBody(@Schema(example = "CAC-SC-2026-000123") String reference) {
    }

    @PostMapping("/{id}/obligations/{code}/fulfilment")
    @PreAuthorize("hasRole('ENTERPRISE')")
    @Operation(summary = "Record that an obligation of a CONDITIONAL transfer is met",
            description = "With a reference (e.g. the standard-contract filing number). When every obligation is "
                    + "fulfilled the transfer becomes PERMITTED.")
    @ApiResponse(responseCode = "200", description = "The transfer with the obligation fulfilled",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such transfer that you may see")
    @ApiResponse(responseCode = "409", description = "Not CONDITIONAL, or the obligation is fulfilled already")
    TransferView fulfil(Caller caller, @PathVariable String id, @PathVariable String code,
            @RequestBody FulfilmentBody body) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "reference", body.reference());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return TransferView.of(commands.fulfil(caller, id, code, body.reference().strip()));
    }

    /** A retried submit with another body under the same key: 422, naming the key. */
    @ExceptionHandler(TransferSubmission.IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(TransferSubmission.IdempotencyKeyReused reused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                reused.getMessage());
        problem.setTitle("Idempotency key reused");
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > TransferRequestBody.MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + TransferRequestBody.MAX_TEXT + " characters"));
        }
    }

    private static ErrorResponseException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    private static ErrorResponseException invalid(List<FieldError> errors) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, ApiProblems.invalid(errors), null);
    }
}
