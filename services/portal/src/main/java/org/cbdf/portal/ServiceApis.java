package org.cbdf.portal;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cbdf.transfer.events.Decision;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;

/**
 * The services' APIs, called with the signed-in user's own token, so the portal never shows what an API
 * would refuse that user. A 404 from an API stays a 404 here; a 401 means the token ran out.
 */
@Component
class ServiceApis {

    static final Pattern TRANSFER_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The transfer list's filters as the transfer API takes them: {@code awaiting=me} keeps what awaits the
     * regulator's own decision; {@code from}/{@code to} keep the transfers whose period overlaps.
     */
    record TransferQuery(String status, String destination, LocalDate from, LocalDate to, boolean awaitingMe,
            int size) {

        static TransferQuery byStatus(String status) {
            return new TransferQuery(status, null, null, null, false, 100);
        }
    }

    /** What the transfer service answered to a decision: the transfer as it is now, or its refusal. */
    sealed interface DecisionOutcome {
        record Recorded(JsonNode transfer) implements DecisionOutcome {
        }

        record Refused(ApiProblem problem) implements DecisionOutcome {
        }
    }

    private final RestClient http = RestClient.builder().build();
    private final PortalProperties services;

    ServiceApis(PortalProperties services) {
        this.services = services;
    }

    JsonNode transfers(PortalUser user, TransferQuery query) {
        var uri = UriComponentsBuilder.fromUri(services.transferService()).path("/api/v1/transfers")
                .queryParam("size", query.size());
        if (query.status() != null && query.status().matches("[A-Z_]{1,40}")) {
            uri.queryParam("status", query.status());
        }
        if (query.destination() != null && query.destination().matches("[A-Z]{2}")) {
            uri.queryParam("destination", query.destination());
        }
        if (query.from() != null) {
            uri.queryParam("from", query.from());
        }
        if (query.to() != null) {
            uri.queryParam("to", query.to());
        }
        if (query.awaitingMe()) {
            uri.queryParam("awaiting", "me");
        }
        return get(uri.build().toUri(), user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    Optional<JsonNode> transfer(PortalUser user, String id) {
        if (!TRANSFER_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return get(services.transferService().resolve("/api/v1/transfers/" + id), user);
    }

    List<JsonNode> auditTrail(PortalUser user, String id) {
        if (!TRANSFER_ID.matcher(id).matches()) {
            return List.of();
        }
        return get(services.auditService().resolve("/api/v1/audit/events?aggregateId=" + id), user)
                .map(events -> events.valueStream().toList()).orElse(List.of());
    }

    /**
     * Records the user's decision exactly as the transfer API takes it: {@code {decision, reasons, conditions}},
     * conditions only with {@code APPROVE_WITH_CONDITIONS}. A refusal comes back as its problem document.
     */
    DecisionOutcome decide(PortalUser user, String id, Decision decision, String reasons, List<String> conditions) {
        if (!TRANSFER_ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.name());
        body.put("reasons", reasons);
        if (decision == Decision.APPROVE_WITH_CONDITIONS) {
            body.put("conditions", conditions);
        }
        URI uri = services.transferService().resolve("/api/v1/transfers/" + id + "/decisions");
        return http.post().uri(uri).headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .body(body)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful()) {
                        return new DecisionOutcome.Recorded(response.bodyTo(JsonNode.class));
                    }
                    if (status.value() == 401) {
                        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "session expired");
                    }
                    JsonNode problem;
                    try {
                        problem = response.bodyTo(JsonNode.class);
                    } catch (RuntimeException unreadable) {
                        problem = null;
                    }
                    return new DecisionOutcome.Refused(ApiProblem.read(status.value(), problem));
                });
    }

    private Optional<JsonNode> get(URI uri, PortalUser user) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(user.token())).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404 || status.value() == 403) {
                        return Optional.<JsonNode>empty();
                    }
                    if (status.value() == 401) {
                        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "session expired");
                    }
                    if (status.isError()) {
                        throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                                uri.getHost() + ":" + uri.getPort() + " answered " + status.value());
                    }
                    return Optional.ofNullable(response.bodyTo(JsonNode.class));
                });
    }
}
