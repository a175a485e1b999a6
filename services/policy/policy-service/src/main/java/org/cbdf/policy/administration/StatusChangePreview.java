package org.cbdf.policy.administration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.policy.assessment.AssessTransfers;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Outcome;
import org.cbdf.transfer.events.TransferRequest;

/**
 * What a status change of an adequacy decision or a recognition agreement would do to the transfers relying on it,
 * worked out with the changed instrument applied in memory only: nothing is stored or published. Given the reason
 * the change will carry, each transfer's assessment after it is exactly the one the change then publishes.
 */
@Schema(description = "The transfers a status change would reassess, and what it would make of each; nothing is stored")
public record StatusChangePreview(
        @Schema(description = "adequacy-decision or recognition-agreement", example = "adequacy-decision") String instrument,
        @Schema(example = "eu-us-dpf") String id,
        @Schema(example = "UNDER_CHALLENGE") String currentStatus,
        @Schema(description = "the status previewed", example = "SUSPENDED") String status,
        @Schema(description = "whether the change would reassess anything: only taking the instrument out of force "
                + "(ACTIVE or UNDER_CHALLENGE to SUSPENDED or REVOKED) does") boolean reassesses,
        @Schema(description = "the policy version in force") String policyVersion,
        @Schema(description = "the policy version the change would store (with the same reason)") String policyVersionAfter,
        @Schema(description = "every transfer whose newest assessment relies on the instrument, by transfer id; empty "
                + "when the change reassesses nothing") List<TransferPreview> transfers) {

    /**
     * What the transfer service does with the new assessment (docs/design.md §4, its TransferStatus): a PROHIBITED one
     * suspends a permitted, approved, conditional or awaiting transfer; a REVIEW_REQUIRED one suspends a permitted or
     * approved transfer (it needs approving again) while one awaiting approval keeps waiting; a PERMITTED or
     * CONDITIONAL one suspends nothing (and reinstates a transfer suspended earlier). Transfers decided for good keep
     * their status whatever the assessment.
     */
    enum Suspension {
        SUSPENDS, SUSPENDS_IF_ACTIVE, DOES_NOT_SUSPEND;

        static Suspension under(Outcome outcome) {
            return switch (outcome) {
                case PROHIBITED -> SUSPENDS;
                case REVIEW_REQUIRED -> SUSPENDS_IF_ACTIVE;
                case PERMITTED, CONDITIONAL -> DOES_NOT_SUSPEND;
            };
        }
    }

    /** Where the data goes: the exporter's jurisdiction, the importer's, and the onward recipients'. */
    record Route(@Schema(example = "DE") String origin, @Schema(example = "US") String destination,
            List<String> onward) {

        static Route of(TransferRequest request) {
            Set<String> onward = new LinkedHashSet<>();
            if (request.onwardTransfers() != null) {
                request.onwardTransfers().forEach(o -> onward.add(o.jurisdiction()));
            }
            return new Route(request.exporter().jurisdiction(), request.importer().jurisdiction(), List.copyOf(onward));
        }
    }

    /**
     * A rule whose trace entry would change: {@code before} is null for a rule the transfer's current assessment did
     * not consider, {@code after} null for one it would no longer consider.
     */
    record RuleChange(@Schema(example = "eu.gdpr.art45-adequacy") String rule, @Schema(example = "EU") String jurisdiction,
            Assessment.TraceEntry before, Assessment.TraceEntry after) {
    }

    /** One transfer the change would reassess. */
    record TransferPreview(String transferId, String organization, Route route,
            @Schema(description = "the version of its newest assessment; the change publishes version + 1")
            int assessmentVersion,
            Outcome currentOutcome,
            @Schema(description = "the outcome it would have") Outcome outcome,
            Suspension suspension,
            @Schema(description = "the approvals it would need") List<Assessment.RequiredApproval> requiredApprovals,
            @Schema(description = "the policy version its current assessment was made under") String assessedUnder,
            @Schema(description = "the rules whose trace entry would change (matched, citation or explanation)")
            List<RuleChange> changes) {

        static TransferPreview of(AssessTransfers.Reassessment reassessment) {
            Assessment current = reassessment.current();
            Assessment next = reassessment.next();
            return new TransferPreview(reassessment.transferId(), reassessment.organization(),
                    Route.of(reassessment.request()), reassessment.version(), current.outcome(), next.outcome(),
                    Suspension.under(next.outcome()), next.requiredApprovals(), current.policyVersion(),
                    StatusChangePreview.changes(current.trace(), next.trace()));
        }
    }

    static StatusChangePreview of(String instrument, String id, String currentStatus, String status, boolean reassesses,
            String policyVersion, String policyVersionAfter, List<AssessTransfers.Reassessment> reassessments) {
        return new StatusChangePreview(instrument, id, currentStatus, status, reassesses, policyVersion,
                policyVersionAfter, reassessments.stream().map(TransferPreview::of).toList());
    }

    /**
     * The entries of two traces that differ. A rule can be considered more than once (once per leg), so entries are
     * compared as a multiset: identical entries cancel out, and what is left is paired by rule and jurisdiction in
     * trace order; an entry left without a partner was added or dropped.
     */
    static List<RuleChange> changes(List<Assessment.TraceEntry> before, List<Assessment.TraceEntry> after) {
        List<Assessment.TraceEntry> gone = new ArrayList<>(before == null ? List.of() : before);
        List<Assessment.TraceEntry> added = new ArrayList<>();
        for (Assessment.TraceEntry entry : after == null ? List.<Assessment.TraceEntry>of() : after) {
            if (!gone.remove(entry)) {
                added.add(entry);
            }
        }
        List<RuleChange> changes = new ArrayList<>();
        for (Assessment.TraceEntry entry : added) {
            Assessment.TraceEntry was = gone.stream().filter(g -> g.rule().equals(entry.rule())
                    && Objects.equals(g.jurisdiction(), entry.jurisdiction())).findFirst().orElse(null);
            if (was != null) {
                gone.remove(was);
            }
            changes.add(new RuleChange(entry.rule(), entry.jurisdiction(), was, entry));
        }
        gone.forEach(was -> changes.add(new RuleChange(was.rule(), was.jurisdiction(), was, null)));
        return List.copyOf(changes);
    }
}
