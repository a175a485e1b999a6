package org.cbdf.dispute.cases.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cbdf.dispute.cases.CasePage;
import org.cbdf.dispute.cases.DisputeCases;
import org.cbdf.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/disputes")
@Tag(name = "Disputes", description = "Dispute cases on transfers")
class DisputeCasesController {

    private final DisputeCases disputeCases;

    DisputeCasesController(DisputeCases disputeCases) {
        this.disputeCases = disputeCases;
    }

    @GetMapping
    @Operation(summary = "The dispute cases you are party to, newest first",
            description = "Auditors see every case, regulators the cases their jurisdiction is a party to, "
                    + "enterprises the cases on their organisation's transfers.")
    CasePage<DisputeCaseView> list(
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Cases per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(hidden = true) Caller caller) {
        return disputeCases.visibleTo(caller, page, size).map(DisputeCaseView::of);
    }
}
