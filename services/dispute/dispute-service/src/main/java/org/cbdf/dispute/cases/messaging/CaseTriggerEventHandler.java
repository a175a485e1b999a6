package org.cbdf.dispute.cases.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.PolicyConflictDetected;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferAppealed;
import org.cbdf.transfer.events.TransferEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a case for an enterprise's appeal ({@code transfer.appealed.v1}) and for a policy conflict
 * ({@code policy.conflict-detected.v1}). One case per trigger: the event id through the idempotent consumer, and
 * the trigger's own key (the transfer and the time of the appeal; the conflict id) through the case table, so a
 * republished trigger with a new event id opens nothing either.
 */
class CaseTriggerEventHandler {

    /** The idempotent consumer's id: {@code <service>.<binding>}. */
    static final String CONSUMER = "dispute.caseTriggers";

    private static final Logger log = LoggerFactory.getLogger(CaseTriggerEventHandler.class);
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");

    private final JsonMapper json;
    private final ProcessedEvents processedEvents;
    private final DisputeProcedure procedure;

    CaseTriggerEventHandler(JsonMapper json, ProcessedEvents processedEvents, DisputeProcedure procedure) {
        this.json = json;
        this.processedEvents = processedEvents;
        this.procedure = procedure;
    }

    void handle(IncomingEvent event) {
        DisputeCase.Opening opening = switch (event.type()) {
            case TransferEvents.APPEALED_V1 -> appeal(event);
            case PolicyEvents.CONFLICT_DETECTED_V1 -> conflict(event);
            default -> null;
        };
        if (opening == null) {
            log.debug("Skipping {} event {}: it opens no dispute", event.type(), event.id());
            return;
        }
        processedEvents.handleOnce(CONSUMER, event, e -> procedure.open(opening));
    }

    DisputeCase.Opening appeal(IncomingEvent event) {
        TransferAppealed appealed = event.data(json, TransferAppealed.class);
        List<String> problems = new ArrayList<>();
        requireText(problems, "transferId", appealed.transferId());
        requireText(problems, "organization", appealed.organization());
        requireEnvelopeOrganization(problems, event, appealed.organization());
        requireText(problems, "appealedBy", appealed.appealedBy());
        requireText(problems, "grounds", appealed.grounds());
        if (appealed.appealedAt() == null) {
            problems.add("appealedAt is missing");
        }
        if (appealed.transferId() != null && !appealed.transferId().equals(event.aggregateId())) {
            problems.add("transferId '" + appealed.transferId() + "' is not the event's aggregateid '"
                    + event.aggregateId() + "'");
        }
        var parties = new LinkedHashSet<String>();
        requireJurisdictions(problems, "jurisdictions", appealed.jurisdictions(), parties);
        requireJurisdictions(problems, "rejectingJurisdictions", appealed.rejectingJurisdictions(), parties);
        throwIfAny(event, problems);
        return new DisputeCase.Opening(Trigger.APPEAL, "appeal:" + appealed.transferId() + ":" + appealed.appealedAt(),
                appealed.transferId(), appealed.organization(), List.copyOf(parties),
                "Appeal against the rejection by " + String.join(", ", appealed.rejectingJurisdictions()) + ": "
                        + appealed.grounds(), List.of(), appealed.appealedBy() + " (" + appealed.organization() + ")");
    }

    DisputeCase.Opening conflict(IncomingEvent event) {
        PolicyConflictDetected detected = event.data(json, PolicyConflictDetected.class);
        List<String> problems = new ArrayList<>();
        requireText(problems, "conflictId", detected.conflictId());
        requireText(problems, "transferId", detected.transferId());
        requireText(problems, "organization", detected.organization());
        requireEnvelopeOrganization(problems, event, detected.organization());
        requireText(problems, "description", detected.description());
        if (detected.rules() == null || detected.rules().isEmpty()) {
            problems.add("rules is missing or empty");
        }
        var parties = new LinkedHashSet<String>();
        requireJurisdictions(problems, "jurisdictions", detected.jurisdictions(), parties);
        throwIfAny(event, problems);
        return new DisputeCase.Opening(Trigger.POLICY_CONFLICT, "conflict:" + detected.conflictId(),
                detected.transferId(), detected.organization(), List.copyOf(parties), detected.description(),
                detected.rules(), "policy-service (" + detected.policyVersion() + ")");
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing");
        }
    }

    /** A forged or confused event: one organisation in its envelope, another in its payload. */
    private static void requireEnvelopeOrganization(List<String> problems, IncomingEvent event, String organization) {
        String claimed = event.extension(CloudEventExtensions.ORGANIZATION);
        if (claimed != null && organization != null && !claimed.equals(organization)) {
            problems.add("organization '" + organization + "' is not the envelope's organization '" + claimed + "'");
        }
    }

    private static void requireJurisdictions(List<String> problems, String field, List<String> values,
            LinkedHashSet<String> into) {
        if (values == null || values.isEmpty()) {
            problems.add(field + " is missing or empty");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !JURISDICTION.matcher(value).matches()) {
                problems.add(field + "[" + i + "] '" + value + "' is not an ISO 3166-1 alpha-2 code");
            } else {
                into.add(value);
            }
        }
    }

    private static void throwIfAny(IncomingEvent event, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidEventException("payload of " + event.type() + " event " + event.id() + " is not valid: "
                    + String.join("; ", problems));
        }
    }
}
