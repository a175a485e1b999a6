package org.cbdf.portal.policy;

import java.util.Comparator;
import java.util.List;

import org.cbdf.portal.apis.ApiProblem;
import org.cbdf.portal.apis.ServiceCalls;

import tools.jackson.databind.JsonNode;

/**
 * The policy service's preview of a status change (its {@code status-change-preview}), as the confirmation shows
 * it: each transfer the change would reassess, those the transfer service would suspend first, with its route, its
 * outcome now and after, and the rules whose trace entry changes. When the policy service could not preview the
 * change, {@code problem} says why (the change can still be confirmed: the service checks it again then).
 */
public record StatusChangePreview(List<Row> transfers, ApiProblem problem) {

    /** One transfer: {@code onward} the onward recipients joined, "" if none. */
    public record Row(String transferId, String organization, String origin, String destination, String onward,
            String currentOutcome, String outcome, String suspension, List<RuleChange> changes) {

        /** Whether the transfer service suspends it, whatever its status (a PROHIBITED reassessment). */
        public boolean suspends() {
            return "SUSPENDS".equals(suspension);
        }
    }

    /**
     * A rule whose trace entry changes: whether it applied before and after ({@code null}: not considered then),
     * its citation and the explanation the trace gives after the change (before it, for a rule no longer considered).
     */
    public record RuleChange(String rule, String jurisdiction, String citation, Boolean appliedBefore,
            Boolean appliedAfter, String explanation) {
    }

    private static final List<String> SEVERITY = List.of("SUSPENDS", "SUSPENDS_IF_ACTIVE", "DOES_NOT_SUSPEND");

    static StatusChangePreview of(ServiceCalls.Outcome outcome) {
        return switch (outcome) {
            case ServiceCalls.Outcome.Done done -> new StatusChangePreview(rows(done.body()), null);
            case ServiceCalls.Outcome.Refused refused -> new StatusChangePreview(List.of(), refused.problem());
        };
    }

    public boolean available() {
        return problem == null;
    }

    public long count(String suspension) {
        return transfers.stream().filter(row -> row.suspension().equals(suspension)).count();
    }

    private static List<Row> rows(JsonNode preview) {
        if (preview == null) {
            return List.of();
        }
        return preview.path("transfers").valueStream().map(StatusChangePreview::row)
                .sorted(Comparator.comparingInt((Row row) -> severity(row.suspension())).thenComparing(Row::transferId))
                .toList();
    }

    private static int severity(String suspension) {
        int at = SEVERITY.indexOf(suspension);
        return at < 0 ? SEVERITY.size() : at;
    }

    private static Row row(JsonNode transfer) {
        JsonNode route = transfer.path("route");
        return new Row(transfer.path("transferId").asString(""), transfer.path("organization").asString(""),
                route.path("origin").asString(""), route.path("destination").asString(""),
                String.join(", ", route.path("onward").valueStream().map(j -> j.asString("")).toList()),
                transfer.path("currentOutcome").asString(""), transfer.path("outcome").asString(""),
                transfer.path("suspension").asString(""),
                transfer.path("changes").valueStream().map(StatusChangePreview::change).toList());
    }

    private static RuleChange change(JsonNode change) {
        JsonNode before = change.path("before");
        JsonNode after = change.path("after");
        JsonNode said = after.isObject() ? after : before;
        return new RuleChange(change.path("rule").asString(""), change.path("jurisdiction").asString(""),
                said.path("citation").asString(""), applied(before), applied(after), said.path("explanation").asString(""));
    }

    private static Boolean applied(JsonNode entry) {
        return entry.isObject() ? entry.path("matched").asBoolean() : null;
    }
}
