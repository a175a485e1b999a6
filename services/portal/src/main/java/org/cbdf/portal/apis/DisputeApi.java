package org.cbdf.portal.apis;

import java.net.URI;
import java.util.Optional;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The dispute service's API (DisputeCasesController), called with the user's token. */
@Component
public class DisputeApi {

    /** The dispute API's largest page. */
    static final int MAX_PAGE_SIZE = 100;

    private final ServiceCalls calls;
    private final PortalProperties services;

    DisputeApi(ServiceCalls calls, PortalProperties services) {
        this.calls = calls;
        this.services = services;
    }

    /**
     * The cases the user is party to (auditors: every case), newest first, one page: after {@code cursor} (the
     * {@code nextCursor} of the page before), or the first.
     */
    public JsonNode cases(PortalUser user, String cursor, int size) {
        var query = UriComponentsBuilder.fromUri(services.disputeService()).path("/api/v1/disputes")
                .queryParam("size", Math.min(size, MAX_PAGE_SIZE));
        if (cursor != null && TransferApi.CURSOR.matcher(cursor).matches()) {
            query.queryParam("cursor", cursor);
        }
        URI uri = query.build().toUri();
        return calls.get(Downstream.DISPUTE, uri, user).orElseGet(DisputeApi::emptyPage);
    }

    /** The whole case, if the user may see it (outsiders get a 404 from the API, as for an unknown case). */
    public Optional<JsonNode> dispute(PortalUser user, String id) {
        if (!TransferApi.TRANSFER_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return calls.get(Downstream.DISPUTE, services.disputeService().resolve("/api/v1/disputes/" + id), user);
    }

    /** Takes a step: {@code POST /api/v1/disputes/{id}/<step>} (the step as the API names it) with the body the API takes; its answer is the case. */
    public ServiceCalls.Outcome step(PortalUser user, String id, String step, Object body) {
        URI uri = services.disputeService().resolve("/api/v1/disputes/" + id + "/" + step);
        return calls.send(Downstream.DISPUTE, HttpMethod.POST, uri, user, MediaType.APPLICATION_JSON, body);
    }

    private static JsonNode emptyPage() {
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.putArray("content");
        page.put("totalElements", 0);
        page.putNull("nextCursor");
        return page;
    }
}
