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
                List.of("Pseudonymise before export"), DecidedBy.AGREEMENT, NOW, Trigger.APPEAL);

        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(upheld))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, json.writeValueAsString(conditional))).isEmpty();
    }

    @Test
    void theResolvedSchemaKnowsTheTriggers() {
        String payload = """
                {"disputeId":"d-1","transferId":"t-1","resolution":"UPHOLD","conditions":[],"decidedBy":"PANEL",
                 "resolvedAt":"2026-12-01T09:30:00Z","trigger":"COMPLAINT"}
                """;

        assertThat(JsonSchemas.problems(DisputeEvents.RESOLVED_V1, payload)).hasSize(1);
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
    @Test
    void anOpenedDisputeWithTheAddedFieldsMatchesItsSchema() {
        var opened = new DisputeOpened("d-1", "t-1", Trigger.POLICY_CONFLICT, List.of("CN", "DE"), NOW,
                "Localisation rule contradicts the adequacy finding.", "acme-cn", List.of("cn.pipl.volume-1m"),
                "policy-service", NOW.plusSeconds(3600));

        assertThat(JsonSchemas.problems(DisputeEvents.OPENED_V1, json.writeValueAsString(opened))).isEmpty();
    }

    @Test
    void aFiledStatementMatchesItsSchemaAndItsHashesMustBeSha256() {
        var filed = new StatementFiled("d-1", "t-1", 1, "DE", "regulator-de", "The contract covers onward transfers.",
                List.of(new StatementFiled.Attachment("contract.pdf", "ab".repeat(32))), NOW);
        var badHash = new StatementFiled("d-1", "t-1", 1, "DE", "regulator-de", "x",
                List.of(new StatementFiled.Attachment("contract.pdf", "md5:1234")), NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.STATEMENT_FILED_V1, json.writeValueAsString(filed))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.STATEMENT_FILED_V1, json.writeValueAsString(badHash)))
                .hasSize(1);
    }

    @Test
    void anEscalationMatchesItsSchemaAndARequestNamesWhoAsked() {
        var onDeadline = new DisputeEscalated("d-1", "t-1", "DEADLINE", null, List.of("SG", "JP", "FR"), "SG",
                "sha256", NOW.plusSeconds(60), NOW);
        var requestedByNobody = new DisputeEscalated("d-1", "t-1", "REQUEST", null, List.of("SG"), "SG", "sha256",
                NOW.plusSeconds(60), NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.ESCALATED_V1, json.writeValueAsString(onDeadline))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.ESCALATED_V1, json.writeValueAsString(requestedByNobody)))
                .isNotEmpty();
    }

    @Test
    void aVoteMatchesItsSchemaAndTiesConditionsToAConditionalApproval() {
        var vote = new VoteCast("d-1", "t-1", "SG", Resolution.APPROVE_WITH_CONDITIONS, List.of("Encrypt at rest"), NOW);
        var conditionsOnOverturn = new VoteCast("d-1", "t-1", "SG", Resolution.OVERTURN, List.of("Encrypt"), NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.VOTE_CAST_V1, json.writeValueAsString(vote))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.VOTE_CAST_V1, json.writeValueAsString(conditionsOnOverturn)))
                .isNotEmpty();
    }

    @Test
    void aMissedDeadlineMatchesItsSchemaAndNamesAKnownStep() {
        var missed = new DeadlineMissed("d-1", "t-1", "NEGOTIATION", NOW, "escalated to a panel", NOW.plusSeconds(5));
        var unknownStep = new DeadlineMissed("d-1", "t-1", "LUNCH", NOW, "escalated", NOW);

        assertThat(JsonSchemas.problems(DisputeEvents.DEADLINE_MISSED_V1, json.writeValueAsString(missed))).isEmpty();
        assertThat(JsonSchemas.problems(DisputeEvents.DEADLINE_MISSED_V1, json.writeValueAsString(unknownStep)))
                .hasSize(1);
    }
}
