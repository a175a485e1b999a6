package org.cbdf.policy.administration;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.cbdf.platform.security.Caller;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.policy.events.RulePackPublished;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.RecognitionAgreements;
import org.cbdf.policy.rules.RulePackInfo;
import org.cbdf.policy.versions.PolicyVersions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Adequacy decisions, recognition agreements and rule packs: everyone authenticated reads, POLICY_ADMIN changes. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
class PolicyAdministrationController {

    /** A status change: the new status and why. */
    record StatusChange(String status, String reason) {
    }

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
    AdequacyDecisionChanged changeAdequacyDecision(@PathVariable String id, @RequestBody StatusChange change,
            Caller caller) {
        return administration.changeAdequacyDecision(id, status(change), reason(change), caller.username());
    }

    @GetMapping("/recognition-agreements")
    List<RecognitionAgreements.Agreement> recognitionAgreements() {
        return policies.current().recognitionAgreements().agreements();
    }

    @GetMapping("/recognition-agreements/{id}")
    RecognitionAgreements.Agreement recognitionAgreement(@PathVariable String id) {
        return policies.current().recognitionAgreements().byId(id)
                .orElseThrow(() -> PolicyChangeRefused.notFound("recognition agreement " + id));
    }

    @Operation(summary = "Change a recognition agreement's status (POLICY_ADMIN)")
    @PutMapping("/recognition-agreements/{id}")
    @PreAuthorize("hasRole('POLICY_ADMIN')")
    RecognitionAgreementChanged changeRecognitionAgreement(@PathVariable String id, @RequestBody StatusChange change,
            Caller caller) {
        return administration.changeRecognitionAgreement(id, status(change), reason(change), caller.username());
    }

    @Operation(summary = "The rule packs in force, with their rules and YAML")
    @GetMapping("/rule-packs")
    List<RulePackInfo> rulePacks() {
        return policies.current().rulePacks();
    }

    @GetMapping("/rule-packs/{jurisdiction}")
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
    RulePackPublished publishRulePack(@PathVariable String jurisdiction, @RequestBody String yaml, Caller caller) {
        return administration.publishRulePack(jurisdiction, yaml, caller.username());
    }

    @Operation(summary = "Every policy version stored, newest first (the shipped version is implicit before the first)")
    @GetMapping("/policy-versions")
    List<Map<String, Object>> policyVersions() {
        return policies.history();
    }

    private static DecisionStatus status(StatusChange change) {
        if (change.status() == null) {
            throw PolicyChangeRefused.field("status", "is required");
        }
        try {
            return DecisionStatus.valueOf(change.status());
        } catch (IllegalArgumentException e) {
            throw PolicyChangeRefused.field("status", "must be one of ACTIVE, UNDER_CHALLENGE, SUSPENDED, REVOKED, was "
                    + change.status());
        }
    }

    private static String reason(StatusChange change) {
        if (change.reason() == null || change.reason().isBlank()) {
            throw PolicyChangeRefused.field("reason", "is required");
        }
        return change.reason();
    }
}
