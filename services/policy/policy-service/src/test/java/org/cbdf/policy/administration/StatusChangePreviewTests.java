package org.cbdf.policy.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.util.List;

import org.cbdf.policy.administration.StatusChangePreview.RuleChange;
import org.cbdf.policy.administration.StatusChangePreview.Suspension;
import org.cbdf.policy.administration.StatusChangePreview.TransferPreview;
import org.cbdf.policy.assessment.AssessTransfers;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Assessment.TraceEntry;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.TransferRequest;
import org.junit.jupiter.api.Test;

/** What a previewed status change says of one transfer: its outcome now and then, and the rules that change. */
class StatusChangePreviewTests {

    static final AssessmentEngine SHIPPED = AssessmentEngine.fromClasspath();

    @Test
    void revokingTheAdequacyDecisionATransferReliesOnShowsItProhibitedAndSuspendedWithTheAdequacyRuleChanged() {
        TransferRequest request = aTransfer().from("DE").to("NZ").relyingOn(Mechanism.ADEQUACY).onwardTo("CH").build();
        AssessmentEngine revoked = SHIPPED.withAdequacyStatus("eu-nz", DecisionStatus.REVOKED, "test revocation");

        TransferPreview preview = TransferPreview.of(reassessment(request, SHIPPED, revoked));

        assertThat(preview.currentOutcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(preview.outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(preview.suspension()).isEqualTo(Suspension.SUSPENDS);
        assertThat(preview.route()).isEqualTo(new StatusChangePreview.Route("DE", "NZ", List.of("CH")));
        assertThat(preview.assessedUnder()).isEqualTo(SHIPPED.policyVersion());
        assertThat(preview.changes()).filteredOn(c -> c.rule().equals("eu.gdpr.art45-adequacy")).singleElement()
                .satisfies(change -> {
                    assertThat(change.before().matched()).isTrue();
                    assertThat(change.before().explanation()).contains("eu-nz");
                    assertThat(change.after().matched()).isFalse();
                    assertThat(change.after().explanation()).contains("test revocation");
                });
        assertThat(preview.changes()).as("only what changes").noneMatch(c -> c.before() != null
                && c.before().equals(c.after()));
    }

    @Test
    void aTransferThatStillPassesIsNotSuspended() {
        TransferRequest request = aTransfer().from("DE").to("JP").relyingOn(Mechanism.ADEQUACY).build();

        TransferPreview preview = TransferPreview.of(reassessment(request, SHIPPED,
                SHIPPED.withAdequacyStatus("eu-nz", DecisionStatus.REVOKED, "not Japan's")));

        assertThat(preview.outcome()).isEqualTo(preview.currentOutcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(preview.suspension()).isEqualTo(Suspension.DOES_NOT_SUSPEND);
        assertThat(preview.changes()).isEmpty();
    }

    @Test
    void whatTheTransferServiceDoesFollowsTheOutcome() {
        assertThat(Suspension.under(Outcome.PROHIBITED)).isEqualTo(Suspension.SUSPENDS);
        assertThat(Suspension.under(Outcome.REVIEW_REQUIRED)).isEqualTo(Suspension.SUSPENDS_IF_ACTIVE);
        assertThat(Suspension.under(Outcome.CONDITIONAL)).isEqualTo(Suspension.DOES_NOT_SUSPEND);
        assertThat(Suspension.under(Outcome.PERMITTED)).isEqualTo(Suspension.DOES_NOT_SUSPEND);
    }

    @Test
    void aRuleConsideredOncePerLegIsComparedLegByLegAndAddedOrDroppedRulesStandAlone() {
        TraceEntry toNz = entry("eu.gdpr.art45-adequacy", true, "NZ has the EU adequacy decision eu-nz");
        TraceEntry toCh = entry("eu.gdpr.art45-adequacy", true, "CH has the EU adequacy decision eu-ch");
        TraceEntry nzGone = entry("eu.gdpr.art45-adequacy", false, "eu-nz is REVOKED: no transfer may rely on it");
        TraceEntry derogation = entry("eu.gdpr.art49-derogation", false, "no derogation claimed");
        TraceEntry scc = entry("eu.gdpr.art46-scc", false, "no SCC");

        List<RuleChange> changes = StatusChangePreview.changes(List.of(toNz, toCh, scc), List.of(toCh, nzGone, derogation));

        assertThat(changes).containsExactly(
                new RuleChange("eu.gdpr.art45-adequacy", "EU", toNz, nzGone),
                new RuleChange("eu.gdpr.art49-derogation", "EU", null, derogation),
                new RuleChange("eu.gdpr.art46-scc", "EU", scc, null));
        assertThat(StatusChangePreview.changes(List.of(toNz, toCh), List.of(toCh, toNz))).as("same entries, other order")
                .isEmpty();
    }

    private static AssessTransfers.Reassessment reassessment(TransferRequest request, AssessmentEngine before,
            AssessmentEngine after) {
        Assessment current = before.evaluate(request, YearToDate.NONE).assessment();
        Assessment next = after.evaluate(request, YearToDate.NONE).assessment();
        return new AssessTransfers.Reassessment("tr-1", "acme-de", request, 1, current, next);
    }

    private static TraceEntry entry(String rule, boolean matched, String explanation) {
        return new TraceEntry(rule, "EU", matched, "GDPR", explanation);
    }
}
