package org.cbdf.portal.disputes;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.cbdf.portal.session.PortalUser;

import tools.jackson.databind.JsonNode;

/**
 * A dispute case as the dispute API shows it (its list entry or its whole record), read for one user: which
 * part the user has in it and which steps the API would take from the user now. The rules are the dispute
 * service's own (DisputeCase in dispute-service): a regulator party or the enterprise files statements while
 * the case is not closed and asks for escalation while it is negotiated; a regulator party proposes and
 * accepts while it is negotiated; a panel member votes once while it is escalated; the chair extends the
 * two-thirds deadline once. Auditors read every case and take no step.
 */
public record DisputeCase(JsonNode json, PortalUser user, Countdown countdown) {

    private static final Set<String> NEGOTIATING = Set.of("OPEN", "NEGOTIATION");
    private static final Set<String> CLOSED = Set.of("RESOLVED_BY_AGREEMENT", "DECIDED");

    static DisputeCase of(JsonNode json, PortalUser user, Clock clock) {
        return new DisputeCase(json, user, Countdown.until(json.get("deadline"), clock));
    }

    public String id() {
        return json.path("id").asString();
    }

    public String status() {
        return json.path("status").asString();
    }

    public String transferId() {
        return json.path("transferId").asString();
    }

    public List<String> parties() {
        return strings(json.path("parties"));
    }

    public String organization() {
        JsonNode organization = json.get("organization");
        return organization == null || organization.isNull() ? null : organization.asString();
    }

    /** The panel's jurisdictions, chair first: a list in the API's list, {@code panel.members} in a case. */
    public List<String> panel() {
        JsonNode panel = json.path("panel");
        return strings(panel.isArray() ? panel : panel.path("members"));
    }

    public String chair() {
        List<String> panel = panel();
        return panel.isEmpty() ? null : panel.getFirst();
    }

    public boolean panelExtended() {
        return json.path("panel").path("extended").asBoolean(false);
    }

    public String deadlineKind() {
        JsonNode kind = json.get("deadlineKind");
        return kind == null || kind.isNull() ? null : kind.asString();
    }

    public JsonNode proposal() {
        JsonNode proposal = json.get("proposal");
        return proposal == null || proposal.isNull() ? null : proposal;
    }

    public JsonNode outcome() {
        JsonNode outcome = json.get("outcome");
        return outcome == null || outcome.isNull() ? null : outcome;
    }

    /** How many entries the timeline has: a case that took a step since the page was shown has more. */
    public int timelineSize() {
        return json.path("timeline").size();
    }

    public boolean closed() {
        return CLOSED.contains(status());
    }

    public boolean negotiating() {
        return NEGOTIATING.contains(status());
    }

    public boolean escalated() {
        return "ESCALATED".equals(status());
    }

    // --- the user's part -------------------------------------------------------------------------------------

    public boolean regulatorParty() {
        return user.isRegulator() && user.jurisdiction() != null && parties().contains(user.jurisdiction());
    }

    public boolean enterpriseParty() {
        return user.isEnterprise() && organization() != null && organization().equals(user.organization());
    }

    public boolean panelMember() {
        return user.isRegulator() && user.jurisdiction() != null && panel().contains(user.jurisdiction());
    }

    public boolean isChair() {
        return panelMember() && user.jurisdiction().equals(chair());
    }

    /** The user's part, for a message key {@code dispute.part.<part>}: chair, panel, party, enterprise, auditor. */
    public String part() {
        if (isChair()) {
            return "chair";
        }
        if (panelMember()) {
            return "panel";
        }
        if (regulatorParty()) {
            return "party";
        }
        if (enterpriseParty()) {
            return "enterprise";
        }
        return user.isAuditor() ? "auditor" : null;
    }

    /** The transfer API shows the transfer to auditors, its enterprise and the regulators party to it, not to a panel. */
    public boolean transferVisible() {
        return user.isAuditor() || enterpriseParty() || regulatorParty();
    }

    public boolean hasAccepted() {
        JsonNode proposal = proposal();
        return proposal != null && user.jurisdiction() != null
                && strings(proposal.path("acceptedBy")).contains(user.jurisdiction());
    }

    /** The regulator parties that have accepted the current proposal. */
    public List<String> acceptedBy() {
        JsonNode proposal = proposal();
        return proposal == null ? List.of() : strings(proposal.path("acceptedBy"));
    }

    /** The regulator parties that have not accepted the current proposal. */
    public List<String> awaitingAcceptance() {
        List<String> accepted = acceptedBy();
        return parties().stream().filter(party -> !accepted.contains(party)).toList();
    }

    public boolean hasVoted() {
        return user.jurisdiction() != null && json.path("votes").valueStream()
                .anyMatch(vote -> user.jurisdiction().equals(vote.path("jurisdiction").asString()));
    }

    /** The panel members that have not voted. */
    public List<String> awaitingVotes() {
        List<String> voted = json.path("votes").valueStream().map(vote -> vote.path("jurisdiction").asString()).toList();
        return panel().stream().filter(member -> !voted.contains(member)).toList();
    }

    // --- what the API would take from the user now -----------------------------------------------------------

    public boolean may(DisputeStep step) {
        return switch (step) {
            case STATEMENTS -> !closed() && (regulatorParty() || enterpriseParty());
            case PROPOSALS -> negotiating() && regulatorParty();
            case ACCEPTANCES -> negotiating() && regulatorParty() && proposal() != null && !hasAccepted();
            case ESCALATION -> negotiating() && (regulatorParty() || enterpriseParty());
            case VOTES -> escalated() && panelMember() && !hasVoted();
            case EXTENSION -> escalated() && isChair() && !panelExtended()
                    && "PANEL_QUALIFIED_MAJORITY".equals(deadlineKind());
        };
    }

    public boolean mayTakeAnyStep() {
        return java.util.Arrays.stream(DisputeStep.values()).anyMatch(this::may);
    }

    /** Whether the user may take {@code step} by its path, for the templates. */
    public boolean may(String step) {
        return DisputeStep.of(step).map(this::may).orElse(false);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
