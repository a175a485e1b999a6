package org.cbdf.audit.reconstruction.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.audit.ledger.LedgerRefusal;
import org.cbdf.audit.verifier.AggregateState;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Point-in-time reconstruction: a transfer or dispute as it was at an instant, folded (in log order) from its
 * events whose time is at or before that instant, the same way {@code govctl audit replay} folds them offline.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "reconstruction", description = "State of a transfer or dispute at any instant, from the ledger")
class StateController {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    StateController(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "A transfer as it was at an instant",
            description = "Folds the events of the transfer (its own and its assessments) with time ≤ `at` (default "
                    + "now): status, assessment outcome and the policy version that applied, decisions, every payload "
                    + "field at its latest value, and the leaf indexes folded, so each can be proven "
                    + "(GET /api/v1/audit/proofs/inclusion).")
    @GetMapping("/transfers/{id}/state")
    @PreAuthorize("hasRole('AUDITOR')")
    JsonNode transfer(@PathVariable String id, @Parameter(description = "ISO-8601 instant; default now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return state("transfer", id, at);
    }

    @Operation(summary = "A dispute as it was at an instant")
    @GetMapping("/disputes/{id}/state")
    @PreAuthorize("hasRole('AUDITOR')")
    JsonNode dispute(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return state("dispute", id, at);
    }

    private JsonNode state(String kind, String id, OffsetDateTime at) {
        Instant instant = at == null ? Instant.now(clock) : at.toInstant();
        AggregateState state = new AggregateState(id);
        List<ObjectNode> events = new ArrayList<>();
        jdbc.sql("""
                select leaf_index, leaf from ledger_entry
                where aggregate_id = :id and aggregate_type like :kind and event_time <= :at
                order by leaf_index
                """).param("id", id).param("kind", kind + "%").param("at", Timestamp.from(instant))
                .query(rs -> {
                    long leafIndex = rs.getLong(1);
                    JsonNode event = json.readTree(rs.getBytes(2));
                    state.apply(leafIndex, event);
                    ObjectNode summary = json.createObjectNode();
                    summary.put("leafIndex", leafIndex);
                    summary.set("eventId", event.get("id"));
                    summary.set("type", event.get("type"));
                    summary.set("time", event.get("time"));
                    events.add(summary);
                });
        if (state.isEmpty()) {
            throw LedgerRefusal.notFound("the ledger has no event of " + kind + " " + id + " at or before " + instant);
        }
        ObjectNode view = state.toJson();
        view.put("aggregateType", kind);
        view.put("at", instant.toString());
        view.putArray("events").addAll(events);
        return view;
    }
}
