package org.cbdf.audit.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one transfer or dispute folded from its events (the canonical CloudEvents the ledger holds),
 * in log order. Generic on purpose, so that event types added later fold too: the status is the payload's
 * {@code status} where it has one (or, for the lifecycle events that carry none, the verb of the type:
 * {@code transfer.withdrawn.v1} → {@code WITHDRAWN}); an assessment is the payload of an
 * {@code *.assessment-completed.*} event; decisions, statements and votes are collected in order; every top-level
 * payload field is kept, the latest value winning; the policy version is the last {@code policyversion}
 * extension seen.
 */
public final class AggregateState {

    /** Types without a {@code status} field whose verb is the status they lead to. */
    private static final Set<String> LIFECYCLE_VERBS = Set.of("submitted", "withdrawn", "suspended", "expired",
            "appealed", "opened", "escalated", "resolved", "reinstated");

    private final String aggregateId;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ObjectNode fields = nodes.objectNode();
    private final ArrayNode decisions = nodes.arrayNode();
    private final List<Long> leafIndexes = new ArrayList<>();
    private String status;
    private JsonNode assessment;
    private String policyVersion;
    private long version;
    private String lastEventType;
    private String lastEventTime;

    public AggregateState(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    /** Folds the next event of the aggregate, as stored at {@code leafIndex}. */
    public AggregateState apply(long leafIndex, JsonNode event) {
        String type = event.path("type").asString("");
        JsonNode data = event.path("data");
        leafIndexes.add(leafIndex);
        lastEventType = type;
        lastEventTime = event.path("time").asString(null);
        String aggregateVersion = event.path("aggregateversion").asString("");
        if (!aggregateVersion.isEmpty() && event.path("aggregatetype").asString("").equals(aggregateTypeOf(type))) {
            version = Long.parseLong(aggregateVersion);
        }
        if (event.has("policyversion")) {
            policyVersion = event.get("policyversion").asString();
        } else if (data.path("policyVersion").isString()) {
            policyVersion = data.get("policyVersion").asString();
        }
        if (data.path("status").isString()) {
            status = data.get("status").asString();
        } else if (!aggregateTypeOf(type).isEmpty() && LIFECYCLE_VERBS.contains(verbOf(type))) {
            status = verbOf(type).toUpperCase(Locale.ROOT);
        }
        if (type.contains("assessment-completed")) {
            assessment = data;
        }
        if (type.contains("decision") || type.contains("statement") || type.contains("vote")) {
            ObjectNode decision = nodes.objectNode();
            decision.put("type", type);
            decision.put("leafIndex", leafIndex);
            decision.put("time", lastEventTime);
            decision.set("data", data);
            decisions.add(decision);
        }
        if (data.isObject()) {
            data.properties().forEach(member -> fields.set(member.getKey(), member.getValue()));
        }
        return this;
    }

    /** {@code transfer.submitted.v1} → {@code submitted}. */
    static String verbOf(String type) {
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    /** {@code transfer.submitted.v1} → {@code transfer}; events of other services about the aggregate do not count. */
    static String aggregateTypeOf(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    public boolean isEmpty() {
        return leafIndexes.isEmpty();
    }

    public String status() {
        return status;
    }

    public List<Long> leafIndexes() {
        return List.copyOf(leafIndexes);
    }

    public ObjectNode toJson() {
        ObjectNode state = nodes.objectNode();
        state.put("aggregateId", aggregateId);
        state.put("status", status);
        state.put("version", version);
        state.put("policyVersion", policyVersion);
        if (assessment != null) {
            ObjectNode summary = nodes.objectNode();
            summary.set("outcome", assessment.get("outcome"));
            summary.set("requiredApprovals", assessment.get("requiredApprovals"));
            summary.set("policyVersion", assessment.get("policyVersion"));
            state.set("assessment", summary);
        } else {
            state.putNull("assessment");
        }
        state.set("decisions", decisions);
        state.put("lastEventType", lastEventType);
        state.put("lastEventTime", lastEventTime);
        ArrayNode leaves = state.putArray("leafIndexes");
        leafIndexes.forEach(leaves::add);
        state.set("fields", fields);
        return state;
    }
}
