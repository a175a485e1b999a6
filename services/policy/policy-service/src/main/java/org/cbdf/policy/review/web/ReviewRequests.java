package org.cbdf.policy.review.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of the procedure's steps. Enumerations are plain strings, checked by the review after it checked who
 * asks, so that an outsider is refused for who it is, not for what it sent.
 */
final class ReviewRequests {

    private ReviewRequests() {
    }

    record Opening(
            @Schema(description = "POLICY_ADMIN only: the jurisdiction or bloc acted for (a regulator reviews for its own, "
                    + "from its token)", example = "EU") String authority,
            Subject subject,
            @Schema(description = "instead of a subject: the id of another jurisdiction's review in force, recognised by "
                    + "reference") String recognises,
            @Schema(description = "why the review is opened, e.g. a court ruling") String reason) {
    }

    record Subject(
            @Schema(description = "JURISDICTION, CERTIFICATION or MODEL_CLAUSES", example = "JURISDICTION") String kind,
            @Schema(description = "the jurisdiction reviewed (ISO 3166-1 code or bloc); for a standard, the destinations "
                    + "it is limited to", example = "KR") String jurisdiction,
            @Schema(description = "a sector or scheme within the jurisdiction: DPF_CERTIFIED, UK_EXTENSION, "
                    + "COMMERCIAL_ORGANISATIONS") String sector,
            @Schema(description = "CERTIFICATION: the certifications the scheme issues", example = "[\"GLOBAL_CBPR\"]")
            List<String> certifications,
            @Schema(description = "MODEL_CLAUSES: the clauses' name and reference") String modelClauses,
            @Schema(description = "in words, e.g. organisations on the Data Privacy Framework List") String description) {
    }

    record FindingBody(
            @Schema(description = "the finding on the criterion") String finding,
            @Schema(description = "ESSENTIALLY_EQUIVALENT, EQUIVALENT_WITH_CONDITIONS or NOT_EQUIVALENT") String rating,
            EvidenceBody evidence) {
    }

    record EvidenceBody(String text,
            @Schema(description = "absolute http(s) URLs") List<String> links,
            @Schema(description = "documents by name and lower-case hex SHA-256 (the bytes stay with the parties)")
            List<DocumentBody> documents) {
    }

    record DocumentBody(String name, String sha256) {
    }

    record OpinionRequest(
            @Schema(description = "the jurisdictions whose regulators are asked for an opinion", example = "[\"FR\", \"JP\"]")
            List<String> from,
            @Schema(description = "when the opinions are due; default: now + cbdf.policy.reviews.opinions (P4W)")
            Instant deadline) {
    }

    record OpinionBody(
            @Schema(description = "FAVOURABLE, FAVOURABLE_WITH_CONDITIONS or UNFAVOURABLE") String position,
            String text,
            @Schema(description = "only with FAVOURABLE_WITH_CONDITIONS, and then at least one") List<String> conditions) {
    }

    record AdoptionBody(
            @Schema(description = "ADEQUATE (default), or for a follow-up SUSPENDED or REVOKED (immediate effect)")
            String outcome,
            @Schema(description = "ADEQUATE: the sector or scheme covered (default: the subject's); DPF_CERTIFIED, "
                    + "UK_EXTENSION, COMMERCIAL_ORGANISATIONS") String scope,
            @Schema(description = "ADEQUATE: conditions attached (required when a criterion was found equivalent only "
                    + "with conditions)") List<String> conditions,
            @Schema(description = "ADEQUATE: from when it applies (default today; a follow-up of an instrument in force "
                    + "applies today)") LocalDate entryIntoForce,
            @Schema(description = "ADEQUATE: the periodic review date; default and latest: entry into force + P4Y "
                    + "(GDPR Art. 45(3))") LocalDate reviewDate,
            @Schema(description = "ADEQUATE: an end date, if the decision has one") LocalDate validUntil,
            @Schema(description = "the legal act, e.g. Commission Implementing Decision (EU) 2027/123") String legalReference,
            String reason) {
    }

    record Reason(String reason) {
    }

    record FlagDecision(
            @Schema(description = "MAINTAIN, SUSPEND, REVOKE or REVIEW") String decision,
            String reason) {
    }
}
