package org.cbdf.dispute.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The numbers of the dispute procedure (docs/design.md §4, §7, §14). Defaults from GDPR Art. 60 and 65: four weeks to object
 * and negotiate, a panel decision by two-thirds within one month, once extendable by one month, then by simple
 * majority within two weeks with the chair breaking ties. Periods are calendar periods in UTC.
 *
 * @param objectionWindow     how long after a regulator's decision another regulator may object to it
 * @param negotiation         how long the parties' regulators negotiate before the case escalates by itself
 * @param panelDecision       how long the panel has for a two-thirds decision
 * @param panelExtension      by how much the panel's chair may extend that, once
 * @param simpleMajority      how long the panel then has for a simple-majority decision
 * @param panelSize           the panel's size; odd, so that a full panel cannot split evenly between two options
 * @param roster              the jurisdictions with a regulator on the roster, from which panels are drawn
 * @param pollDeadlines       whether this instance runs the deadline poller (tests drive it directly)
 * @param deadlinePollInterval how often the poller looks for passed deadlines
 */
@ConfigurationProperties("cbdf.dispute.procedure")
public record ProcedureRules(
        @DefaultValue("P4W") Period objectionWindow,
        @DefaultValue("P4W") Period negotiation,
        @DefaultValue("P1M") Period panelDecision,
        @DefaultValue("P1M") Period panelExtension,
        @DefaultValue("P2W") Period simpleMajority,
        @DefaultValue("3") int panelSize,
        @DefaultValue({ "CN", "DE", "SG", "FR", "JP", "GB", "IN", "BR", "US" }) List<String> roster,
        @DefaultValue("true") boolean pollDeadlines,
        @DefaultValue("PT1M") Duration deadlinePollInterval) {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");

    public ProcedureRules {
        if (panelSize < 1 || panelSize % 2 == 0) {
            throw new IllegalArgumentException("cbdf.dispute.procedure.panel-size must be odd and at least 1, was "
                    + panelSize);
        }
        roster = List.copyOf(roster);
        for (String jurisdiction : roster) {
            if (!JURISDICTION.matcher(jurisdiction).matches()) {
                throw new IllegalArgumentException("cbdf.dispute.procedure.roster: '" + jurisdiction
                        + "' is not an ISO 3166-1 alpha-2 code");
            }
        }
        if (roster.stream().distinct().count() != roster.size()) {
            throw new IllegalArgumentException("cbdf.dispute.procedure.roster lists a jurisdiction twice: " + roster);
        }
    }

    /** The defaults, for tests and tools that build the rules without Spring. */
    public static ProcedureRules defaults() {
        return new ProcedureRules(Period.ofWeeks(4), Period.ofWeeks(4), Period.ofMonths(1), Period.ofMonths(1),
                Period.ofWeeks(2), 3, List.of("CN", "DE", "SG", "FR", "JP", "GB", "IN", "BR", "US"), true,
                Duration.ofMinutes(1));
    }

    public ProcedureRules withPanelSize(int size) {
        return new ProcedureRules(objectionWindow, negotiation, panelDecision, panelExtension, simpleMajority, size,
                roster, pollDeadlines, deadlinePollInterval);
    }

    static Instant after(Instant start, Period period) {
        return start.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
