package org.cbdf.portal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.JsonNode;

/**
 * The services' APIs, called with the signed-in user's own token, so the portal never shows what an API
 * would refuse that user. A 404 from an API stays a 404 here; a 401 means the token ran out.
 */
@Component
class ServiceApis {

    private final RestClient http = RestClient.builder().build();
    private final PortalProperties services;

    ServiceApis(PortalProperties services) {
        this.services = services;
    }

    JsonNode transfers(PortalUser user, String status, boolean awaitingMe) {
        StringBuilder query = new StringBuilder("/api/v1/transfers?size=100");
        if (status != null && status.matches("[A-Z_]{1,40}")) {
            query.append("&status=").append(status);
        }
        if (awaitingMe) {
            query.append("&awaiting=me");
        }
        return get(services.transferService().resolve(query.toString()), user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    Optional<JsonNode> transfer(PortalUser user, String id) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        return get(services.transferService().resolve("/api/v1/transfers/" + id), user);
    }

    List<JsonNode> auditTrail(PortalUser user, String id) {
        return get(services.auditService().resolve("/api/v1/audit/events?aggregateId=" + id), user)
                .map(events -> events.valueStream().toList()).orElse(List.of());
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
