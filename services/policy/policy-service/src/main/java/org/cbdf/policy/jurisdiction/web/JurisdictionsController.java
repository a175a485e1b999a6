package org.cbdf.policy.jurisdiction.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.cbdf.policy.rules.JurisdictionInfo;
import org.cbdf.policy.versions.PolicyVersions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jurisdictions")
@PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
class JurisdictionsController {

    private final PolicyVersions policies;

    JurisdictionsController(PolicyVersions policies) {
        this.policies = policies;
    }

    @Operation(summary = "The jurisdictions the assessment engine knows",
            description = "ISO 3166-1 code, English name, blocs, and whether an export rule pack governs it.")
    @GetMapping
    List<JurisdictionInfo> jurisdictions() {
        return policies.current().jurisdictions();
    }
}
