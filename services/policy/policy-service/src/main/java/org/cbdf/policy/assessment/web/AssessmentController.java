package org.cbdf.policy.assessment.web;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.Refusal;
import org.cbdf.policy.assessment.Assessments;
import org.cbdf.policy.assessment.StoredAssessment;
import org.cbdf.policy.assessment.VolumeLedger;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.RuleEvaluationException;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.policy.versions.PolicyVersions;
import org.cbdf.transfer.events.TransferRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/assessments")
@PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
class AssessmentController {

    private static final Logger log = LoggerFactory.getLogger(AssessmentController.class);

    private final PolicyVersions policies;
    private final Assessments assessments;
    private final VolumeLedger ledger;
    private final JsonMapper json;
    private final Clock clock;

    AssessmentController(PolicyVersions policies, Assessments assessments, VolumeLedger ledger, JsonMapper json,
            Clock clock) {
        this.policies = policies;
        this.assessments = assessments;
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Dry run: assess a transfer request without creating a transfer",
            description = "The body is a transfer request (docs/design.md §3). Nothing is stored or published. policyVersion "
                    + "re-evaluates under any past version (404 if never in force); without it, the version in force. "
                    + "For an enterprise the volume ledger's count of its organisation this year is included (and not "
                    + "added to).")
    @PostMapping("/evaluate")
    Assessment evaluate(@RequestBody JsonNode body, @RequestParam(required = false) String policyVersion,
            Caller caller, HttpServletRequest servletRequest) {
        if (!body.isObject()) {
            throw Refusal.invalid(List.of(new FieldError("$", "expected a transfer request object")));
        }
        TransferRequest request;
        try {
            request = json.treeToValue(body, TransferRequest.class);
        } catch (JacksonException e) {
            // the platform's problem handler names the field and the reason
            throw new HttpMessageNotReadableException(e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(servletRequest));
        }
        List<FieldError> errors = TransferRequestValidation.validate(request,
                TransferRequestValidation.absentNumbers(body));
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        AssessmentEngine engine = policyVersion == null ? policies.current()
                : policies.byVersion(policyVersion).orElseThrow(() -> policyVersionNotFound(policyVersion));
        YearToDate soFar = caller.has(Role.ENTERPRISE) && caller.organization().isPresent()
                ? ledger.soFar(caller.organization().get(), VolumeLedger.yearOf(clock.instant()))
                : YearToDate.NONE;
        return engine.assess(request, soFar);
    }

    @Operation(summary = "The latest assessment of a transfer",
            description = "Auditors and policy administrators see every assessment; an enterprise only its own "
                    + "organisation's; a regulator those where its jurisdiction is origin, destination, onward or "
                    + "asked to approve. Anything else is 404.")
    @GetMapping("/{transferId}")
    StoredAssessment latest(@PathVariable String transferId, Caller caller) {
        StoredAssessment stored = assessments.latest(transferId)
                .orElseThrow(() -> assessmentNotFound(transferId));
        if (!maySee(caller, stored)) {
            throw assessmentNotFound(transferId);
        }
        return stored;
    }

    private static boolean maySee(Caller caller, StoredAssessment stored) {
        if (caller.has(Role.AUDITOR) || caller.has(Role.POLICY_ADMIN)) {
            return true;
        }
        if (caller.has(Role.ENTERPRISE) && caller.organization().filter(stored.organization()::equals).isPresent()) {
            return true;
        }
        return caller.has(Role.REGULATOR) && caller.jurisdiction().filter(stored::concernsRegulatorOf).isPresent();
    }

    /**
     * A rule of the policy asked for could not be evaluated (its condition ran out of its iteration budget): the
     * assessment is not made, and the answer says which rule, rather than a bare internal error or a finding.
     */
    @ExceptionHandler(RuleEvaluationException.class)
    ResponseEntity<ProblemDetail> ruleNotEvaluated(RuleEvaluationException e) {
        log.error("A dry-run assessment failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                e.getMessage() + "; no assessment was made");
        problem.setTitle("Assessment failed");
        problem.setProperty("rule", e.ruleId());
        return ResponseEntity.internalServerError().body(problem);
    }

    /** No assessment the caller may see: absent and not-yours look the same, so nothing leaks. */
    private static Refusal assessmentNotFound(String transferId) {
        return Refusal.notFound("Assessment not found", "transferId", transferId,
                "No assessment of transfer " + transferId + " that you may see.");
    }

    /** No policy version with that hash was ever in force. */
    private static Refusal policyVersionNotFound(String version) {
        return Refusal.notFound("Policy version not found", "policyVersion", version,
                "Policy version " + version + " was never in force here.");
    }
}
