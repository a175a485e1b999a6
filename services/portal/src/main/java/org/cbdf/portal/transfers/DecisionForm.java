package org.cbdf.portal.transfers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cbdf.portal.web.InvalidField;
import org.cbdf.transfer.events.Decision;

/**
 * A regulator's decision as entered: one of the three forms of the transfer page, its reasons and, when
 * approving with conditions, one condition per line.
 */
public record DecisionForm(Decision decision, String reasons, List<String> conditions) {

    /** The transfer API's limits (TransferController): checked here so the portal offers no doomed confirmation. */
    static final int MAX_TEXT = 500;
    static final int MAX_CONDITIONS = 50;

    public DecisionForm {
        reasons = reasons == null ? "" : reasons.strip();
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    static DecisionForm empty() {
        return new DecisionForm(null, "", List.of());
    }

    /** From the request: the conditions' text area sends lines, the confirmation page one field per condition. */
    static DecisionForm of(String decision, String reasons, List<String> conditions) {
        Decision chosen = Arrays.stream(Decision.values()).filter(d -> d.name().equals(decision)).findFirst()
                .orElse(null);
        List<String> lines = conditions == null ? List.of()
                : conditions.stream().flatMap(String::lines).map(String::strip).filter(line -> !line.isEmpty()).toList();
        // the API takes conditions only with APPROVE_WITH_CONDITIONS
        return new DecisionForm(chosen, reasons, chosen == Decision.APPROVE_WITH_CONDITIONS ? lines : List.of());
    }

    public boolean is(String decision) {
        return this.decision != null && this.decision.name().equals(decision);
    }

    public String conditionsText() {
        return String.join("\n", conditions);
    }

    /** The fields the transfer API would refuse, each with the message key of the reason and its argument. */
    Map<String, InvalidField> invalidFields() {
        var invalid = new java.util.LinkedHashMap<String, InvalidField>();
        if (decision == null) {
            invalid.put("decision", new InvalidField("decide.error.decision", null));
        }
        if (reasons.isEmpty()) {
            invalid.put("reasons", new InvalidField("decide.error.reasons", null));
        } else if (reasons.length() > MAX_TEXT) {
            invalid.put("reasons", new InvalidField("decide.error.tooLong", MAX_TEXT));
        }
        if (decision == Decision.APPROVE_WITH_CONDITIONS) {
            if (conditions.isEmpty()) {
                invalid.put("conditions", new InvalidField("decide.error.conditions", null));
            } else if (conditions.size() > MAX_CONDITIONS) {
                invalid.put("conditions", new InvalidField("decide.error.tooMany", MAX_CONDITIONS));
            } else if (conditions.stream().anyMatch(condition -> condition.length() > MAX_TEXT)) {
                invalid.put("conditions", new InvalidField("decide.error.conditionTooLong", MAX_TEXT));
            }
        }
        return invalid;
    }
}
