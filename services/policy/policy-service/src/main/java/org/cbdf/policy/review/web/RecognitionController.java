package org.cbdf.policy.review.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.platform.security.Caller;
import org.cbdf.policy.review.RecognitionFlag;
import org.cbdf.policy.review.RecognitionFlags;
import org.cbdf.policy.review.RecognitionMap;
import org.cbdf.policy.review.FlagId;
import org.cbdf.policy.review.ReviewProcedure;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mutual recognition: the map between jurisdictions, and the flags to jurisdictions that recognised by reference. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Mutual recognition", description = "Mutual adequacy, recognition by reference and its flags")
class RecognitionController {

    /** A flag as the API shows it, with whether its deadline passed undecided. */
    record FlagView(UUID id, String status, RecognitionFlag.Raising raising, Instant raisedAt, Instant deadline,
            boolean overdue, RecognitionFlag.Resolution resolution, long version) {

        static FlagView of(RecognitionFlag.Snapshot s, Instant now) {
            return new FlagView(s.id(), s.status().name(), s.raising(), s.raisedAt(), s.deadline(), s.overdue(now),
                    s.resolution(), s.version());
        }
    }

    private final ReviewProcedure procedure;
    private final RecognitionFlags flags;

    RecognitionController(ReviewProcedure procedure, RecognitionFlags flags) {
        this.procedure = procedure;
        this.flags = flags;
    }

    @GetMapping("/adequacy-recognition-map")
    @PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
    @Operation(summary = "Who recognises whom: adequacy decisions in force, mutual adequacy, recognitions by reference, "
            + "recognised standards")
    RecognitionMap recognitionMap() {
        return procedure.recognitionMap();
    }

    @GetMapping("/recognition-flags")
    @PreAuthorize("hasAnyRole('REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
    @Operation(summary = "Flags to jurisdictions that recognised a since suspended or revoked decision by reference",
            description = "A regulator sees its jurisdiction's; auditors and policy administrators all. Newest first.")
    List<FlagView> flags(@Parameter(hidden = true) Caller caller) {
        Instant now = procedure.now();
        return flags.visibleTo(caller).stream().map(f -> FlagView.of(f, now)).toList();
    }

    @GetMapping("/recognition-flags/{id}")
    @PreAuthorize("hasAnyRole('REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
    FlagView flag(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        FlagId flagId = id(id);
        return flags.find(flagId.value()).filter(f -> RecognitionFlag.restore(f).visibleTo(caller))
                .map(f -> FlagView.of(f, procedure.now()))
                .orElseThrow(() -> ReviewProcedure.notFound("recognition flag " + id));
    }

    @PostMapping("/recognition-flags/{id}/resolution")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Decide about your own decision or agreement (the recognising jurisdiction)",
            description = "Body {decision: MAINTAIN|SUSPEND|REVOKE|REVIEW, reason}. SUSPEND/REVOKE open a follow-up "
                    + "review and adopt it at once (a new policy version, reassessment of the transfers that relied on "
                    + "your instrument); REVIEW opens one (or takes the one open). Publishes "
                    + "policy.recognition-flag-resolved.v1.")
    FlagView resolve(@PathVariable String id, @RequestBody ReviewRequests.FlagDecision body,
            @Parameter(hidden = true) Caller caller) {
        return FlagView.of(procedure.resolveFlag(id(id), caller, body.decision(), body.reason()), procedure.now());
    }

    /** A path id that is not a UUID names no flag: 404, as an unknown one. */
    private static FlagId id(String id) {
        return FlagId.parse(id).orElseThrow(() -> ReviewProcedure.notFound("recognition flag " + id));
    }
}
