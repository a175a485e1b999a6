package org.cbdf.portal;

import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.JsonNode;

/**
 * HTTP calls to the services' APIs with the signed-in user's own token, the same way for every API: a read
 * the API refuses (403) or does not find (404) is nothing to show; 401 means the session has to be renewed
 * ({@link SessionExpired}); a change the API refuses comes back as its problem document, to be shown at the
 * form (a failing service's too: the page says nothing was recorded where it can); a read from a failing
 * service is the portal's bad gateway.
 */
@Component
class ServiceCalls {

    /** What a service answered to a change: its answer, or its refusal. */
    sealed interface Outcome {
        record Done(int status, JsonNode body) implements Outcome {
        }

        record Refused(ApiProblem problem) implements Outcome {
        }
    }

    private final RestClient http = RestClient.builder().build();

    Optional<JsonNode> get(URI uri, PortalUser user) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(user.token())).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404 || status.value() == 403) {
                        return Optional.<JsonNode>empty();
                    }
                    if (status.value() == 401) {
                        throw new SessionExpired(uri.getHost() + ":" + uri.getPort());
                    }
                    if (status.isError()) {
                        throw badGateway(uri, status);
                    }
                    return Optional.ofNullable(response.bodyTo(JsonNode.class));
                });
    }

    /** A read whose refusal the page shows (e.g. a filter the API does not take) rather than hides. */
    Outcome read(URI uri, PortalUser user) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(user.token())).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> outcome(uri, response.getStatusCode(), () -> response.bodyTo(JsonNode.class)));
    }

    /** The status a page shows for a refusal: the API's, but a failure of the API itself is a bad gateway. */
    static HttpStatus shownStatus(ApiProblem problem) {
        HttpStatus status = HttpStatus.resolve(problem.status());
        return status == null || status.is5xxServerError() ? HttpStatus.BAD_GATEWAY : status;
    }

    /** A change: {@code body} sent as {@code type} (JSON for objects, the text itself for strings). */
    Outcome send(HttpMethod method, URI uri, PortalUser user, MediaType type, Object body) {
        var request = http.method(method).uri(uri).headers(h -> h.setBearerAuth(user.token()))
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (body != null) {
            request = request.contentType(type).body(body);
        }
        return request.exchange((req, response) -> outcome(uri, response.getStatusCode(),
                () -> response.bodyTo(JsonNode.class)));
    }

    private static Outcome outcome(URI uri, HttpStatusCode status, java.util.function.Supplier<JsonNode> body) {
        if (status.is2xxSuccessful()) {
            return new Outcome.Done(status.value(), status.value() == 204 ? null : body.get());
        }
        if (status.value() == 401) {
            throw new SessionExpired(uri.getHost() + ":" + uri.getPort());
        }
        JsonNode problem;
        try {
            problem = body.get();
        } catch (RuntimeException unreadable) {
            problem = null;
        }
        return new Outcome.Refused(ApiProblem.read(status.value(), problem));
    }

    private static ResponseStatusException badGateway(URI uri, HttpStatusCode status) {
        return new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                uri.getHost() + ":" + uri.getPort() + " answered " + status.value());
    }
}
