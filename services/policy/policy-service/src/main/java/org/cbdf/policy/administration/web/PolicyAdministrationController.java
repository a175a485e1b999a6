package org.cbdf.policy.administration.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.administration.PolicyAdministration;
import org.cbdf.policy.administration.PolicyChangeRefused;
import org.cbdf.policy.administration.StatusChangePreview;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.NegativeListChanged;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.policy.events.ReviewCriteriaChanged;
import org.cbdf.policy.events.RulePackPublished;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.FreeTradeZones;
import org.cbdf.policy.rules.RecognitionAgreements;
import org.cbdf.policy.rules.ReviewCriteria;
import org.cbdf.policy.rules.RulePackInfo;
import org.cbdf.policy.versions.PolicyVersions;
import org.cbdf.transfer.events.DataCategory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adequacy decisions, recognition agreements, rule packs and free-trade-zone negative lists: everyone authenticated
 * reads, POLICY_ADMIN changes.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
class PolicyAdministrationController {

    /** A status change: the new status and why. */
    record StatusChange(String status, String reason) {
    }

    /** A free trade zone's negative list as published, and why it is loaded now. */
    record NegativeListBody(
            @Schema(description = "who published the list, as named on it") String authority,
            @Schema(description = "the list's title and document number") String legalReference,
            @Schema(description = "the day the list takes effect", example = "2026-01-01") LocalDate effective,
            List<EntryBody> entries,
            @Schema(description = "why the list is loaded now, e.g. its approval and filing") String reason) {
    }

    /** One request data category on the list, with the zone's own items that put it there. */
    record EntryBody(@Schema(example = "SENSITIVE_PERSONAL") String category,
            @Schema(description = "the zone's own items (number and title) that put the category on the list")
            List<String> zoneItems) {
    }

    private static final String PREVIEW = "?status= the status to preview (required), &reason= the reason the change "
            + "will give (optional). Nothing is stored or published: the changed policy is applied in memory and every "
            + "transfer whose newest assessment relies on the instrument is evaluated again, exactly as the change would "
            + "(same ledger counts; with the same reason, the same assessment and policyVersionAfter). Each transfer: id, "
            + "organization, route, currentOutcome, outcome, suspension (what the transfer service does with such an "
            + "assessment: SUSPENDS for PROHIBITED; SUSPENDS_IF_ACTIVE for REVIEW_REQUIRED, i.e. a permitted or approved "
            + "transfer is suspended until approved again; DOES_NOT_SUSPEND otherwise), the approvals it would need and "
            + "the rules whose trace entry changes (before/after). A change that keeps the instrument in force, or brings "
            + "it back, reassesses nothing: reassesses false, no transfers. 400 unknown or missing status, 404 unknown "
            + "id, 409 the status it has.";

    private static final List<String> CATEGORIES = java.util.Arrays.stream(DataCategory.values()).map(Enum::name)
            .toList();

    private final PolicyVersions policies;
    private final PolicyAdministration administration;

    PolicyAdministrationController(PolicyVersions policies, PolicyAdministration administration) {
        this.policies = policies;
        this.administration = administration;
    }

    @Operation(summary = "Adequacy decisions in force now (with their status, scope, dates and legal reference)")
    @GetMapping("/adequacy-decisions")
    List<AdequacyDecisions.Decision> adequacyDecisions() {
        return policies.current().adequacyDecisions().decisions();
    }

    @GetMapping("/adequacy-decisions/{id}")
    @Operation(summary = "An adequacy decision")
    @ApiResponse(responseCode = "200", description = "The adequacy decision", useReturnTypeSchema = true)
    AdequacyDecisions.Decision adequacyDecision(@PathVariable String id) {
        return policies.current().adequacyDecisions().byId(id)
                .orElseThrow(() -> PolicyChangeRefused.notFound("adequacy decision " + id));
    }

    @Operation(summary = "Change an adequacy decision's status (POLICY_ADMIN)",
            description = "Body {status: ACTIVE|UNDER_CHALLENGE|SUSPENDED|REVOKED, reason}. Publishes "
                    + "policy.adequacy-decision-changed.v1 with the new policyVersion; SUSPENDED or REVOKED reassesses "
                    + "every transfer whose assessment relied on the decision.")
    @PutMapping("/adequacy-decisions/{id}")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: the decision has this status already")
    AdequacyDecisionChanged changeAdequacyDecision(@PathVariable String id, @RequestBody StatusChange change,
            Caller caller) {
        return administration.changeAdequacyDecision(id, status(change), reason(change), caller.username());
    }

    @Operation(summary = "Preview which transfers an adequacy decision's status change would reassess (POLICY_ADMIN)",
            description = PREVIEW)
    @GetMapping("/adequacy-decisions/{id}/status-change-preview")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    StatusChangePreview previewAdequacyDecisionChange(@PathVariable String id,
            @Parameter(required = true, example = "SUSPENDED",
                    description = "the status to preview: ACTIVE, UNDER_CHALLENGE, SUSPENDED or REVOKED")
            @RequestParam(required = false) String status,
            @Parameter(description = "the reason the change will give (optional): it becomes the decision's note, "
                    + "which the trace quotes") @RequestParam(required = false) String reason) {
        return administration.previewAdequacyDecisionStatus(id, status(status), blankToNull(reason));
    }

    @GetMapping("/recognition-agreements")
    List<RecognitionAgreements.Agreement> recognitionAgreements() {
        return policies.current().recognitionAgreements().agreements();
    }

    @GetMapping("/recognition-agreements/{id}")
    @Operation(summary = "A recognition agreement")
    @ApiResponse(responseCode = "200", description = "The recognition agreement", useReturnTypeSchema = true)
    RecognitionAgreements.Agreement recognitionAgreement(@PathVariable String id) {
        return policies.current().recognitionAgreements().byId(id)
                .orElseThrow(() -> PolicyChangeRefused.notFound("recognition agreement " + id));
    }

    @Operation(summary = "Change a recognition agreement's status (POLICY_ADMIN)")
    @PutMapping("/recognition-agreements/{id}")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: the agreement has this status already")
    RecognitionAgreementChanged changeRecognitionAgreement(@PathVariable String id, @RequestBody StatusChange change,
            Caller caller) {
        return administration.changeRecognitionAgreement(id, status(change), reason(change), caller.username());
    }

    @Operation(summary = "Preview which transfers a recognition agreement's status change would reassess (POLICY_ADMIN)",
            description = PREVIEW)
    @GetMapping("/recognition-agreements/{id}/status-change-preview")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    StatusChangePreview previewRecognitionAgreementChange(@PathVariable String id,
            @Parameter(required = true, example = "SUSPENDED",
                    description = "the status to preview: ACTIVE, UNDER_CHALLENGE, SUSPENDED or REVOKED")
            @RequestParam(required = false) String status,
            @Parameter(description = "the reason the change will give (optional): it becomes the agreement's note, "
                    + "which the trace quotes") @RequestParam(required = false) String reason) {
        return administration.previewRecognitionAgreementStatus(id, status(status), blankToNull(reason));
    }

    @Operation(summary = "The rule packs in force, with their rules and YAML")
    @GetMapping("/rule-packs")
    List<RulePackInfo> rulePacks() {
        return policies.current().rulePacks();
    }

    @GetMapping("/rule-packs/{jurisdiction}")
    @Operation(summary = "A jurisdiction's rule pack in force")
    @ApiResponse(responseCode = "200", description = "The rule pack in force", useReturnTypeSchema = true)
    RulePackInfo rulePack(@PathVariable String jurisdiction) {
        return policies.current().rulePacks().stream().filter(p -> p.jurisdiction().equals(jurisdiction)).findFirst()
                .orElseThrow(() -> PolicyChangeRefused.notFound("rule pack " + jurisdiction));
    }

    @Operation(summary = "Publish a new version of a rule pack (POLICY_ADMIN)",
            description = "Body: the pack's YAML (application/yaml or text/plain). Validated and every rule's CEL "
                    + "condition compiled and type-checked; a pack that does not is refused with a problem document "
                    + "naming the rule, the line and the column, and nothing is stored or published.")
    @PutMapping(value = "/rule-packs/{jurisdiction}", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
            "text/plain"})
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: the uploaded pack is the one in force")
    RulePackPublished publishRulePack(@PathVariable String jurisdiction, @RequestBody String yaml, Caller caller) {
        return administration.publishRulePack(jurisdiction, yaml, caller.username());
    }

    @Operation(summary = "China's pilot free trade zones and the negative lists loaded for them (CAC Provisions 2024, Art. 6)")
    @GetMapping("/free-trade-zones")
    List<FreeTradeZones.Zone> freeTradeZones() {
        return policies.current().freeTradeZones().zones();
    }

    @GetMapping("/free-trade-zones/{code}")
    @Operation(summary = "A free trade zone and its negative list")
    @ApiResponse(responseCode = "200", description = "The free trade zone", useReturnTypeSchema = true)
    FreeTradeZones.Zone freeTradeZone(@PathVariable String code) {
        return policies.current().freeTradeZones().byCode(code)
                .orElseThrow(() -> PolicyChangeRefused.notFound("free trade zone " + code));
    }

    @Operation(summary = "Load or replace a free trade zone's negative list (POLICY_ADMIN)",
            description = "Body {authority, legalReference, effective, entries: [{category, zoneItems}], reason}: the "
                    + "list as the zone published it, each entry a request data category (PERSONAL, SENSITIVE_PERSONAL, "
                    + "IMPORTANT_DATA, NON_PERSONAL, CHILDREN) with the zone's items that put it on the list. Stored as a "
                    + "new policy version and published as policy.negative-list-changed.v1; replacing a list reassesses "
                    + "the transfers the previous one exempted. 400 naming each bad field, 404 unknown zone, 409 the "
                    + "same list again.")
    @PutMapping("/free-trade-zones/{code}/negative-list")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: this negative list is the one in force")
    NegativeListChanged loadNegativeList(@PathVariable String code, @RequestBody NegativeListBody body, Caller caller) {
        return administration.changeNegativeList(code, negativeList(body), body.reason(), caller.username());
    }

    @Operation(summary = "Withdraw a free trade zone's negative list (POLICY_ADMIN)",
            description = "?reason= is required. The zone then exempts nothing; the transfers its list exempted are "
                    + "reassessed. 404 unknown zone, 409 no list loaded.")
    @DeleteMapping("/free-trade-zones/{code}/negative-list")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: the zone has no negative list")
    NegativeListChanged withdrawNegativeList(@PathVariable String code, @RequestParam(required = false) String reason,
            Caller caller) {
        return administration.changeNegativeList(code, null, reason(reason), caller.username());
    }

    @Operation(summary = "The criteria adequacy reviews are assessed against (default: GDPR Art. 45(2))",
            description = "jurisdiction: for a review of a jurisdiction or a sector or scheme within it; standard: for a "
                    + "review of a certification scheme or model clauses. Each review keeps the criteria it was opened "
                    + "with; policyVersion is the version they come from.")
    @GetMapping("/adequacy-review-criteria")
    Map<String, Object> reviewCriteria() {
        PolicyVersions.CriteriaInForce inForce = policies.reviewCriteria();
        return Map.of("jurisdiction", inForce.criteria().jurisdiction(), "standard", inForce.criteria().standard(),
                "policyVersion", inForce.policyVersion());
    }

    /** The review criteria as a policy administrator replaces them, and why. */
    record CriteriaBody(List<ReviewCriteria.Criterion> jurisdiction, List<ReviewCriteria.Criterion> standard,
            @Schema(description = "why the criteria change") String reason) {
    }

    @Operation(summary = "Replace the adequacy review criteria (POLICY_ADMIN)",
            description = "Body {jurisdiction: [{id, title, citation, description}], standard: [...], reason}. Stored as "
                    + "a new policy version and published as policy.review-criteria-changed.v1; reviews already open "
                    + "keep their criteria. 400 naming each bad field, 409 the criteria in force again.")
    @PutMapping("/adequacy-review-criteria")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    @ApiResponse(responseCode = "200", description = "A new policy version, published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Nothing to change: these are the criteria in force")
    ReviewCriteriaChanged changeReviewCriteria(@RequestBody CriteriaBody body, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        criteria(body.jurisdiction(), "jurisdiction", errors);
        criteria(body.standard(), "standard", errors);
        if (body.reason() == null || body.reason().isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        }
        if (!errors.isEmpty()) {
            throw PolicyChangeRefused.fields(errors);
        }
        return administration.changeReviewCriteria(new ReviewCriteria(body.jurisdiction(), body.standard()),
                body.reason(), caller.username());
    }

    private static void criteria(List<ReviewCriteria.Criterion> criteria, String list, List<FieldError> errors) {
        if (criteria == null || criteria.isEmpty()) {
            errors.add(new FieldError(list, "must list at least one criterion"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            ReviewCriteria.Criterion c = criteria.get(i);
            String field = list + "[" + i + "]";
            if (c == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            if (c.id() == null || !c.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
                errors.add(new FieldError(field + ".id", "must be lower-case letters, digits and dashes, was " + c.id()));
            } else if (!ids.add(c.id())) {
                errors.add(new FieldError(field + ".id", c.id() + " is listed twice"));
            }
            if (c.title() == null || c.title().isBlank()) {
                errors.add(new FieldError(field + ".title", "is required"));
            }
            if (c.citation() == null || c.citation().isBlank()) {
                errors.add(new FieldError(field + ".citation", "is required (where the law asks it)"));
            }
        }
    }

    @Operation(summary = "Every policy version stored, newest first (the shipped version is implicit before the first)")
    @GetMapping("/policy-versions")
    List<Map<String, Object>> policyVersions() {
        return policies.history();
    }

    private static DecisionStatus status(StatusChange change) {
        return status(change.status());
    }

    private static DecisionStatus status(String status) {
        if (status == null) {
            throw PolicyChangeRefused.field("status", "is required");
        }
        try {
            return DecisionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw PolicyChangeRefused.field("status", "must be one of ACTIVE, UNDER_CHALLENGE, SUSPENDED, REVOKED, was "
                    + status);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String reason(StatusChange change) {
        return reason(change.reason());
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw PolicyChangeRefused.field("reason", "is required");
        }
        return reason;
    }

    /** The list in the body (its reason required too), or a 400 naming every bad field. */
    private static FreeTradeZones.NegativeList negativeList(NegativeListBody body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.authority() == null || body.authority().isBlank()) {
            errors.add(new FieldError("authority", "is required"));
        }
        if (body.legalReference() == null || body.legalReference().isBlank()) {
            errors.add(new FieldError("legalReference", "is required"));
        }
        if (body.effective() == null) {
            errors.add(new FieldError("effective", "is required (the day the list takes effect, like 2026-01-01)"));
        }
        if (body.reason() == null || body.reason().isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        }
        List<FreeTradeZones.Entry> entries = new ArrayList<>();
        if (body.entries() == null || body.entries().isEmpty()) {
            errors.add(new FieldError("entries", "must list at least one data category"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < body.entries().size(); i++) {
                EntryBody entry = body.entries().get(i);
                String field = "entries[" + i + "]";
                if (entry == null) {
                    errors.add(new FieldError(field, "must not be null"));
                } else if (entry.category() == null || !CATEGORIES.contains(entry.category())) {
                    errors.add(new FieldError(field + ".category", "must be one of " + String.join(", ", CATEGORIES)
                            + ", was " + entry.category()));
                } else if (!seen.add(entry.category())) {
                    errors.add(new FieldError(field + ".category", entry.category() + " is listed twice"));
                } else if (entry.zoneItems() != null
                        && entry.zoneItems().stream().anyMatch(item -> item == null || item.isBlank())) {
                    errors.add(new FieldError(field + ".zoneItems", "must not contain blank items"));
                } else {
                    entries.add(new FreeTradeZones.Entry(entry.category(), entry.zoneItems()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw PolicyChangeRefused.fields(errors);
        }
        return new FreeTradeZones.NegativeList(body.authority(), body.legalReference(), body.effective(), entries);
    }
}
