package org.cbdf.portal.apis;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit service's API (LedgerController, StateController, CheckpointController, ProofController,
 * ExportController), called with the user's token.
 */
@Component
public class AuditApi {

    /** The audit events the log search shows at once. */
    public static final int EVENTS_PAGE = 100;
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final ServiceCalls calls;
    private final PortalProperties services;
    private final JsonMapper json;

    public AuditApi(ServiceCalls calls, PortalProperties services, JsonMapper json) {
        this.json = json;
        this.calls = calls;
        this.services = services;
    }

    /** The audit events API's filters, as it takes them. */
    public record EventQuery(String aggregateId, String type, String organization, String jurisdiction, Instant from,
            Instant to, Long after, int limit) {
    }

    /** {@code GET /api/v1/audit/events}: entries in log order; a refusal (a filter it does not take) to show. */
    public ServiceCalls.Outcome events(PortalUser user, EventQuery query) {
        var uri = UriComponentsBuilder.fromUri(services.auditService()).path("/api/v1/audit/events")
                .queryParam("limit", query.limit());
        param(uri, "aggregateId", query.aggregateId());
        param(uri, "type", query.type());
        param(uri, "organization", query.organization());
        param(uri, "jurisdiction", query.jurisdiction());
        param(uri, "from", query.from());
        param(uri, "to", query.to());
        param(uri, "after", query.after());
        return calls.read(Downstream.AUDIT, uri.encode().build().toUri(), user);
    }

    /** One aggregate's entries (a transfer's or a dispute's timeline), in log order. */
    public List<JsonNode> trail(PortalUser user, String aggregateId) {
        if (!TransferApi.TRANSFER_ID.matcher(aggregateId).matches()) {
            return List.of();
        }
        URI uri = UriComponentsBuilder.fromUri(services.auditService()).path("/api/v1/audit/events")
                .queryParam("aggregateId", aggregateId).encode().build().toUri();
        return calls.get(Downstream.AUDIT, uri, user).map(events -> events.valueStream().toList()).orElse(List.of());
    }

    /** A transfer's or dispute's state at an instant ({@code kind}: transfers, disputes); 404: no event by then. */
    public ServiceCalls.Outcome state(PortalUser user, String kind, String id, Instant at) {
        URI uri = UriComponentsBuilder.fromUri(services.auditService()).path("/api/v1/audit/{kind}/{id}/state")
                .queryParam("at", at).encode().buildAndExpand(kind, id).toUri();
        return calls.read(Downstream.AUDIT, uri, user);
    }

    public Optional<JsonNode> latestCheckpoint(PortalUser user) {
        return calls.get(Downstream.AUDIT, services.auditService().resolve("/api/v1/audit/checkpoints/latest"), user);
    }

    /** The key the audit service publishes (no token needed; the user's is sent anyway). */
    public Optional<JsonNode> publicKey(PortalUser user) {
        return calls.get(Downstream.AUDIT, services.auditService().resolve("/api/v1/audit/public-key"), user);
    }

    public Optional<JsonNode> inclusionProof(PortalUser user, long leafIndex, long treeSize) {
        return calls.get(Downstream.AUDIT, services.auditService().resolve("/api/v1/audit/proofs/inclusion?leafIndex=" + leafIndex
                + "&treeSize=" + treeSize), user);
    }

    /** {@code POST /api/v1/audit/checkpoints}: signs the head now (201), or it was signed already (200). */
    public ServiceCalls.Outcome signCheckpoint(PortalUser user) {
        return calls.send(Downstream.AUDIT, HttpMethod.POST, services.auditService().resolve("/api/v1/audit/checkpoints"), user,
                MediaType.APPLICATION_JSON, null);
    }

    /** What becomes of the export: the bundle passed on as it arrives, or the page that shows the refusal. */
    public interface Export<T> {
        /**
         * @param disposition the service's {@code Content-Disposition}, or null
         * @param length      the bundle's length, or -1 when the service did not say
         */
        T bundle(String disposition, long length, InputStream body) throws IOException;

        /** Anything but a zip: a refusal (nothing signed yet: 409; a range beyond the latest checkpoint: 400). */
        T refused(ApiProblem problem);
    }

    /**
     * {@code GET /api/v1/audit/export?from&to}: the bundle as the audit service streams it, handed to {@code export}
     * while the connection is open (never held whole in the portal). The export timeout bounds the whole download;
     * 401 means the session has to be renewed.
     */
    public <T> T export(PortalUser user, long from, Long to, Export<T> export) {
        var uri = UriComponentsBuilder.fromUri(services.auditService()).path("/api/v1/audit/export")
                .queryParam("from", from);
        param(uri, "to", to);
        return calls.download(Downstream.AUDIT, uri.build().toUri(), user, "application/zip, application/problem+json",
                (request, upstream) -> {
                    int status = upstream.getStatusCode().value();
                    MediaType type = upstream.getHeaders().getContentType();
                    if (status == 200 && type != null && type.isCompatibleWith(ZIP)) {
                        return export.bundle(upstream.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION),
                                upstream.getHeaders().getContentLength(), upstream.getBody());
                    }
                    if (status == 401) {
                        throw new SessionExpired("the audit service");
                    }
                    JsonNode problem;
                    try {
                        problem = json.readTree(upstream.getBody().readNBytes(64 * 1024));
                    } catch (RuntimeException unreadable) {
                        problem = null;
                    }
                    return export.refused(ApiProblem.read(status, problem));
                });
    }

    private static void param(UriComponentsBuilder uri, String name, Object value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }
}
