package org.cbdf.dispute.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import org.cbdf.dispute.events.DecidedBy;
import org.cbdf.dispute.events.DeadlineMissed;
import org.cbdf.dispute.events.DisputeEscalated;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeOpened;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.security.Caller;
import org.junit.jupiter.api.Test;

/** The procedure, path by path (docs/design.md §4; GDPR Art. 60/65 defaults), on the aggregate with a clock in hand. */
class DisputeCaseTests {

    private static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    private static final ProcedureRules RULES = ProcedureRules.defaults();

    private final List<DisputeCase.Registered> published = new ArrayList<>();

    // --- opening ---------------------------------------------------------------------------------------------

    @Test
    void aCaseOpensWithItsPartiesAndAFourWeekNegotiationDeadline() {
        DisputeCase disputeCase = appeal(RULES);

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(s.deadline()).isEqualTo(Instant.parse("2026-12-29T09:00:00Z"));
        assertThat(s.deadlineKind()).isEqualTo(DisputeCase.DeadlineKind.NEGOTIATION);
        assertThat(s.timeline()).extracting(DisputeCase.TimelineEntry::step).containsExactly("OPENED");
        assertThat(published).extracting(DisputeCase.Registered::type).containsExactly(DisputeEvents.OPENED_V1);
        var opened = (DisputeOpened) published.getFirst().payload();
        assertThat(opened.parties()).containsExactly("CN", "DE");
        assertThat(opened.organization()).isEqualTo("acme-cn");
        assertThat(opened.deadline()).isEqualTo(s.deadline());
    }

    // --- agreement -------------------------------------------------------------------------------------------

    @Test
    void anAgreementAcceptedByEveryRegulatorPartyWithinTheDeadlineResolvesTheCase() {
        DisputeCase disputeCase = appeal(RULES);
        Instant day3 = OPENED.plus(Duration.ofDays(3));

        disputeCase.fileStatement(Callers.enterprise("acme-cn"), "The standard contract was filed in time.",
                List.of(new DisputeCase.Attachment("filing.pdf", "ab".repeat(32))), day3);
        disputeCase.proposeAgreement(Callers.regulator("DE"), Resolution.APPROVE_WITH_CONDITIONS,
                List.of("Pseudonymise before export"), day3);
        assertThat(disputeCase.status()).as("one of two regulators accepted").isEqualTo(CaseStatus.NEGOTIATION);
        disputeCase.acceptAgreement(Callers.regulator("CN"), 1, day3.plus(Duration.ofDays(1)));

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.RESOLVED_BY_AGREEMENT);
        assertThat(s.deadline()).isNull();
        assertThat(s.outcome().resolution()).isEqualTo(Resolution.APPROVE_WITH_CONDITIONS);
        assertThat(s.outcome().conditions()).containsExactly("Pseudonymise before export");
        assertThat(s.outcome().decidedBy()).isEqualTo(DecidedBy.AGREEMENT);
        assertThat(s.statements().getFirst().party()).isEqualTo("acme-cn");
        assertThat(s.timeline()).extracting(DisputeCase.TimelineEntry::step).containsExactly("OPENED",
                "NEGOTIATION_STARTED", "STATEMENT_FILED", "AGREEMENT_PROPOSED", "AGREEMENT_ACCEPTED",
                "RESOLVED_BY_AGREEMENT");
        var resolved = (DisputeResolved) collect(disputeCase).getLast().payload();
        assertThat(resolved.resolution()).isEqualTo(Resolution.APPROVE_WITH_CONDITIONS);
        assertThat(resolved.decidedBy()).isEqualTo(DecidedBy.AGREEMENT);
        assertGapFree(disputeCase);
        assertThat(disputeCase.deadlinePassed(OPENED.plus(Duration.ofDays(35)),
                RULES)).as("a closed case has no deadline left").isFalse();
    }

    @Test
    void onlyRegulatorPartiesProposeAndAcceptAndOnlyTheCurrentProposal() {
        DisputeCase disputeCase = appeal(RULES);

        assertRefused(() -> disputeCase.proposeAgreement(Callers.enterprise("acme-cn"), Resolution.OVERTURN, List.of(),
                OPENED), ProcedureException.Kind.NOT_ALLOWED);
        assertRefused(() -> disputeCase.proposeAgreement(Callers.regulator("FR"), Resolution.OVERTURN, List.of(),
                OPENED), ProcedureException.Kind.NOT_ALLOWED);
        assertRefused(() -> disputeCase.acceptAgreement(Callers.regulator("CN"), 1, OPENED),
                ProcedureException.Kind.CONFLICT);
        disputeCase.proposeAgreement(Callers.regulator("CN"), Resolution.UPHOLD, List.of(), OPENED);
        disputeCase.proposeAgreement(Callers.regulator("DE"), Resolution.OVERTURN, List.of(), OPENED);
        assertRefused(() -> disputeCase.acceptAgreement(Callers.regulator("CN"), 1, OPENED),
                ProcedureException.Kind.CONFLICT);
        assertRefused(() -> disputeCase.acceptAgreement(Callers.regulator("DE"), 2, OPENED),
                ProcedureException.Kind.CONFLICT);
        assertThat(disputeCase.status()).isEqualTo(CaseStatus.NEGOTIATION);
    }

    @Test
    void conditionsGoWithAConditionalApprovalOnly() {
        DisputeCase disputeCase = appeal(RULES);

        assertThat(refusal(() -> disputeCase.proposeAgreement(Callers.regulator("CN"),
                Resolution.APPROVE_WITH_CONDITIONS, List.of(), OPENED)).errors().getFirst().field())
                .isEqualTo("conditions");
        assertThat(refusal(() -> disputeCase.proposeAgreement(Callers.regulator("CN"), Resolution.OVERTURN,
                List.of("Encrypt"), OPENED)).errors().getFirst().field()).isEqualTo("conditions");
    }

    // --- escalation ------------------------------------------------------------------------------------------

    @Test
    void withoutAgreementByTheDeadlineTheCaseEscalatesByItselfAndSaysSo() {
        DisputeCase disputeCase = appeal(RULES);
        Instant deadline = disputeCase.snapshot().deadline();

        assertThat(disputeCase.deadlinePassed(deadline.minusSeconds(1), RULES)).isFalse();
        assertThat(disputeCase.deadlinePassed(deadline.plusSeconds(90), RULES)).isTrue();

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.ESCALATED);
        assertThat(s.panel().members()).hasSize(3).doesNotContain("CN", "DE")
                .isEqualTo(PanelRule.select(s.id().value(), RULES.roster(), s.parties(), 3));
        assertThat(s.deadlineKind()).isEqualTo(DisputeCase.DeadlineKind.PANEL_QUALIFIED_MAJORITY);
        assertThat(s.deadline()).as("one month from the missed deadline, not from when the poller noticed")
                .isEqualTo(Instant.parse("2027-01-29T09:00:00Z"));
        assertThat(s.timeline()).extracting(DisputeCase.TimelineEntry::step)
                .containsExactly("OPENED", "DEADLINE_MISSED", "ESCALATED");
        assertThat(s.timeline().get(1).by()).isEqualTo("procedure");
        List<DisputeCase.Registered> events = collect(disputeCase);
        assertThat(events).extracting(DisputeCase.Registered::type).containsExactly(DisputeEvents.OPENED_V1,
                DisputeEvents.DEADLINE_MISSED_V1, DisputeEvents.ESCALATED_V1);
        assertThat(((DeadlineMissed) events.get(1).payload()).step()).isEqualTo("NEGOTIATION");
        var escalated = (DisputeEscalated) events.get(2).payload();
        assertThat(escalated.reason()).isEqualTo("DEADLINE");
        assertThat(escalated.chair()).isEqualTo(s.panel().members().getFirst());
        assertGapFree(disputeCase);
        assertRefused(() -> disputeCase.proposeAgreement(Callers.regulator("CN"), Resolution.UPHOLD, List.of(),
                deadline.plusSeconds(100)), ProcedureException.Kind.CONFLICT);
    }

    @Test
    void aPartyMayAskForThePanelBeforeTheDeadline() {
        DisputeCase disputeCase = appeal(RULES);

        assertRefused(() -> disputeCase.requestEscalation(Callers.regulator("FR"), "deadlock", OPENED, RULES),
                ProcedureException.Kind.NOT_ALLOWED);
        disputeCase.requestEscalation(Callers.enterprise("acme-cn"), "The regulators will not meet.",
                OPENED.plus(Duration.ofDays(2)), RULES);

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.ESCALATED);
        assertThat(s.deadline()).isEqualTo(Instant.parse("2027-01-03T09:00:00Z"));
        var escalated = (DisputeEscalated) collect(disputeCase).getLast().payload();
        assertThat(escalated.reason()).isEqualTo("REQUEST");
        assertThat(escalated.requestedBy()).isEqualTo("acme-cn");
        assertThat(s.timeline()).extracting(DisputeCase.TimelineEntry::step)
                .containsExactly("OPENED", "ESCALATION_REQUESTED", "ESCALATED");
    }

    @Test
    void withoutAnUninvolvedJurisdictionOnTheRosterTheCaseCannotEscalateAndStaysAsItWas() {
        var partiesOnly = new ProcedureRules(RULES.objectionWindow(), RULES.negotiation(), RULES.panelDecision(),
                RULES.panelExtension(), RULES.simpleMajority(), 3, List.of("CN", "DE"), true,
                RULES.deadlinePollInterval());
        DisputeCase disputeCase = appeal(partiesOnly);
        var before = disputeCase.snapshot();

        assertRefused(() -> disputeCase.requestEscalation(Callers.regulator("CN"), "deadlock", OPENED, partiesOnly),
                ProcedureException.Kind.CONFLICT);
        assertRefused(() -> disputeCase.deadlinePassed(before.deadline(), partiesOnly),
                ProcedureException.Kind.CONFLICT);
        assertThat(disputeCase.snapshot()).isEqualTo(before);
        assertThat(disputeCase.registered()).hasSize(1);
    }

    // --- panel -----------------------------------------------------------------------------------------------

    @Test
    void twoThirdsOfThePanelDecideWithinTheMonth() {
        DisputeCase disputeCase = escalated(RULES);
        List<String> panel = disputeCase.snapshot().panel().members();
        Instant day = disputeCase.snapshot().deadline().minus(Duration.ofDays(10));

        assertRefused(() -> disputeCase.vote(Callers.regulator("CN"), Resolution.UPHOLD, List.of(), day),
                ProcedureException.Kind.NOT_ALLOWED);
        disputeCase.vote(Callers.regulator(panel.get(1)), Resolution.OVERTURN, List.of(), day);
        assertRefused(() -> disputeCase.vote(Callers.regulator(panel.get(1)), Resolution.UPHOLD, List.of(), day),
                ProcedureException.Kind.CONFLICT);
        assertThat(disputeCase.status()).as("1 of 3 is not two-thirds").isEqualTo(CaseStatus.ESCALATED);
        disputeCase.vote(Callers.regulator(panel.get(2)), Resolution.OVERTURN, List.of(), day);

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.DECIDED);
        assertThat(s.outcome().resolution()).isEqualTo(Resolution.OVERTURN);
        assertThat(s.outcome().decidedBy()).isEqualTo(DecidedBy.PANEL);
        assertThat(s.outcome().basis()).isEqualTo("two-thirds majority: 2 of 3");
        assertRefused(() -> disputeCase.vote(Callers.regulator(panel.get(0)), Resolution.UPHOLD, List.of(), day),
                ProcedureException.Kind.CONFLICT);
        List<DisputeCase.Registered> events = collect(disputeCase);
        assertThat(events).extracting(DisputeCase.Registered::type).endsWith(DisputeEvents.VOTE_CAST_V1,
                DisputeEvents.VOTE_CAST_V1, DisputeEvents.RESOLVED_V1);
        assertGapFree(disputeCase);
    }

    @Test
    void afterTheExtendedDeadlineASimpleMajorityDecides() {
        // five members, so that three votes are a simple majority but not two-thirds (4 of 5)
        ProcedureRules fiveMembers = RULES.withPanelSize(5);
        DisputeCase disputeCase = escalated(fiveMembers);
        List<String> panel = disputeCase.snapshot().panel().members();
        assertThat(panel).hasSize(5);
        Instant monthEnd = disputeCase.snapshot().deadline();
        Instant before = monthEnd.minus(Duration.ofDays(5));
        disputeCase.vote(Callers.regulator(panel.get(1)), Resolution.OVERTURN, List.of(), before);
        disputeCase.vote(Callers.regulator(panel.get(2)), Resolution.OVERTURN, List.of(), before);
        disputeCase.vote(Callers.regulator(panel.get(3)), Resolution.OVERTURN, List.of(), before);
        disputeCase.vote(Callers.regulator(panel.get(4)), Resolution.UPHOLD, List.of(), before);
        assertThat(disputeCase.status()).as("3 of 5 is not two-thirds").isEqualTo(CaseStatus.ESCALATED);

        assertRefused(() -> disputeCase.extendPanelDeadline(Callers.regulator(panel.get(1)), "complex", before,
                fiveMembers), ProcedureException.Kind.NOT_ALLOWED);
        disputeCase.extendPanelDeadline(Callers.regulator(panel.getFirst()), "complex", before, fiveMembers);
        assertRefused(() -> disputeCase.extendPanelDeadline(Callers.regulator(panel.getFirst()), "again", before,
                fiveMembers), ProcedureException.Kind.CONFLICT);
        Instant extended = disputeCase.snapshot().deadline();
        assertThat(extended).isEqualTo(Instant.parse("2027-02-01T09:00:00Z"));
        assertThat(disputeCase.deadlinePassed(monthEnd.plusSeconds(1), fiveMembers))
                .as("the original month no longer counts").isFalse();

        assertThat(disputeCase.deadlinePassed(extended, fiveMembers)).isTrue();

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.DECIDED);
        assertThat(s.outcome().resolution()).isEqualTo(Resolution.OVERTURN);
        assertThat(s.outcome().basis()).isEqualTo("simple majority: 3 of 5");
        assertThat(s.timeline()).extracting(DisputeCase.TimelineEntry::step).containsSubsequence(
                "PANEL_DEADLINE_EXTENDED", "DEADLINE_MISSED", "DECIDED");
        assertGapFree(disputeCase);
    }

    @Test
    void aTieAfterAnAbstentionIsBrokenByTheChairWhenTheSimpleMajorityDeadlinePasses() {
        // an odd panel cannot split evenly when everyone votes for one of two options; one member abstaining can
        DisputeCase disputeCase = escalated(RULES);
        List<String> panel = disputeCase.snapshot().panel().members();
        Instant month = disputeCase.snapshot().deadline();
        disputeCase.vote(Callers.regulator(panel.get(0)), Resolution.OVERTURN, List.of(), month.minusSeconds(60));
        disputeCase.vote(Callers.regulator(panel.get(1)), Resolution.UPHOLD, List.of(), month.minusSeconds(30));

        assertThat(disputeCase.deadlinePassed(month, RULES)).isTrue();
        assertThat(disputeCase.status()).as("1 : 1 is no simple majority of 3").isEqualTo(CaseStatus.ESCALATED);
        Instant twoWeeks = disputeCase.snapshot().deadline();
        assertThat(twoWeeks).isEqualTo(month.plus(Duration.ofDays(14)));
        assertThat(disputeCase.snapshot().deadlineKind()).isEqualTo(DisputeCase.DeadlineKind.PANEL_SIMPLE_MAJORITY);

        assertThat(disputeCase.deadlinePassed(twoWeeks.plusSeconds(5), RULES)).isTrue();

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.DECIDED);
        assertThat(s.outcome().resolution()).as("the chair's vote").isEqualTo(Resolution.OVERTURN);
        assertThat(s.outcome().basis()).contains("broken by the chair " + panel.getFirst());
        assertThat(s.timeline().stream().filter(e -> e.step().equals("DEADLINE_MISSED"))).hasSize(2);
        assertGapFree(disputeCase);
    }

    @Test
    void aPanelSplitThreeWaysIsDecidedByTheChairOnceTheSimpleMajorityStageBegins() {
        DisputeCase disputeCase = escalated(RULES);
        List<String> panel = disputeCase.snapshot().panel().members();
        Instant month = disputeCase.snapshot().deadline();
        disputeCase.vote(Callers.regulator(panel.get(0)), Resolution.APPROVE_WITH_CONDITIONS,
                List.of("Encrypt at rest"), month.minusSeconds(90));
        disputeCase.vote(Callers.regulator(panel.get(1)), Resolution.UPHOLD, List.of(), month.minusSeconds(60));
        disputeCase.vote(Callers.regulator(panel.get(2)), Resolution.OVERTURN, List.of(), month.minusSeconds(30));
        assertThat(disputeCase.status()).isEqualTo(CaseStatus.ESCALATED);

        disputeCase.deadlinePassed(month, RULES);

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.DECIDED);
        assertThat(s.outcome().resolution()).isEqualTo(Resolution.APPROVE_WITH_CONDITIONS);
        assertThat(s.outcome().conditions()).containsExactly("Encrypt at rest");
        assertThat(s.outcome().basis()).contains("split").contains("the chair " + panel.getFirst());
    }

    @Test
    void aPanelThatNeverVotesLetsTheDisputedDecisionStand() {
        DisputeCase disputeCase = escalated(RULES);
        Instant month = disputeCase.snapshot().deadline();

        disputeCase.deadlinePassed(month, RULES);
        disputeCase.deadlinePassed(disputeCase.snapshot().deadline(), RULES);

        var s = disputeCase.snapshot();
        assertThat(s.status()).isEqualTo(CaseStatus.DECIDED);
        assertThat(s.outcome().resolution()).isEqualTo(Resolution.UPHOLD);
        assertThat(s.outcome().basis()).contains("no vote was cast");
    }

    // --- who sees it ---------------------------------------------------------------------------------------

    @Test
    void nobodyOutsideTheCaseSeesIt() {
        DisputeCase disputeCase = escalated(RULES);
        String panelMember = disputeCase.snapshot().panel().members().getFirst();
        String outsider = RULES.roster().stream()
                .filter(j -> !disputeCase.snapshot().panel().members().contains(j) && !List.of("CN", "DE").contains(j))
                .findFirst().orElseThrow();

        assertThat(disputeCase.visibleTo(Callers.regulator("CN"))).isTrue();
        assertThat(disputeCase.visibleTo(Callers.regulator(panelMember))).isTrue();
        assertThat(disputeCase.visibleTo(Callers.enterprise("acme-cn"))).isTrue();
        assertThat(disputeCase.visibleTo(Callers.auditor())).isTrue();
        assertThat(disputeCase.visibleTo(Callers.regulator(outsider))).isFalse();
        assertThat(disputeCase.visibleTo(Callers.enterprise("globex-cn"))).isFalse();
        assertThat(disputeCase.visibleTo(Callers.policyAdmin())).isFalse();
    }

    @Test
    void anAuditorReadsButTakesNoStep() {
        DisputeCase disputeCase = appeal(RULES);
        Caller auditor = Callers.auditor();

        assertRefused(() -> disputeCase.fileStatement(auditor, "x", List.of(), OPENED),
                ProcedureException.Kind.NOT_ALLOWED);
        assertRefused(() -> disputeCase.requestEscalation(auditor, "x", OPENED, RULES),
                ProcedureException.Kind.NOT_ALLOWED);
    }

    @Test
    void aStoredCaseRestoresToTheSameCase() {
        DisputeCase disputeCase = escalated(RULES);

        assertThat(DisputeCase.restore(disputeCase.snapshot()).snapshot()).isEqualTo(disputeCase.snapshot());
        assertThat(DisputeCase.restore(disputeCase.snapshot()).registered()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private DisputeCase appeal(ProcedureRules rules) {
        var opening = new DisputeCase.Opening(Trigger.APPEAL, "appeal:t-1:" + OPENED, "t-1", "acme-cn",
                List.of("CN", "DE"), "The rejection ignored the signed standard contract.", List.of(),
                "alice (acme-cn)");
        DisputeCase disputeCase = DisputeCase.open(new DisputeId(UUID.randomUUID()), opening, rules, OPENED);
        collect(disputeCase);
        return disputeCase;
    }

    private DisputeCase escalated(ProcedureRules rules) {
        DisputeCase disputeCase = appeal(rules);
        disputeCase.requestEscalation(Callers.regulator("DE"), "deadlock", OPENED, rules);
        return disputeCase;
    }

    /** What a store-and-restore after each step would publish: the case's registered events, accumulated. */
    private List<DisputeCase.Registered> collect(DisputeCase disputeCase) {
        disputeCase.registered().stream()
                .filter(event -> published.stream().noneMatch(p -> p.version() == event.version()))
                .forEach(published::add);
        return List.copyOf(published);
    }

    private void assertGapFree(DisputeCase disputeCase) {
        collect(disputeCase);
        assertThat(published).extracting(DisputeCase.Registered::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, published.size()).boxed().toList());
    }

    private static void assertRefused(java.util.function.BooleanSupplier step, ProcedureException.Kind kind) {
        assertRefused(() -> {
            step.getAsBoolean();
        }, kind);
    }

    private static void assertRefused(Runnable step, ProcedureException.Kind kind) {
        assertThat(refusal(step).kind()).isEqualTo(kind);
    }

    private static ProcedureException refusal(Runnable step) {
        try {
            step.run();
        } catch (ProcedureException refused) {
            return refused;
        }
        throw new AssertionError("the step was not refused");
    }
}
