package org.cbdf.dispute.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cbdf.dispute.events.DeadlineMissed;
import org.cbdf.dispute.events.DecidedBy;
import org.cbdf.dispute.events.DisputeEscalated;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeOpened;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.dispute.events.StatementFiled;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.dispute.events.VoteCast;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;

/**
 * A dispute on a transfer and its procedure (docs/design.md §4, after GDPR Art. 60/65). Every step checks where the case
 * stands and who asks, records itself in the timeline and registers the events to publish, each with the next
 * aggregate version (gap-free).
 *
 * <pre>
 * OPEN ──statement/proposal──▶ NEGOTIATION ──all regulators accept──▶ RESOLVED_BY_AGREEMENT
 *   └──────── deadline or a party's request ──────▶ ESCALATED ──panel majority──▶ DECIDED
 * </pre>
 * In {@code ESCALATED} the panel first needs two-thirds ({@code PANEL_QUALIFIED_MAJORITY}, extendable once by its
 * chair); when that deadline passes, a simple majority ({@code PANEL_SIMPLE_MAJORITY}); when the panel is split the
 * chair's vote decides; when that deadline passes too, the votes cast decide by plurality, a tie going to the
 * chair's vote, and with no vote or a tie the chair did not vote in, the disputed decision stands ({@code UPHOLD}).
 */
public final class DisputeCase {

    /** Which deadline runs. */
    public enum DeadlineKind {
        NEGOTIATION, PANEL_QUALIFIED_MAJORITY, PANEL_SIMPLE_MAJORITY
    }

    /** How a case can be opened: what triggered it, on which transfer, between whom. */
    public record Opening(Trigger trigger, String triggerKey, String transferId, String organization,
            List<String> parties, String grounds, List<String> rules, String openedBy) {

        public Opening {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(triggerKey, "triggerKey");
            Objects.requireNonNull(transferId, "transferId");
            Objects.requireNonNull(grounds, "grounds");
            Objects.requireNonNull(openedBy, "openedBy");
            parties = List.copyOf(new LinkedHashSet<>(parties));
            rules = rules == null ? List.of() : List.copyOf(rules);
            if (parties.isEmpty()) {
                throw new IllegalArgumentException("a dispute needs at least one regulator party");
            }
        }
    }

    public record Attachment(String name, String sha256) {
    }

    public record Statement(int number, String party, String filedBy, String text, List<Attachment> attachments,
            Instant filedAt) {

        public Statement {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** One step of the procedure: when, what, by whom (a user, a jurisdiction, or {@code procedure}), details. */
    public record TimelineEntry(Instant at, String step, String by, String detail) {
    }

    /** A proposed agreement; it binds once every regulator party accepted it. */
    public record Proposal(int number, Resolution resolution, List<String> conditions, String proposedBy,
            Instant proposedAt, List<String> acceptedBy) {

        public Proposal {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            acceptedBy = acceptedBy == null ? List.of() : List.copyOf(acceptedBy);
        }
    }

    public record Vote(String jurisdiction, String votedBy, Resolution resolution, List<String> conditions,
            Instant castAt) {

        public Vote {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** The panel, chair first, and how it was chosen. */
    public record Panel(List<String> members, String rule, boolean extended) {

        public Panel {
            members = List.copyOf(members);
        }

        public String chair() {
            return members.getFirst();
        }
    }

    /** The binding outcome and on what basis it was reached. */
    public record Outcome(Resolution resolution, List<String> conditions, DecidedBy decidedBy, String basis,
            Instant resolvedAt) {

        public Outcome {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** Everything a case is, as stored and as shown. */
    public record Snapshot(DisputeId id, String triggerKey, String transferId, Trigger trigger, CaseStatus status,
            List<String> parties, String organization, String grounds, List<String> rules, String openedBy,
            Instant openedAt, Instant deadline, DeadlineKind deadlineKind, Panel panel, List<Statement> statements,
            Proposal proposal, List<Vote> votes, Outcome outcome, List<TimelineEntry> timeline, long version) {

        public Snapshot {
            parties = List.copyOf(parties);
            rules = rules == null ? List.of() : List.copyOf(rules);
            statements = statements == null ? List.of() : List.copyOf(statements);
            votes = votes == null ? List.of() : List.copyOf(votes);
            timeline = timeline == null ? List.of() : List.copyOf(timeline);
        }
    }

    /** An event this case registered, with the aggregate version it takes. */
    public record Registered(String type, Object payload, long version) {
    }

    private static final String PROCEDURE = "procedure";

    private final DisputeId id;
    private final String triggerKey;
    private final String transferId;
    private final Trigger trigger;
    private final List<String> parties;
    private final String organization;
    private final String grounds;
    private final List<String> rules;
    private final String openedBy;
    private final Instant openedAt;
    private CaseStatus status;
    private Instant deadline;
    private DeadlineKind deadlineKind;
    private Panel panel;
    private final List<Statement> statements;
    private Proposal proposal;
    private final List<Vote> votes;
    private Outcome outcome;
    private final List<TimelineEntry> timeline;
    private long version;
    private final List<Registered> registered = new ArrayList<>();

    private DisputeCase(Snapshot s) {
        this.id = s.id();
        this.triggerKey = s.triggerKey();
        this.transferId = s.transferId();
        this.trigger = s.trigger();
        this.parties = s.parties();
        this.organization = s.organization();
        this.grounds = s.grounds();
        this.rules = s.rules();
        this.openedBy = s.openedBy();
        this.openedAt = s.openedAt();
        this.status = s.status();
        this.deadline = s.deadline();
        this.deadlineKind = s.deadlineKind();
        this.panel = s.panel();
        this.statements = new ArrayList<>(s.statements());
        this.proposal = s.proposal();
        this.votes = new ArrayList<>(s.votes());
        this.outcome = s.outcome();
        this.timeline = new ArrayList<>(s.timeline());
        this.version = s.version();
    }

    public static DisputeCase restore(Snapshot snapshot) {
        return new DisputeCase(snapshot);
    }

    /** Opens a case; the negotiation deadline starts now. */
    public static DisputeCase open(DisputeId id, Opening opening, ProcedureRules rules, Instant now) {
        Instant deadline = ProcedureRules.after(now, rules.negotiation());
        var disputeCase = new DisputeCase(new Snapshot(id, opening.triggerKey(), opening.transferId(),
                opening.trigger(), CaseStatus.OPEN, opening.parties(), opening.organization(), opening.grounds(),
                opening.rules(), opening.openedBy(), now, deadline, DeadlineKind.NEGOTIATION, null, List.of(), null,
                List.of(), null, List.of(), 0));
        disputeCase.record(now, "OPENED", opening.openedBy(), opening.trigger() + " between "
                + String.join(", ", opening.parties()) + (opening.organization() == null ? ""
                : " and " + opening.organization()) + "; negotiation until " + deadline);
        disputeCase.register(DisputeEvents.OPENED_V1, new DisputeOpened(id.toString(), opening.transferId(),
                opening.trigger(), opening.parties(), now, opening.grounds(), opening.organization(), opening.rules(),
                opening.openedBy(), deadline));
        return disputeCase;
    }

    // --- who -------------------------------------------------------------------------------------------------

    /** Nobody outside a case sees it: auditors, the parties' regulators, panel members and the enterprise do. */
    public boolean visibleTo(Caller caller) {
        return caller.has(Role.AUDITOR) || regulatorParty(caller) || panelMember(caller) || enterpriseParty(caller);
    }

    private boolean regulatorParty(Caller caller) {
        return caller.has(Role.REGULATOR) && caller.jurisdiction().filter(parties::contains).isPresent();
    }

    private boolean panelMember(Caller caller) {
        return panel != null && caller.has(Role.REGULATOR)
                && caller.jurisdiction().filter(panel.members()::contains).isPresent();
    }

    private boolean enterpriseParty(Caller caller) {
        return organization != null && caller.has(Role.ENTERPRISE)
                && caller.organization().filter(organization::equals).isPresent();
    }

    // --- negotiation -----------------------------------------------------------------------------------------

    /** A party (a regulator party or the enterprise) files a statement with its evidence. */
    public void fileStatement(Caller caller, String text, List<Attachment> attachments, Instant now) {
        requireNotClosed();
        String party;
        if (regulatorParty(caller)) {
            party = caller.requiredJurisdiction();
        } else if (enterpriseParty(caller)) {
            party = organization;
        } else {
            throw ProcedureException.notAllowed("Only the regulators party to the dispute and the enterprise file "
                    + "statements.");
        }
        if (text == null || text.isBlank()) {
            throw ProcedureException.invalid("text", "must not be blank");
        }
        startNegotiation(now, caller.username());
        var statement = new Statement(statements.size() + 1, party, caller.username(), text, attachments, now);
        statements.add(statement);
        record(now, "STATEMENT_FILED", caller.username() + " (" + party + ")", "statement " + statement.number()
                + " with " + statement.attachments().size() + " attachment(s)");
        register(DisputeEvents.STATEMENT_FILED_V1, new StatementFiled(id.toString(), transferId, statement.number(),
                party, caller.username(), text, statement.attachments().stream()
                .map(a -> new StatementFiled.Attachment(a.name(), a.sha256())).toList(), now));
    }

    /** A regulator party proposes an agreement; it replaces any earlier proposal, accepted by its proposer. */
    public void proposeAgreement(Caller caller, Resolution resolution, List<String> conditions, Instant now) {
        requireNegotiating("propose an agreement");
        requireRegulatorParty(caller, "propose agreements");
        List<String> checked = checkConditions(resolution, conditions);
        startNegotiation(now, caller.username());
        String jurisdiction = caller.requiredJurisdiction();
        proposal = new Proposal(proposal == null ? 1 : proposal.number() + 1, resolution, checked, jurisdiction, now,
                List.of(jurisdiction));
        record(now, "AGREEMENT_PROPOSED", caller.username() + " (" + jurisdiction + ")", "proposal "
                + proposal.number() + ": " + describe(resolution, checked));
        settleIfAllAccepted(now);
    }

    /** A regulator party accepts the current proposal; once all have, the case is resolved by agreement. */
    public void acceptAgreement(Caller caller, int proposalNumber, Instant now) {
        requireNegotiating("accept an agreement");
        requireRegulatorParty(caller, "accept agreements");
        if (proposal == null || proposal.number() != proposalNumber) {
            throw ProcedureException.conflict("Proposal " + proposalNumber + " is not the current proposal"
                    + (proposal == null ? "; nothing has been proposed." : "; the current one is "
                    + proposal.number() + "."));
        }
        String jurisdiction = caller.requiredJurisdiction();
        if (proposal.acceptedBy().contains(jurisdiction)) {
            throw ProcedureException.conflict(jurisdiction + " has already accepted proposal " + proposalNumber + ".");
        }
        List<String> accepted = new ArrayList<>(proposal.acceptedBy());
        accepted.add(jurisdiction);
        proposal = new Proposal(proposal.number(), proposal.resolution(), proposal.conditions(), proposal.proposedBy(),
                proposal.proposedAt(), accepted);
        record(now, "AGREEMENT_ACCEPTED", caller.username() + " (" + jurisdiction + ")", "proposal " + proposalNumber
                + " accepted by " + accepted.size() + " of " + parties.size() + " regulators");
        settleIfAllAccepted(now);
    }

    /** A party (regulator or the enterprise) asks for the panel: negotiation is deadlocked. */
    public void requestEscalation(Caller caller, String reason, Instant now, ProcedureRules rules) {
        requireNegotiating("request escalation");
        String party;
        if (regulatorParty(caller)) {
            party = caller.requiredJurisdiction();
        } else if (enterpriseParty(caller)) {
            party = organization;
        } else {
            throw ProcedureException.notAllowed("Only a party to the dispute may request escalation.");
        }
        if (reason == null || reason.isBlank()) {
            throw ProcedureException.invalid("reason", "must not be blank");
        }
        List<String> members = panelFor(rules);
        record(now, "ESCALATION_REQUESTED", caller.username() + " (" + party + ")", reason);
        escalateAt("REQUEST", party, members, now, now, rules);
    }

    // --- panel -----------------------------------------------------------------------------------------------

    /** A panel member votes, once. */
    public void vote(Caller caller, Resolution resolution, List<String> conditions, Instant now) {
        if (status != CaseStatus.ESCALATED) {
            throw ProcedureException.conflict("The case is " + status + "; votes are cast only while ESCALATED.");
        }
        if (!panelMember(caller)) {
            throw ProcedureException.notAllowed("Only the panel's members vote; the panel is "
                    + String.join(", ", panel.members()) + ".");
        }
        String jurisdiction = caller.requiredJurisdiction();
        if (votes.stream().anyMatch(v -> v.jurisdiction().equals(jurisdiction))) {
            throw ProcedureException.conflict(jurisdiction + " has already voted.");
        }
        List<String> checked = checkConditions(resolution, conditions);
        votes.add(new Vote(jurisdiction, caller.username(), resolution, checked, now));
        record(now, "VOTE_CAST", caller.username() + " (" + jurisdiction + ")", describe(resolution, checked) + "; "
                + votes.size() + " of " + panel.members().size() + " voted");
        register(DisputeEvents.VOTE_CAST_V1, new VoteCast(id.toString(), transferId, jurisdiction, resolution, checked,
                now));
        decideIfMajority(now);
    }

    /** The panel's chair extends the two-thirds deadline, once (Art. 65(2): complexity). */
    public void extendPanelDeadline(Caller caller, String reason, Instant now, ProcedureRules rules) {
        if (status != CaseStatus.ESCALATED) {
            throw ProcedureException.conflict("The case is " + status + "; only a panel's deadline can be extended.");
        }
        if (!panelMember(caller) || !caller.requiredJurisdiction().equals(panel.chair())) {
            throw ProcedureException.notAllowed("Only the panel's chair (" + panel.chair() + ") extends its deadline.");
        }
        if (panel.extended() || deadlineKind != DeadlineKind.PANEL_QUALIFIED_MAJORITY) {
            throw ProcedureException.conflict("The panel's deadline can be extended once, before the simple-majority "
                    + "stage; it was already extended or that stage began.");
        }
        Instant previous = deadline;
        deadline = ProcedureRules.after(deadline, rules.panelExtension());
        panel = new Panel(panel.members(), panel.rule(), true);
        record(now, "PANEL_DEADLINE_EXTENDED", caller.username() + " (" + panel.chair() + ")",
                (reason == null || reason.isBlank() ? "" : reason + "; ") + previous + " -> " + deadline);
    }

    // --- deadlines -------------------------------------------------------------------------------------------

    /**
     * The running deadline passed: the case advances by itself and says so. Returns false (and changes nothing)
     * if no deadline has passed at {@code now}.
     */
    public boolean deadlinePassed(Instant now, ProcedureRules rules) {
        if (deadline == null || deadline.isAfter(now)) {
            return false;
        }
        Instant missed = deadline;
        DeadlineKind step = deadlineKind;
        switch (step) {
            case NEGOTIATION -> {
                List<String> members = panelFor(rules);
                missed(step, missed, now, "no agreement by the deadline: escalated to a panel of uninvolved regulators");
                escalateAt("DEADLINE", null, members, missed, now, rules);
            }
            case PANEL_QUALIFIED_MAJORITY -> {
                missed(step, missed, now, "no two-thirds majority by the deadline: a simple majority now decides, "
                        + "the chair breaking ties");
                deadlineKind = DeadlineKind.PANEL_SIMPLE_MAJORITY;
                deadline = ProcedureRules.after(missed, rules.simpleMajority());
                decideIfMajority(now);
            }
            case PANEL_SIMPLE_MAJORITY -> {
                missed(step, missed, now, "the votes cast decide: plurality, the chair breaking ties; "
                        + "without a vote the disputed decision stands");
                decideOnVotesCast(now);
            }
        }
        return true;
    }

    private void missed(DeadlineKind step, Instant missed, Instant now, String consequence) {
        record(now, "DEADLINE_MISSED", PROCEDURE, step + " deadline " + missed + " passed; " + consequence);
        register(DisputeEvents.DEADLINE_MISSED_V1, new DeadlineMissed(id.toString(), transferId, step.name(), missed,
                consequence, now));
    }

    // --- rules -----------------------------------------------------------------------------------------------

    /** The panel by {@link PanelRule}; refused, before anything changed, if the roster has nobody uninvolved. */
    private List<String> panelFor(ProcedureRules rules) {
        List<String> members = PanelRule.select(id.value(), rules.roster(), parties, rules.panelSize());
        if (members.isEmpty()) {
            throw ProcedureException.conflict("The roster " + rules.roster() + " has no jurisdiction uninvolved in "
                    + "this dispute to sit on a panel.");
        }
        return members;
    }

    /** {@code from}: when the panel's clock starts (the missed deadline, so that a late poller shifts nothing). */
    private void escalateAt(String reason, String requestedBy, List<String> members, Instant from, Instant now,
            ProcedureRules rules) {
        panel = new Panel(members, PanelRule.DESCRIPTION, false);
        status = CaseStatus.ESCALATED;
        deadlineKind = DeadlineKind.PANEL_QUALIFIED_MAJORITY;
        deadline = ProcedureRules.after(from, rules.panelDecision());
        record(now, "ESCALATED", requestedBy == null ? PROCEDURE : requestedBy, "on " + reason.toLowerCase()
                + " to the panel " + String.join(", ", members) + " chaired by " + panel.chair()
                + "; two-thirds decision due " + deadline);
        register(DisputeEvents.ESCALATED_V1, new DisputeEscalated(id.toString(), transferId, reason, requestedBy,
                members, panel.chair(), PanelRule.DESCRIPTION, deadline, now));
    }

    private void decideIfMajority(Instant now) {
        int size = panel.members().size();
        Map<Resolution, List<Vote>> byResolution = byResolution();
        for (Map.Entry<Resolution, List<Vote>> option : byResolution.entrySet()) {
            int count = option.getValue().size();
            if (deadlineKind == DeadlineKind.PANEL_QUALIFIED_MAJORITY && count * 3 >= size * 2) {
                decide(option.getKey(), option.getValue(), "two-thirds majority: " + count + " of " + size, now);
                return;
            }
            if (deadlineKind == DeadlineKind.PANEL_SIMPLE_MAJORITY && count * 2 > size) {
                decide(option.getKey(), option.getValue(), "simple majority: " + count + " of " + size, now);
                return;
            }
        }
        if (deadlineKind == DeadlineKind.PANEL_SIMPLE_MAJORITY && votes.size() == size) {
            // every member voted and no option has a majority: the panel is split, the chair's vote decides
            Vote chairs = chairsVote();
            decide(chairs.resolution(), byResolution.get(chairs.resolution()),
                    "the panel is split (" + tally(byResolution) + "); the chair " + panel.chair() + " decides", now);
        }
    }

    private void decideOnVotesCast(Instant now) {
        Map<Resolution, List<Vote>> byResolution = byResolution();
        int most = byResolution.values().stream().mapToInt(List::size).max().orElse(0);
        List<Resolution> leading = byResolution.entrySet().stream().filter(e -> e.getValue().size() == most)
                .map(Map.Entry::getKey).toList();
        Vote chairs = chairsVote();
        if (leading.size() == 1) {
            decide(leading.getFirst(), byResolution.get(leading.getFirst()), "plurality of the votes cast ("
                    + tally(byResolution) + ")", now);
        } else if (chairs != null && leading.contains(chairs.resolution())) {
            decide(chairs.resolution(), byResolution.get(chairs.resolution()), "tie among the votes cast ("
                    + tally(byResolution) + ") broken by the chair " + panel.chair(), now);
        } else {
            decide(Resolution.UPHOLD, List.of(), votes.isEmpty()
                    ? "no vote was cast: the disputed decision stands"
                    : "tie among the votes cast (" + tally(byResolution) + ") the chair did not vote in: the disputed "
                    + "decision stands", now);
        }
    }

    private Vote chairsVote() {
        return votes.stream().filter(v -> v.jurisdiction().equals(panel.chair())).findFirst().orElse(null);
    }

    private Map<Resolution, List<Vote>> byResolution() {
        Map<Resolution, List<Vote>> byResolution = new LinkedHashMap<>();
        votes.forEach(v -> byResolution.computeIfAbsent(v.resolution(), r -> new ArrayList<>()).add(v));
        return byResolution;
    }

    private static String tally(Map<Resolution, List<Vote>> byResolution) {
        List<String> parts = new ArrayList<>();
        byResolution.forEach((resolution, votes) -> parts.add(resolution + " " + votes.size()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The majority's conditions: every distinct condition its voters attached, in the order they voted. */
    private void decide(Resolution resolution, List<Vote> majority, String basis, Instant now) {
        List<String> conditions = resolution == Resolution.APPROVE_WITH_CONDITIONS
                ? majority.stream().flatMap(v -> v.conditions().stream()).distinct().toList()
                : List.of();
        close(CaseStatus.DECIDED, new Outcome(resolution, conditions, DecidedBy.PANEL, basis, now), "DECIDED",
                "panel", now);
    }

    private void settleIfAllAccepted(Instant now) {
        if (proposal.acceptedBy().containsAll(parties)) {
            close(CaseStatus.RESOLVED_BY_AGREEMENT, new Outcome(proposal.resolution(), proposal.conditions(),
                    DecidedBy.AGREEMENT, "proposal " + proposal.number() + " accepted by every regulator party ("
                    + String.join(", ", parties) + ")", now), "RESOLVED_BY_AGREEMENT", "parties", now);
        }
    }

    private void close(CaseStatus closed, Outcome reached, String step, String by, Instant now) {
        status = closed;
        outcome = reached;
        deadline = null;
        deadlineKind = null;
        record(now, step, by, describe(reached.resolution(), reached.conditions()) + "; " + reached.basis());
        register(DisputeEvents.RESOLVED_V1, new DisputeResolved(id.toString(), transferId, reached.resolution(),
                reached.conditions(), reached.decidedBy(), now, trigger));
    }

    private void startNegotiation(Instant now, String by) {
        if (status == CaseStatus.OPEN) {
            status = CaseStatus.NEGOTIATION;
            record(now, "NEGOTIATION_STARTED", by, "negotiation until " + deadline);
        }
    }

    private void requireNotClosed() {
        if (status == CaseStatus.RESOLVED_BY_AGREEMENT || status == CaseStatus.DECIDED) {
            throw ProcedureException.conflict("The case is closed (" + status + ").");
        }
    }

    private void requireNegotiating(String step) {
        if (status != CaseStatus.OPEN && status != CaseStatus.NEGOTIATION) {
            throw ProcedureException.conflict("The case is " + status + "; parties " + step + " only while it is "
                    + "OPEN or in NEGOTIATION.");
        }
    }

    private void requireRegulatorParty(Caller caller, String what) {
        if (!regulatorParty(caller)) {
            throw ProcedureException.notAllowed("Only the regulators party to the dispute (" + String.join(", ", parties)
                    + ") " + what + ".");
        }
    }

    private static List<String> checkConditions(Resolution resolution, List<String> conditions) {
        if (resolution == null) {
            throw ProcedureException.invalid("resolution", "is required: UPHOLD, OVERTURN or APPROVE_WITH_CONDITIONS");
        }
        List<String> given = conditions == null ? List.of() : conditions.stream().map(String::strip).toList();
        if (given.stream().anyMatch(String::isEmpty)) {
            throw ProcedureException.invalid("conditions", "must not contain blank conditions");
        }
        if (resolution == Resolution.APPROVE_WITH_CONDITIONS && given.isEmpty()) {
            throw ProcedureException.invalid("conditions", "an approval with conditions needs at least one condition");
        }
        if (resolution != Resolution.APPROVE_WITH_CONDITIONS && !given.isEmpty()) {
            throw ProcedureException.invalid("conditions", "only an approval with conditions has conditions");
        }
        return given;
    }

    private static String describe(Resolution resolution, List<String> conditions) {
        return conditions.isEmpty() ? resolution.name() : resolution + " (" + String.join("; ", conditions) + ")";
    }

    private void record(Instant at, String step, String by, String detail) {
        timeline.add(new TimelineEntry(at, step, by, detail));
    }

    private void register(String type, Object payload) {
        version++;
        registered.add(new Registered(type, payload, version));
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** The events registered since this case was opened or restored, in order; each with its version. */
    public List<Registered> registered() {
        return List.copyOf(registered);
    }

    public Snapshot snapshot() {
        return new Snapshot(id, triggerKey, transferId, trigger, status, parties, organization, grounds, rules,
                openedBy, openedAt, deadline, deadlineKind, panel, statements, proposal, votes, outcome, timeline,
                version);
    }

    public DisputeId id() {
        return id;
    }

    public CaseStatus status() {
        return status;
    }
}
