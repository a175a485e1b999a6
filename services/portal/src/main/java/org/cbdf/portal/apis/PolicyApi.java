package org.cbdf.portal.apis;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;

/**
 * The policy service's administration API (PolicyAdministrationController) and its adequacy reviews' reads
 * (AdequacyReviewsController, RecognitionController), called with the user's token.
 */
@Component
public class PolicyApi {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final ServiceCalls calls;
    private final PortalProperties services;

    PolicyApi(ServiceCalls calls, PortalProperties services) {
        this.calls = calls;
        this.services = services;
    }

    /** An instrument's collection as the policy API names it ({@code adequacy-decisions}, {@code recognition-agreements}). */
    public List<JsonNode> list(PortalUser user, String instrument) {
        return calls.get(Downstream.POLICY, uri("/api/v1/" + instrument), user).map(list -> list.valueStream().toList())
                .orElse(List.of());
    }

    public Optional<JsonNode> one(PortalUser user, String instrument, String id) {
        return id.matches(NAME) ? calls.get(Downstream.POLICY, uri("/api/v1/" + instrument + "/" + id), user) : Optional.empty();
    }

    /** {@code PUT /api/v1/<instrument>/{id}} with {@code {status, reason}}: the change event, or the refusal. */
    public ServiceCalls.Outcome changeStatus(PortalUser user, String instrument, String id, String status,
            String reason) {
        return calls.send(Downstream.POLICY, HttpMethod.PUT, uri("/api/v1/" + instrument + "/" + id), user,
                MediaType.APPLICATION_JSON, Map.of("status", status, "reason", reason));
    }

    /**
     * {@code GET /api/v1/<instrument>/{id}/status-change-preview?status&reason}: the transfers the change would
     * reassess and what it would make of each, worked out by the policy service without storing anything; or its
     * refusal (409 when the instrument has that status by now).
     */
    public ServiceCalls.Outcome previewStatusChange(PortalUser user, String instrument, String id, String status,
            String reason) {
        URI uri = UriComponentsBuilder.fromUri(services.policyService())
                .path("/api/v1/{instrument}/{id}/status-change-preview")
                .queryParam("status", "{status}").queryParam("reason", "{reason}")
                .encode().buildAndExpand(instrument, id, status, reason).toUri();
        return calls.read(Downstream.POLICY, uri, user);
    }

    public List<JsonNode> rulePacks(PortalUser user) {
        return calls.get(Downstream.POLICY, uri("/api/v1/rule-packs"), user).map(list -> list.valueStream().toList()).orElse(List.of());
    }

    public Optional<JsonNode> rulePack(PortalUser user, String label) {
        return label.matches(NAME) ? calls.get(Downstream.POLICY, uri("/api/v1/rule-packs/" + label), user) : Optional.empty();
    }

    /** {@code PUT /api/v1/rule-packs/{label}} with the YAML as it is: the publication event, or the refusal. */
    public ServiceCalls.Outcome publishRulePack(PortalUser user, String label, String yaml) {
        return calls.send(Downstream.POLICY, HttpMethod.PUT, uri("/api/v1/rule-packs/" + label), user, YAML, yaml);
    }

    /** {@code GET /api/v1/adequacy-reviews[?overdue=true]}: the reviews the policy API shows this user. */
    public List<JsonNode> adequacyReviews(PortalUser user, boolean overdueOnly) {
        return calls.get(Downstream.POLICY, uri("/api/v1/adequacy-reviews" + (overdueOnly ? "?overdue=true" : "")), user)
                .map(list -> list.valueStream().toList()).orElse(List.of());
    }

    /** {@code GET /api/v1/adequacy-reviews/{id}}; empty for an id that is not a UUID, as the API would answer 404. */
    public Optional<JsonNode> adequacyReview(PortalUser user, String id) {
        return id.matches(UUID) ? calls.get(Downstream.POLICY, uri("/api/v1/adequacy-reviews/" + id), user) : Optional.empty();
    }

    /** {@code GET /api/v1/adequacy-recognition-map}. */
    public Optional<JsonNode> recognitionMap(PortalUser user) {
        return calls.get(Downstream.POLICY, uri("/api/v1/adequacy-recognition-map"), user);
    }

    private URI uri(String path) {
        return services.policyService().resolve(path);
    }
}
