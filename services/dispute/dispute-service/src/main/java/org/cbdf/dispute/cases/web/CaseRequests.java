package org.cbdf.dispute.cases.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cbdf.dispute.events.Resolution;

/** The bodies of the procedure's steps. */
final class CaseRequests {

    private CaseRequests() {
    }

    /** A regulator's reasoned objection to another regulator's decision on a transfer both are party to. */
    record Objection(
            @NotBlank String transferId,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String objectsTo,
            @NotBlank @Size(max = 20_000) String grounds,
            @Size(max = 50) List<@NotBlank String> rules) {
    }

    record StatementFiling(
            @NotBlank @Size(max = 20_000) String text,
            @Size(max = 50) List<@Valid @NotNull AttachmentHash> attachments) {
    }

    record AttachmentHash(
            @NotBlank @Size(max = 255) String name,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be the lower-case hex SHA-256 of the attachment")
            String sha256) {
    }

    record ResolutionChoice(
            @NotNull Resolution resolution,
            @Size(max = 50) List<@NotBlank String> conditions) {
    }

    record Acceptance(@NotNull Integer proposal) {
    }

    record Reason(@NotBlank @Size(max = 20_000) String reason) {
    }

    record OptionalReason(@Size(max = 20_000) String reason) {
    }
}
