package org.cbdf.dispute.cases.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cbdf.dispute.cases.CasePage;
import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.cases.DisputeCases;
import org.cbdf.dispute.cases.DisputeId;
import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.PageCursor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/disputes")
@Tag(name = "Disputes", description = "Dispute cases on transfers and their procedure (GDPR Art. 60/65 model)")
class DisputeCasesController {

    private final DisputeCases disputeCases;
    private final DisputeProcedure procedure;

    DisputeCasesController(DisputeCases disputeCases, DisputeProcedure procedure) {
        this.disputeCases = disputeCases;
        this.procedure = procedure;
    }

    @GetMapping
    @Operation(summary = "The dispute cases you are party to, newest first",
            description = "Auditors see every case, regulators the cases their jurisdiction is a party to or sits on "
                    + "the panel of, enterprises the cases on their organisation's transfers. Paged by cursor: a "
                    + "page's `nextCursor`, passed as `cursor`, gives the next one (null on the last page); a case "
                    + "opened meanwhile neither repeats nor hides one. `page` is gone: `page=0` still means the first "
                    + "page, any other number is a 400.")
    @ApiResponse(responseCode = "200", description = "A page of the cases you may see", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A cursor this list did not hand out, or a page number above 0")
    CasePage<DisputeCaseView> list(
            @Parameter(description = "`nextCursor` of the previous page, as it was handed out")
            @RequestParam(name = PageCursor.PARAMETER, required = false) String cursor,
            @Parameter(description = "Deprecated: only 0 (the first page) is taken; follow `nextCursor` instead",
                    deprecated = true) @RequestParam(required = false) Integer page,
            @Parameter(description = "Cases per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(hidden = true) Caller caller) {
        PageCursor.refuseLaterPageNumbers(page);
        return disputeCases.visibleTo(caller, PageCursor.read(cursor), size).map(DisputeCaseView::of);
    }

    @PostMapping
    @Operation(summary = "Object to another regulator's decision on a transfer you are both party to",
            description = "Opens a dispute between the regulators of the transfer's jurisdictions and the enterprise. "
                    + "Only within the objection window after the decision; once per objector and decision.")
    @ApiResponse(responseCode = "201", description = "The dispute opened", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Only regulators object; an enterprise appeals a rejection")
    @ApiResponse(responseCode = "404", description = "No transfer you are party to")
    @ApiResponse(responseCode = "409", description = "No such decision, window closed, or already objected")
    ResponseEntity<DisputeCaseDetails> object(@Valid @RequestBody CaseRequests.Objection objection,
            @Parameter(hidden = true) Caller caller) {
        DisputeCase.Snapshot opened = procedure.object(caller, objection.transferId(), objection.objectsTo(),
                objection.grounds(), objection.rules());
        return ResponseEntity.created(URI.create("/api/v1/disputes/" + opened.id()))
                .body(DisputeCaseDetails.of(opened));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A case with its statements, proposal, panel, votes, deadline, outcome and timeline")
    @ApiResponse(responseCode = "200", description = "The case", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "Unknown case, or not yours to see (indistinguishable)")
    DisputeCaseDetails read(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
        return procedure.read(new DisputeId(id), caller).map(DisputeCaseDetails::of)
                .orElseThrow(() -> new DisputeProcedure.UnknownCaseException(new DisputeId(id)));
    }

    @PostMapping("/{id}/statements")
    @Operation(summary = "File a statement with evidence (attachments by name and SHA-256)",
            description = "The regulators party to the dispute and the enterprise; moves an OPEN case to NEGOTIATION.")
    @ApiResponse(responseCode = "201", description = "The case with the statement filed", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    ResponseEntity<DisputeCaseDetails> fileStatement(@PathVariable UUID id,
            @Valid @RequestBody CaseRequests.StatementFiling filing, @Parameter(hidden = true) Caller caller) {
        List<DisputeCase.Attachment> attachments = filing.attachments() == null ? List.of()
                : filing.attachments().stream().map(a -> new DisputeCase.Attachment(a.name(), a.sha256())).toList();
        return created(id, procedure.step(new DisputeId(id), caller,
                c -> c.fileStatement(caller, filing.text(), attachments, procedure.now())));
    }

    @PostMapping("/{id}/proposals")
    @Operation(summary = "Propose an agreement: UPHOLD, OVERTURN or APPROVE_WITH_CONDITIONS",
            description = "A regulator party; replaces any earlier proposal and counts as the proposer's acceptance.")
    @ApiResponse(responseCode = "201", description = "The case with the proposal", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    ResponseEntity<DisputeCaseDetails> propose(@PathVariable UUID id,
            @Valid @RequestBody CaseRequests.ResolutionChoice choice, @Parameter(hidden = true) Caller caller) {
        return created(id, procedure.step(new DisputeId(id), caller,
                c -> c.proposeAgreement(caller, choice.resolution(), choice.conditions(), procedure.now())));
    }

    @PostMapping("/{id}/acceptances")
    @Operation(summary = "Accept the current proposal (by its number)",
            description = "A regulator party. Once every regulator party accepted, the case is RESOLVED_BY_AGREEMENT "
                    + "and the outcome binds.")
    @ApiResponse(responseCode = "200", description = "The case with the acceptance", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    DisputeCaseDetails accept(@PathVariable UUID id, @Valid @RequestBody CaseRequests.Acceptance acceptance,
            @Parameter(hidden = true) Caller caller) {
        return DisputeCaseDetails.of(procedure.step(new DisputeId(id), caller,
                c -> c.acceptAgreement(caller, acceptance.proposal(), procedure.now())));
    }

    @PostMapping("/{id}/escalation")
    @Operation(summary = "Request escalation to a panel of regulators from uninvolved jurisdictions",
            description = "Any party (regulator or the enterprise) while the case is OPEN or in NEGOTIATION.")
    @ApiResponse(responseCode = "200", description = "The case after the request", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    DisputeCaseDetails escalate(@PathVariable UUID id, @Valid @RequestBody CaseRequests.Reason reason,
            @Parameter(hidden = true) Caller caller) {
        return DisputeCaseDetails.of(procedure.step(new DisputeId(id), caller,
                c -> c.requestEscalation(caller, reason.reason(), procedure.now(), procedure.rules())));
    }

    @PostMapping("/{id}/votes")
    @Operation(summary = "Vote as a panel member, once",
            description = "Two-thirds decide before the panel deadline; after it a simple majority, the chair's vote "
                    + "deciding a split panel.")
    @ApiResponse(responseCode = "201", description = "The case with the vote", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    ResponseEntity<DisputeCaseDetails> vote(@PathVariable UUID id,
            @Valid @RequestBody CaseRequests.ResolutionChoice choice, @Parameter(hidden = true) Caller caller) {
        return created(id, procedure.step(new DisputeId(id), caller,
                c -> c.vote(caller, choice.resolution(), choice.conditions(), procedure.now())));
    }

    @PostMapping("/{id}/extension")
    @Operation(summary = "Extend the panel's two-thirds deadline once (the chair)")
    @ApiResponse(responseCode = "200", description = "The case with the deadline extended", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Not a party that may take this step")
    @ApiResponse(responseCode = "409", description = "Not possible where the case stands now")
    DisputeCaseDetails extend(@PathVariable UUID id, @Valid @RequestBody(required = false) CaseRequests.OptionalReason reason,
            @Parameter(hidden = true) Caller caller) {
        return DisputeCaseDetails.of(procedure.step(new DisputeId(id), caller, c -> c.extendPanelDeadline(caller,
                reason == null ? null : reason.reason(), procedure.now(), procedure.rules())));
    }

    private static ResponseEntity<DisputeCaseDetails> created(UUID id, DisputeCase.Snapshot snapshot) {
        return ResponseEntity.status(HttpStatus.CREATED).body(DisputeCaseDetails.of(snapshot));
    }
}
