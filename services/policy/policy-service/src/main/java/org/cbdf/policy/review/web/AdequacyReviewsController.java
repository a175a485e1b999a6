package org.cbdf.policy.review.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.platform.security.Caller;
import org.cbdf.policy.review.AdequacyReview;
import org.cbdf.policy.review.AdequacyReviews;
import org.cbdf.policy.review.ReviewException;
import org.cbdf.policy.review.ReviewId;
import org.cbdf.policy.review.ReviewProcedure;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adequacy reviews between regulators (issue 10). Everyone authenticated reads adopted reviews; a draft is seen by the
 * reviewing authority's regulators, the regulators named for opinions, policy administrators and auditors. Regulators
 * and policy administrators take the steps; who may take which is the review's rule (403 otherwise).
 */
@RestController
@RequestMapping("/api/v1/adequacy-reviews")
@Tag(name = "Adequacy reviews", description = "The procedure between regulators that produces adequacy decisions and "
        + "recognition agreements (GDPR Art. 45(2)-(3) model)")
@PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR', 'POLICY_ADMIN')")
class AdequacyReviewsController {

    private final ReviewProcedure procedure;
    private final AdequacyReviews reviews;

    AdequacyReviewsController(ReviewProcedure procedure, AdequacyReviews reviews) {
        this.procedure = procedure;
        this.reviews = reviews;
    }

    @GetMapping
    @Operation(summary = "The reviews you may see, newest first",
            description = "Adopted reviews (ADOPTED, IN_FORCE, SUPERSEDED) for everyone; drafts and rejected reviews for "
                    + "the reviewing authority's regulators, the regulators named for opinions, policy administrators and "
                    + "auditors. ?status= and ?authority= filter; ?overdue=true keeps the overdue ones (opinions missing "
                    + "after their deadline, an adequate outcome in force past its review date).")
    List<AdequacyReviewView.Summary> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String authority, @RequestParam(required = false) Boolean overdue,
            @Parameter(hidden = true) Caller caller) {
        Instant now = procedure.now();
        return reviews.visibleTo(caller, status, authority).stream()
                .filter(s -> overdue == null || overdue != s.overdue(now).isEmpty())
                .map(s -> AdequacyReviewView.Summary.of(s, now)).toList();
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Open a review (REGULATOR for its own jurisdiction, POLICY_ADMIN naming the authority)",
            description = "Body {subject: {kind: JURISDICTION|CERTIFICATION|MODEL_CLAUSES, jurisdiction, sector, "
                    + "certifications, modelClauses, description}, reason} — an initial review, or a follow-up of the "
                    + "authority's decision or agreement on the subject — or {recognises: <review id>, reason}: a "
                    + "recognition by reference of another jurisdiction's review in force. The review takes the criteria "
                    + "in force. Publishes policy.adequacy-review-opened.v1.")
    @ApiResponse(responseCode = "201", description = "The review, DRAFT")
    @ApiResponse(responseCode = "400", description = "A bad subject, authority or reference, each field named")
    @ApiResponse(responseCode = "403", description = "An enterprise or auditor, or a regulator naming another authority")
    @ApiResponse(responseCode = "404", description = "The review to recognise is unknown")
    @ApiResponse(responseCode = "409", description = "A review of the same subject is open, the recognised review is not "
            + "in force, or another decision of the authority covers the subject")
    ResponseEntity<AdequacyReviewView> open(@RequestBody ReviewRequests.Opening body,
            @Parameter(hidden = true) Caller caller) {
        ReviewRequests.Subject s = body.subject();
        AdequacyReview.Snapshot opened = procedure.open(caller, new ReviewProcedure.OpenRequest(body.authority(),
                s == null ? null : new ReviewProcedure.SubjectRequest(s.kind(), s.jurisdiction(), s.sector(),
                        s.certifications(), s.modelClauses(), s.description()), body.recognises(), body.reason()));
        return ResponseEntity.created(URI.create("/api/v1/adequacy-reviews/" + opened.id())).body(view(opened));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A review: criteria and findings with evidence, opinions and their deadline, outcome, what is "
            + "overdue, timeline; for a recognition by reference the recognised review's findings")
    @ApiResponse(responseCode = "404", description = "Unknown, or a draft you may not see (indistinguishable)")
    AdequacyReviewView read(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        ReviewId reviewId = id(id);
        return procedure.read(reviewId, caller).map(this::view)
                .orElseThrow(() -> notFound(id));
    }

    @PutMapping("/{id}/findings/{criterion}")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Record or revise the finding on one criterion (the reviewing authority)",
            description = "Body {finding, rating: ESSENTIALLY_EQUIVALENT|EQUIVALENT_WITH_CONDITIONS|NOT_EQUIVALENT, "
                    + "evidence: {text, links: [https://…], documents: [{name, sha256}]}}. While DRAFT or "
                    + "OPINIONS_REQUESTED.")
    AdequacyReviewView recordFinding(@PathVariable String id, @PathVariable String criterion,
            @RequestBody ReviewRequests.FindingBody body, @Parameter(hidden = true) Caller caller) {
        ReviewRequests.EvidenceBody e = body.evidence();
        AdequacyReview.Evidence evidence = e == null ? null : new AdequacyReview.Evidence(e.text(), e.links(),
                e.documents() == null ? null : e.documents().stream()
                        .map(d -> d == null ? null : new AdequacyReview.Document(d.name(), d.sha256())).toList());
        return view(procedure.step(id(id), caller, r -> r.recordFinding(caller, criterion, body.finding(),
                body.rating(), evidence, procedure.now())));
    }

    @PostMapping("/{id}/opinion-requests")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Ask named regulators for their opinion on the draft (the reviewing authority)",
            description = "Body {from: [jurisdictions], deadline?}. Every criterion needs a finding. Each named regulator "
                    + "files one opinion by the deadline (default 4 weeks); after it, the review may be adopted without "
                    + "the missing ones, which stay visible as overdue. Publishes "
                    + "policy.adequacy-review-opinions-requested.v1.")
    AdequacyReviewView requestOpinions(@PathVariable String id, @RequestBody ReviewRequests.OpinionRequest body,
            @Parameter(hidden = true) Caller caller) {
        return view(procedure.requestOpinions(id(id), caller, body.from(), body.deadline()));
    }

    @PostMapping("/{id}/opinions")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "File your opinion, once, by the deadline (a named regulator)",
            description = "Body {position: FAVOURABLE|FAVOURABLE_WITH_CONDITIONS|UNFAVOURABLE, text, conditions}. "
                    + "Publishes policy.adequacy-review-opinion-filed.v1.")
    ResponseEntity<AdequacyReviewView> fileOpinion(@PathVariable String id, @RequestBody ReviewRequests.OpinionBody body,
            @Parameter(hidden = true) Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(view(procedure.step(id(id), caller,
                r -> r.fileOpinion(caller, body.position(), body.text(), body.conditions(), procedure.now()))));
    }

    @PostMapping("/{id}/adoption")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Adopt the outcome (the reviewing authority)",
            description = "Body {outcome: ADEQUATE|SUSPENDED|REVOKED, scope, conditions, entryIntoForce, reviewDate, "
                    + "validUntil, legalReference, reason}. ADEQUATE produces or renews the adequacy decision (a "
                    + "jurisdiction) or recognition agreement (a standard) the engine uses, naming this review, so every "
                    + "assessment from then on cites it; SUSPENDED/REVOKED (a follow-up, immediate effect) reassesses the "
                    + "transfers that relied on it and flags the jurisdictions that recognised it by reference. A new "
                    + "policy version, policy.adequacy-decision-changed.v1 (or recognition-agreement-changed) and "
                    + "policy.adequacy-review-concluded.v1.")
    AdequacyReviewView adopt(@PathVariable String id, @RequestBody ReviewRequests.AdoptionBody body,
            @Parameter(hidden = true) Caller caller) {
        return view(procedure.adopt(id(id), caller, new AdequacyReview.AdoptionTerms(body.outcome(), body.scope(),
                body.conditions(), body.entryIntoForce(), body.reviewDate(), body.validUntil(), body.legalReference(),
                body.reason())));
    }

    @PostMapping("/{id}/rejection")
    @PreAuthorize("hasAnyRole('REGULATOR', 'POLICY_ADMIN')")
    @Operation(summary = "Reject the draft (the reviewing authority): nothing in the policy changes",
            description = "Body {reason}. Publishes policy.adequacy-review-concluded.v1 with status REJECTED.")
    AdequacyReviewView reject(@PathVariable String id, @RequestBody ReviewRequests.Reason body,
            @Parameter(hidden = true) Caller caller) {
        return view(procedure.step(id(id), caller, r -> r.reject(caller, body.reason(), procedure.now())));
    }

    private AdequacyReviewView view(AdequacyReview.Snapshot s) {
        AdequacyReview.Snapshot recognised = s.recognises() == null ? null : reviews.find(s.recognises()).orElse(null);
        return AdequacyReviewView.of(s, recognised, procedure.now(), procedure.consultedBy(s.authority(), s.subject()));
    }

    /** A path id that is not a UUID names no review: 404, as an unknown one. */
    static ReviewId id(String id) {
        return ReviewId.parse(id).orElseThrow(() -> notFound(id));
    }

    private static ReviewException notFound(String id) {
        return ReviewProcedure.notFound("adequacy review " + id);
    }
}
