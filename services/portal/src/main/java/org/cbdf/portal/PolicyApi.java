package org.cbdf.portal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
class PolicyApi {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final ServiceCalls calls;
    private final PortalProperties services;

    PolicyApi(ServiceCalls calls, PortalProperties services) {
        this.calls = calls;
        this.services = services;
    }

    List<JsonNode> list(PortalUser user, PolicyInstrument instrument) {
        return calls.get(Downstream.POLICY, uri("/api/v1/" + instrument.path()), user).map(list -> list.valueStream().toList())
                .orElse(List.of());
    }

    Optional<JsonNode> one(PortalUser user, PolicyInstrument instrument, String id) {
        return id.matches(NAME) ? calls.get(Downstream.POLICY, uri("/api/v1/" + instrument.path() + "/" + id), user) : Optional.empty();
    }

    /** {@code PUT /api/v1/<instrument>/{id}} with {@code {status, reason}}: the change event, or the refusal. */
    ServiceCalls.Outcome changeStatus(PortalUser user, PolicyInstrument instrument, String id, String status,
            String reason) {
        return calls.send(Downstream.POLICY, HttpMethod.PUT, uri("/api/v1/" + instrument.path() + "/" + id), user,
                MediaType.APPLICATION_JSON, Map.of("status", status, "reason", reason));
    }

    /**
     * {@code GET /api/v1/<instrument>/{id}/status-change-preview?status&reason}: the transfers the change would
     * reassess and what it would make of each, worked out by the policy service without storing anything; or its
     * refusal (409 when the instrument has that status by now).
     */
    ServiceCalls.Outcome previewStatusChange(PortalUser user, PolicyInstrument instrument, String id, String status,
            String reason) {
        URI uri = UriComponentsBuilder.fromUri(services.policyService())
                .path("/api/v1/{instrument}/{id}/status-change-preview")
                .queryParam("status", "{status}").queryParam("reason", "{reason}")
                .encode().buildAndExpand(instrument.path(), id, status, reason).toUri();
        return calls.read(Downstream.POLICY, uri, user);
    }

    List<JsonNode> rulePacks(PortalUser user) {
        return calls.get(Downstream.POLICY, uri("/api/v1/rule-packs"), user).map(list -> list.valueStream().toList()).orElse(List.of());
    }

    Optional<JsonNode> rulePack(PortalUser user, String label) {
        return label.matches(NAME) ? calls.get(Downstream.POLICY, uri("/api/v1/rule-packs/" + label), user) : Optional.empty();
    }

    /** {@code PUT /api/v1/rule-packs/{label}} with the YAML as it is: the publication event, or the refusal. */
    ServiceCalls.Outcome publishRulePack(PortalUser user, String label, String yaml) {
        return calls.send(Downstream.POLICY, HttpMethod.PUT, uri("/api/v1/rule-packs/" + label), user, YAML, yaml);
    }

    /** {@code GET /api/v1/adequacy-reviews[?overdue=true]}: the reviews the policy API shows this user. */
    List<JsonNode> adequacyReviews(PortalUser user, boolean overdueOnly) {
        return calls.get(Downstream.POLICY, uri("/api/v1/adequacy-reviews" + (overdueOnly ? "?overdue=true" : "")), user)
                .map(list -> list.valueStream().toList()).orElse(List.of());
    }

    /** {@code GET /api/v1/adequacy-reviews/{id}}; empty for an id that is not a UUID, as the API would answer 404. */
    Optional<JsonNode> adequacyReview(PortalUser user, String id) {
        return id.matches(UUID) ? calls.get(Downstream.POLICY, uri("/api/v1/adequacy-reviews/" + id), user) : Optional.empty();
    }

    /** {@code GET /api/v1/adequacy-recognition-map}. */
    Optional<JsonNode> recognitionMap(PortalUser user) {
        return calls.get(Downstream.POLICY, uri("/api/v1/adequacy-recognition-map"), user);
    }

    private URI uri(String path) {
        return services.policyService().resolve(path);
    }
}
