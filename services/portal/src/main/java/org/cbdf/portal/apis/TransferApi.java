package org.cbdf.portal.apis;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.cbdf.transfer.events.Decision;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;

/**
 * The services' APIs, called with the signed-in user's own token, so the portal never shows what an API
 * would refuse that user. A 404 from an API stays a 404 here; a 401 means the session has to be renewed.
 */
@Component
public class TransferApi {

    /** The transfer API's largest page. */
    public static final int PAGE = 200;

    public static final Pattern TRANSFER_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The transfer list's filters as the transfer API takes them: {@code awaiting=me} keeps what awaits the
     * regulator's own decision; {@code from}/{@code to} keep the transfers whose period overlaps; {@code cursor}, the
     * {@code nextCursor} of the page before (null: the first page).
     */
    public record TransferQuery(String status, String destination, LocalDate from, LocalDate to, boolean awaitingMe,
            int size, String cursor) {

        public TransferQuery(String status, String destination, LocalDate from, LocalDate to, boolean awaitingMe, int size) {
            this(status, destination, from, to, awaitingMe, size, null);
        }
    }

    /** What the transfer and dispute APIs hand out as {@code nextCursor}: base64url, and never long. */
    public static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    /** What the transfer service answered to a decision: the transfer as it is now, or its refusal. */
    public sealed interface DecisionOutcome {
        record Recorded(JsonNode transfer) implements DecisionOutcome {
        }

        record Refused(ApiProblem problem) implements DecisionOutcome {
        }
    }

    private final ServiceCalls calls;
    private final PortalProperties services;

    TransferApi(ServiceCalls calls, PortalProperties services) {
        this.calls = calls;
        this.services = services;
    }

    public JsonNode transfers(PortalUser user, TransferQuery query) {
        var uri = UriComponentsBuilder.fromUri(services.transferService()).path("/api/v1/transfers")
                .queryParam("size", query.size());
        if (query.cursor() != null && CURSOR.matcher(query.cursor()).matches()) {
            uri.queryParam("cursor", query.cursor());
        }
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
        return get(Downstream.TRANSFER, uri.build().toUri(), user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    public Optional<JsonNode> transfer(PortalUser user, String id) {
        if (!TRANSFER_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return get(Downstream.TRANSFER, services.transferService().resolve("/api/v1/transfers/" + id), user);
    }

    /**
     * Records the user's decision exactly as the transfer API takes it: {@code {decision, reasons, conditions}},
     * conditions only with {@code APPROVE_WITH_CONDITIONS}. A refusal comes back as its problem document.
     */
    public DecisionOutcome decide(PortalUser user, String id, Decision decision, String reasons, List<String> conditions) {
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
        return switch (calls.send(Downstream.TRANSFER, HttpMethod.POST, uri, user, MediaType.APPLICATION_JSON, body)) {
            case ServiceCalls.Outcome.Done done -> new DecisionOutcome.Recorded(done.body());
            case ServiceCalls.Outcome.Refused refused -> new DecisionOutcome.Refused(refused.problem());
        };
    }

    private Optional<JsonNode> get(Downstream service, URI uri, PortalUser user) {
        return calls.get(service, uri, user);
    }
}
