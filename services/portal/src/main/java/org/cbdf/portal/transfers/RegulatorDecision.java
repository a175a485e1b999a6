package org.cbdf.portal.transfers;

import java.util.ArrayList;
import java.util.List;

import org.cbdf.portal.session.PortalUser;

import tools.jackson.databind.JsonNode;

/**
 * One line of a transfer's "regulators' decisions": every jurisdiction whose approval is required, with its
 * decision once taken (who, when, reasons, conditions), and the signed-in regulator's own marked.
 */
public record RegulatorDecision(String jurisdiction, String decision, String reasons, List<String> conditions,
        String decidedBy, String decidedAt, boolean mine) {

    public boolean pending() {
        return decision == null;
    }

    static List<RegulatorDecision> of(JsonNode transfer, PortalUser user) {
        List<RegulatorDecision> rows = new ArrayList<>();
        List<JsonNode> decisions = transfer.path("decisions").valueStream().toList();
        for (JsonNode decision : decisions) {
            rows.add(new RegulatorDecision(decision.path("jurisdiction").asString(), decision.path("decision").asString(),
                    decision.path("reasons").asString(),
                    decision.path("conditions").valueStream().map(JsonNode::asString).toList(),
                    decision.path("decidedBy").asString(), decision.path("decidedAt").asString(),
                    decision.path("jurisdiction").asString().equals(user.jurisdiction())));
        }
        transfer.path("requiredApprovals").valueStream().map(JsonNode::asString)
                .filter(jurisdiction -> rows.stream().noneMatch(row -> row.jurisdiction().equals(jurisdiction)))
                .forEach(jurisdiction -> rows.add(new RegulatorDecision(jurisdiction, null, null, List.of(), null, null,
                        jurisdiction.equals(user.jurisdiction()))));
        return rows;
    }
}
