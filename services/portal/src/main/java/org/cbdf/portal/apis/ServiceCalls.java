package org.cbdf.portal.apis;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * HTTP calls to the services' APIs with the signed-in user's own token, the same way for every API: a read
 * the API refuses (403) or does not find (404) is nothing to show; 401 means the session has to be renewed
 * ({@link SessionExpired}); a change the API refuses comes back as its problem document, to be shown at the
 * form (a failing service's too: the page says nothing was recorded where it can); a read a service answers
 * with a server error is the portal's bad gateway ({@link ServiceUnavailable}).
 *
 * <p>No call waits longer than the configured connect and read timeouts (the read timeout covers the whole
 * answer, body included), and each service's calls go through its circuit breaker ({@link ServiceCircuits}): a
 * service that cannot be reached, does not answer in time or whose circuit is open is {@link ServiceUnavailable},
 * which the page says plainly ({@link ServiceOutages}).
 */
@Component
public class ServiceCalls {

    /** What a service answered to a change: its answer, or its refusal. */
    public sealed interface Outcome {
        record Done(int status, JsonNode body) implements Outcome {
        }

        record Refused(ApiProblem problem) implements Outcome {
        }
    }

    private final RestClient http;
    private final RestClient downloads;
    private final ServiceCircuits circuits;
    private final PortalProperties.Calls limits;

    public ServiceCalls(PortalProperties properties, ServiceCircuits circuits) {
        this.limits = properties.calls();
        this.circuits = circuits;
        this.http = RestClient.builder().requestFactory(requests(limits.connectTimeout(), limits.readTimeout())).build();
        this.downloads = RestClient.builder().requestFactory(requests(limits.connectTimeout(), limits.exportTimeout()))
                .build();
    }

    /** Timeouts the JDK client enforces: the connection, then the whole exchange up to the end of the body. */
    private static JdkClientHttpRequestFactory requests(Duration connect, Duration read) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build());
        requests.setReadTimeout(read);
        return requests;
    }

    Optional<JsonNode> get(Downstream service, URI uri, PortalUser user) {
        return circuits.call(service, limits.readTimeout(), false, () -> http.get().uri(uri)
                .headers(h -> h.setBearerAuth(user.token())).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404 || status.value() == 403) {
                        return Optional.<JsonNode>empty();
                    }
                    if (status.value() == 401) {
                        throw new SessionExpired(uri.getHost() + ":" + uri.getPort());
                    }
                    if (status.isError()) {
                        throw new ServiceUnavailable(service, ServiceUnavailable.Reason.SERVER_ERROR,
                                limits.readTimeout(), false, new IllegalStateException(
                                        uri.getHost() + ":" + uri.getPort() + " answered " + status.value()));
                    }
                    return Optional.ofNullable(response.bodyTo(JsonNode.class));
                }), answer -> false);
    }

    /** A read whose refusal the page shows (e.g. a filter the API does not take) rather than hides. */
    Outcome read(Downstream service, URI uri, PortalUser user) {
        return circuits.call(service, limits.readTimeout(), false, () -> http.get().uri(uri)
                .headers(h -> h.setBearerAuth(user.token())).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> outcome(uri, response.getStatusCode(),
                        () -> response.bodyTo(JsonNode.class))), ServiceCalls::serverError);
    }

    /** The status a page shows for a refusal: the API's, but a failure of the API itself is a bad gateway. */
    public static HttpStatus shownStatus(ApiProblem problem) {
        HttpStatus status = HttpStatus.resolve(problem.status());
        return status == null || status.is5xxServerError() ? HttpStatus.BAD_GATEWAY : status;
    }

    /** A change: {@code body} sent as {@code type} (JSON for objects, the text itself for strings). */
    Outcome send(Downstream service, HttpMethod method, URI uri, PortalUser user, MediaType type, Object body) {
        return circuits.call(service, limits.readTimeout(), method != HttpMethod.GET, () -> {
            var request = http.method(method).uri(uri).headers(h -> h.setBearerAuth(user.token()))
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request = request.contentType(type).body(body);
            }
            return request.exchange((req, response) -> outcome(uri, response.getStatusCode(),
                    () -> response.bodyTo(JsonNode.class)));
        }, ServiceCalls::serverError);
    }

    /**
     * A download passed on as it arrives (the audit export): {@code handler} gets the answer's status, headers and
     * body while the connection is open. The export timeout bounds the whole download.
     */
    <T> T download(Downstream service, URI uri, PortalUser user, String accept,
            RestClient.RequestHeadersSpec.ExchangeFunction<T> handler) {
        return circuits.call(service, limits.exportTimeout(), false, () -> downloads.get().uri(uri)
                .headers(h -> {
                    h.setBearerAuth(user.token());
                    h.set("Accept", accept);
                }).exchange(handler), answer -> false);
    }

    private static boolean serverError(Outcome outcome) {
        return outcome instanceof Outcome.Refused refused && refused.problem().status() >= 500;
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

}
