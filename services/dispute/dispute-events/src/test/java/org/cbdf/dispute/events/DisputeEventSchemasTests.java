package org.cbdf.dispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.cbdf.platform.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The records are what goes on the wire; the schemas are what other services build against. They must agree. */
class DisputeEventSchemasTests {

    private static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOpenedDisputeAsSerialisedMatchesItsSchema() {
        var opened = new DisputeOpened("d-1", "t-1", Trigger.APPEAL, List.of("CN", "DE"), NOW,
                "The rejection ignored the signed standard contract.");

        assertThat(JsonSchemas.problems(DisputeEvents.OPENED_V1, json.writeValueAsString(opened))).isEmpty();
    }

    @Test
    void aResolvedDisputeAsSerialisedMatchesItsSchema() {
        var upheld = new DisputeResolved("d-1", "t-1", Resolution.UPHOLD, List.of(), DecidedBy.PANEL, NOW);
        var conditional = new DisputeResolved("d-2", "t-2", Resolution.APPROVE_WITH_CONDITIONS,
                List.of("Pseudonymise before export"), DecidedBy.AGREEMENT, NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(upheld))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(conditional))).isEmpty();
    }

    @Test
    void theOpenedSchemaRefusesAnUnknownTriggerAndANonIsoParty() {
        String payload = """
                {"disputeId":"d-1","transferId":"t-1","trigger":"COMPLAINT","parties":["Germany"],
                 "openedAt":"2026-12-01T09:30:00Z","grounds":"x"}
                """;

        assertThat(JsonSchemas.problems(DisputeEvents.OPENED_V1, payload)).hasSize(2);
    }

    @Test
    void theResolvedSchemaTiesConditionsToAConditionalApproval() {
        var conditionsWithoutApproval = new DisputeResolved("d-1", "t-1", Resolution.OVERTURN,
                List.of("Encrypt at rest"), DecidedBy.PANEL, NOW);
        var approvalWithoutConditions = new DisputeResolved("d-2", "t-2", Resolution.APPROVE_WITH_CONDITIONS,
                List.of(), DecidedBy.PANEL, NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(conditionsWithoutApproval)))
                .isNotEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(approvalWithoutConditions)))
                .isNotEmpty();
    }

    @Test
    void aPayloadMissingARequiredFieldIsRefused() {
        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, """
                {"disputeId":"d-1","transferId":"t-1","resolution":"UPHOLD","conditions":[],"decidedBy":"PANEL"}
                """)).anyMatch(problem -> problem.contains("resolvedAt"));
    }
}
