package org.cbdf.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.PolicyConflictDetected;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.DecisionRecorded;
import org.cbdf.transfer.events.TransferAppealed;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The procedure against the real broker and database: cases opened by the events the transfer and policy
 * services publish and by a regulator's objection, taken through the API by the parties, deadlines fired by the
 * poller under a clock the test moves, and every published dispute event checked against its JSON Schema.
 */
class DisputeProcedureIntegrationTests extends SharedServiceContext {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TopicRecorder disputeEvents;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    DisputeProcedure procedure;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void recordDisputeEvents() {
        disputeEvents = TopicRecorder.of(DisputeEvents.TOPIC);
    }

    @AfterAll
    static void stopRecording() {
        disputeEvents.close();
    }

    // --- opening -----------------------------------------------------------------------------------------

    @Test
    void anAppealOpensOneCaseHoweverOftenItArrivesAndOnlyItsPartiesSeeIt() {
        String transferId = Transfers.newTransferId();
        String organization = "acme-" + UUID.randomUUID();
        TransferAppealed appealed = Triggers.appealed(transferId, organization);
        String eventId = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.APPEALED_V1, transferId, appealed));
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.APPEALED_V1, transferId, appealed));
        String republished = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(republished, TransferEvents.APPEALED_V1, transferId, appealed));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.caseTriggers", republished));

        List<UUID> cases = casesOf(transferId);
        assertThat(cases).as("one case per appeal: the redelivery and the republished appeal open none").hasSize(1);
        String path = "/api/v1/disputes/" + cases.getFirst();

        Response asRegulator = call("GET", path, TestTokens.regulator("DE"), null);
        assertThat(asRegulator.status()).isEqualTo(200);
        assertThat(asRegulator.body().get("status").asString()).isEqualTo("OPEN");
        assertThat(asRegulator.body().get("trigger").asString()).isEqualTo("APPEAL");
        assertThat(asRegulator.body().get("parties").toString()).isEqualTo("[\"CN\",\"DE\"]");
        assertThat(asRegulator.body().get("organization").asString()).isEqualTo(organization);
        assertThat(asRegulator.body().get("deadlineKind").asString()).isEqualTo("NEGOTIATION");
        assertThat(OffsetDateTime.parse(asRegulator.body().get("deadline").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse(asRegulator.body().get("openedAt").asString()).toInstant()
                        .atOffset(java.time.ZoneOffset.UTC).plusWeeks(4).toInstant());
        assertThat(call("GET", path, TestTokens.regulator("CN"), null).status()).isEqualTo(200);
        assertThat(call("GET", path, TestTokens.enterprise(organization, "CN"), null).status()).isEqualTo(200);
        assertThat(call("GET", path, TestTokens.auditor(), null).status()).isEqualTo(200);
        Response outsider = call("GET", path, TestTokens.regulator("SG"), null);
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.contentType()).isEqualTo("application/problem+json");
        assertThat(outsider.body().get("title").asString()).isEqualTo("Dispute not found");
        assertThat(call("GET", path, TestTokens.enterprise("globex-cn", "CN"), null).status()).isEqualTo(404);
        assertThat(call("GET", path, TestTokens.policyAdmin(), null).status()).isEqualTo(404);

        List<CloudEvent> opened = awaitDisputeEvents(cases.getFirst(), 1);
        assertThat(opened).extracting(CloudEvent::getType).containsExactly(DisputeEvents.OPENED_V1);
        assertThat(opened.getFirst().getExtension(CloudEventExtensions.ORGANIZATION)).isEqualTo(organization);
    }

    @Test
    void aPolicyConflictOpensACaseEvenBeforeTheTransferItselfArrives() {
        String transferId = Transfers.newTransferId();
        String organization = "acme-" + UUID.randomUUID();
        PolicyConflictDetected conflict = Triggers.conflict(transferId, organization);
        String conflictEvent = UUID.randomUUID().toString();
        publish(PolicyEvents.TOPIC, event(conflictEvent, PolicyEvents.CONFLICT_DETECTED_V1, transferId, conflict));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.caseTriggers", conflictEvent));
        // the submission comes later, on the other topic: it opens nothing and changes nothing
        String submission = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(submission, TransferEvents.SUBMITTED_V1, transferId,
                Transfers.submitted(transferId, organization, "CN", "DE")));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.transferEvents", submission));

        assertThat(casesOf(transferId)).hasSize(1);
        JsonNode disputeCase = call("GET", "/api/v1/disputes/" + casesOf(transferId).getFirst(),
                TestTokens.enterprise(organization, "CN"), null).body();
        assertThat(disputeCase.get("trigger").asString()).isEqualTo("POLICY_CONFLICT");
        assertThat(disputeCase.get("rules").toString()).isEqualTo("[\"cn.data-localisation\",\"eu.gdpr.art-48\"]");
        assertThat(disputeCase.get("grounds").asString()).isEqualTo(conflict.description());
        assertThat(disputeCase.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aRegulatorObjectsToAnotherRegulatorsDecisionOnATransferBothArePartyTo() {
        String transferId = Transfers.newTransferId();
        String organization = "acme-" + UUID.randomUUID();
        publish(TransferEvents.TOPIC, event(UUID.randomUUID().toString(), TransferEvents.SUBMITTED_V1, transferId,
                Transfers.submitted(transferId, organization, "CN", "DE")));
        DecisionRecorded rejection = Triggers.rejected(transferId, organization, "DE", CLOCK.instant());
        String decisionEvent = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(decisionEvent, TransferEvents.DECISION_RECORDED_V1, transferId, rejection));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.transferEvents", decisionEvent));
        String objection = """
                {"transferId": "%s", "objectsTo": "DE", "grounds": "The importer holds Global CBPR certification.",
                 "rules": ["cn.pipl.art-38"]}""".formatted(transferId);

        Response opened = call("POST", "/api/v1/disputes", TestTokens.regulator("CN"), objection);

        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        assertThat(opened.body().get("trigger").asString()).isEqualTo("OBJECTION");
        assertThat(opened.body().get("parties").toString()).isEqualTo("[\"CN\",\"DE\"]");
        assertThat(opened.body().get("organization").asString()).isEqualTo(organization);
        assertThat(opened.body().get("grounds").asString()).contains("CN objects to DE's decision REJECT");
        Response again = call("POST", "/api/v1/disputes", TestTokens.regulator("CN"), objection);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).contains(opened.body().get("id").asString());

        assertThat(call("POST", "/api/v1/disputes", TestTokens.regulator("SG"), objection).status())
                .as("not party to the transfer").isEqualTo(404);
        assertThat(call("POST", "/api/v1/disputes", TestTokens.enterprise(organization, "CN"), objection).status())
                .as("enterprises appeal, they do not object").isEqualTo(403);
        Response ownDecision = call("POST", "/api/v1/disputes", TestTokens.regulator("DE"), objection);
        assertThat(ownDecision.status()).isEqualTo(400);
        assertThat(ownDecision.body().at("/errors/0/field").asString()).isEqualTo("objectsTo");
        Response noDecision = call("POST", "/api/v1/disputes", TestTokens.regulator("DE"),
                objection.replace("\"objectsTo\": \"DE\"", "\"objectsTo\": \"CN\""));
        assertThat(noDecision.status()).as("CN decided nothing yet").isEqualTo(409);
        Response missingGrounds = call("POST", "/api/v1/disputes", TestTokens.regulator("CN"),
                "{\"transferId\": \"" + transferId + "\", \"objectsTo\": \"de\"}");
        assertThat(missingGrounds.status()).isEqualTo(400);
        assertThat(missingGrounds.body().get("errors").findValuesAsString("field")).contains("grounds", "objectsTo");
    }

    // --- negotiation -------------------------------------------------------------------------------------

    @Test
    void theRegulatorsAgreeWithinTheDeadlineAndTheOutcomeIsPublished() {
        String organization = "acme-" + UUID.randomUUID();
        UUID disputeId = appealAndAwaitCase(organization);
        String path = "/api/v1/disputes/" + disputeId;

        Response statement = call("POST", path + "/statements", TestTokens.enterprise(organization, "CN"), """
                {"text": "The security assessment was passed on 2026-10-02; see the CAC notice.",
                 "attachments": [{"name": "cac-notice.pdf", "sha256": "%s"}]}""".formatted("0f".repeat(32)));
        assertThat(statement.status()).isEqualTo(201);
        assertThat(statement.body().get("status").asString()).isEqualTo("NEGOTIATION");
        assertThat(statement.body().at("/statements/0/attachments/0/sha256").asString()).isEqualTo("0f".repeat(32));
        Response badHash = call("POST", path + "/statements", TestTokens.regulator("DE"),
                "{\"text\": \"x\", \"attachments\": [{\"name\": \"a.pdf\", \"sha256\": \"md5\"}]}");
        assertThat(badHash.status()).isEqualTo(400);
        assertThat(badHash.body().at("/errors/0/field").asString()).isEqualTo("attachments[0].sha256");

        Response proposed = call("POST", path + "/proposals", TestTokens.regulator("CN"),
                "{\"resolution\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": [\"Pseudonymise before export\"]}");
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(call("POST", path + "/proposals", TestTokens.enterprise(organization, "CN"),
                "{\"resolution\": \"OVERTURN\"}").status()).as("enterprises do not propose").isEqualTo(403);
        assertThat(call("POST", path + "/acceptances", TestTokens.regulator("DE"), "{\"proposal\": 7}").status())
                .isEqualTo(409);
        Response accepted = call("POST", path + "/acceptances", TestTokens.regulator("DE"), "{\"proposal\": 1}");

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("status").asString()).isEqualTo("RESOLVED_BY_AGREEMENT");
        assertThat(accepted.body().at("/outcome/resolution").asString()).isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(accepted.body().get("deadline").isNull()).isTrue();
        assertThat(accepted.body().get("timeline").findValuesAsString("step")).containsExactly("OPENED",
                "NEGOTIATION_STARTED", "STATEMENT_FILED", "AGREEMENT_PROPOSED", "AGREEMENT_ACCEPTED",
                "RESOLVED_BY_AGREEMENT");
        assertThat(call("POST", path + "/escalation", TestTokens.regulator("CN"), "{\"reason\": \"late\"}").status())
                .as("a closed case goes nowhere").isEqualTo(409);

        List<CloudEvent> events = awaitDisputeEvents(disputeId, 3);
        assertThat(events).extracting(CloudEvent::getType).containsExactly(DisputeEvents.OPENED_V1,
                DisputeEvents.STATEMENT_FILED_V1, DisputeEvents.RESOLVED_V1);
        JsonNode resolved = json.readTree(events.getLast().getData().toBytes());
        assertThat(resolved.get("resolution").asString()).isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(resolved.get("decidedBy").asString()).isEqualTo("AGREEMENT");
        assertThat(resolved.get("trigger").asString()).isEqualTo("APPEAL");
        assertThat(resolved.get("transferId").asString()).isEqualTo(casesTransfer(disputeId));
    }

    // --- deadlines and the panel ---------------------------------------------------------------------------

    @Test
    void theNegotiationDeadlineEscalatesOnceByItselfAndThePanelDecidesByTwoThirds() {
        String organization = "acme-" + UUID.randomUUID();
        UUID disputeId = appealAndAwaitCase(organization);
        String path = "/api/v1/disputes/" + disputeId;

        CLOCK.advance(Period.ofWeeks(4).minusDays(1));
        procedure.fireDueDeadlines();
        assertThat(call("GET", path, TestTokens.auditor(), null).body().get("status").asString()).isEqualTo("OPEN");

        CLOCK.advance(Duration.ofDays(1).plusMinutes(5));
        procedure.fireDueDeadlines();
        JsonNode escalated = call("GET", path, TestTokens.auditor(), null).body();
        procedure.fireDueDeadlines();

        assertThat(escalated.get("status").asString()).isEqualTo("ESCALATED");
        assertThat(escalated.get("deadlineKind").asString()).isEqualTo("PANEL_QUALIFIED_MAJORITY");
        assertThat(escalated.get("timeline").findValuesAsString("step")).containsExactly("OPENED", "DEADLINE_MISSED",
                "ESCALATED");
        assertThat(call("GET", path, TestTokens.auditor(), null).body().get("version").asLong())
                .as("firing again changes nothing").isEqualTo(escalated.get("version").asLong()).isEqualTo(3);
        List<String> panel = escalated.at("/panel/members").valueStream().map(JsonNode::asString).toList();
        assertThat(panel).hasSize(3).doesNotContain("CN", "DE");
        assertThat(escalated.at("/panel/rule").asString()).contains("SHA-256");

        // panel members see the case in their list; a party votes nothing, an outsider sees nothing
        Response chairsList = call("GET", "/api/v1/disputes?size=100", TestTokens.regulator(panel.getFirst()), null);
        assertThat(chairsList.body().get("content").findValuesAsString("id")).contains(disputeId.toString());
        Response partyVote = call("POST", path + "/votes", TestTokens.regulator("CN"), "{\"resolution\": \"UPHOLD\"}");
        assertThat(partyVote.status()).isEqualTo(403);
        assertThat(partyVote.contentType()).isEqualTo("application/problem+json");
        String outsider = List.of("CN", "DE", "SG", "FR", "JP", "GB", "IN", "BR", "US").stream()
                .filter(j -> !panel.contains(j) && !List.of("CN", "DE").contains(j)).findFirst().orElseThrow();
        assertThat(call("POST", path + "/votes", TestTokens.regulator(outsider), "{\"resolution\": \"UPHOLD\"}")
                .status()).isEqualTo(404);

        assertThat(call("POST", path + "/votes", TestTokens.regulator(panel.get(1)), "{\"resolution\": \"OVERTURN\"}")
                .status()).isEqualTo(201);
        assertThat(call("POST", path + "/votes", TestTokens.regulator(panel.get(1)), "{\"resolution\": \"UPHOLD\"}")
                .status()).as("once each").isEqualTo(409);
        Response decided = call("POST", path + "/votes", TestTokens.regulator(panel.get(2)),
                "{\"resolution\": \"OVERTURN\"}");

        assertThat(decided.body().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.body().at("/outcome/basis").asString()).isEqualTo("two-thirds majority: 2 of 3");
        List<CloudEvent> events = awaitDisputeEvents(disputeId, 6);
        assertThat(events).extracting(CloudEvent::getType).containsExactly(DisputeEvents.OPENED_V1,
                DisputeEvents.DEADLINE_MISSED_V1, DisputeEvents.ESCALATED_V1, DisputeEvents.VOTE_CAST_V1,
                DisputeEvents.VOTE_CAST_V1, DisputeEvents.RESOLVED_V1);
        assertThat(json.readTree(events.getLast().getData().toBytes()).get("decidedBy").asString()).isEqualTo("PANEL");
    }

    @Test
    void aPartyAsksForThePanelAndTheChairExtendsItsDeadlineOnce() {
        String organization = "acme-" + UUID.randomUUID();
        UUID disputeId = appealAndAwaitCase(organization);
        String path = "/api/v1/disputes/" + disputeId;

        assertThat(call("POST", path + "/escalation", TestTokens.enterprise(organization, "CN"), "{}").status())
                .as("a reason is required").isEqualTo(400);
        Response escalated = call("POST", path + "/escalation", TestTokens.enterprise(organization, "CN"),
                "{\"reason\": \"The regulators have not answered in three weeks.\"}");

        assertThat(escalated.status()).isEqualTo(200);
        assertThat(escalated.body().get("status").asString()).isEqualTo("ESCALATED");
        String chair = escalated.body().at("/panel/members/0").asString();
        String member = escalated.body().at("/panel/members/1").asString();
        assertThat(call("POST", path + "/extension", TestTokens.regulator(member), "{}").status()).isEqualTo(403);
        Response extended = call("POST", path + "/extension", TestTokens.regulator(chair),
                "{\"reason\": \"Complex: three rule packs involved.\"}");
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.body().at("/panel/extended").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(extended.body().get("deadline").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse(escalated.body().get("deadline").asString()).plusMonths(1).toInstant());
        assertThat(call("POST", path + "/extension", TestTokens.regulator(chair), null).status()).isEqualTo(409);

        List<CloudEvent> events = awaitDisputeEvents(disputeId, 2);
        JsonNode payload = json.readTree(events.get(1).getData().toBytes());
        assertThat(payload.get("reason").asString()).isEqualTo("REQUEST");
        assertThat(payload.get("requestedBy").asString()).isEqualTo(organization);
    }

    @Test
    void withoutTwoThirdsInTheMonthAndASplitAfterTwoWeeksTheChairsVoteDecides() {
        String organization = "acme-" + UUID.randomUUID();
        UUID disputeId = appealAndAwaitCase(organization);
        String path = "/api/v1/disputes/" + disputeId;
        JsonNode escalated = call("POST", path + "/escalation", TestTokens.regulator("DE"),
                "{\"reason\": \"Deadlocked on the scope of the assessment.\"}").body();
        List<String> panel = escalated.at("/panel/members").valueStream().map(JsonNode::asString).toList();
        // the chair and one member disagree, the third abstains: no two-thirds, and no simple majority either
        call("POST", path + "/votes", TestTokens.regulator(panel.get(0)), "{\"resolution\": \"OVERTURN\"}");
        call("POST", path + "/votes", TestTokens.regulator(panel.get(1)), "{\"resolution\": \"UPHOLD\"}");

        CLOCK.advance(Period.ofMonths(1).plusDays(1));
        procedure.fireDueDeadlines();
        JsonNode simpleStage = call("GET", path, TestTokens.regulator(panel.get(2)), null).body();
        assertThat(simpleStage.get("status").asString()).isEqualTo("ESCALATED");
        assertThat(simpleStage.get("deadlineKind").asString()).isEqualTo("PANEL_SIMPLE_MAJORITY");

        CLOCK.advance(Period.ofWeeks(2));
        procedure.fireDueDeadlines();
        JsonNode decided = call("GET", path, TestTokens.enterprise(organization, "CN"), null).body();

        assertThat(decided.get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.at("/outcome/resolution").asString()).as("the chair's vote").isEqualTo("OVERTURN");
        assertThat(decided.at("/outcome/basis").asString()).contains("broken by the chair " + panel.getFirst());
        assertThat(decided.get("timeline").findValuesAsString("step")).containsSubsequence("ESCALATED", "VOTE_CAST",
                "VOTE_CAST", "DEADLINE_MISSED", "DEADLINE_MISSED", "DECIDED");
        List<CloudEvent> events = awaitDisputeEvents(disputeId, 7);
        assertThat(events).extracting(CloudEvent::getType).containsExactly(DisputeEvents.OPENED_V1,
                DisputeEvents.ESCALATED_V1, DisputeEvents.VOTE_CAST_V1, DisputeEvents.VOTE_CAST_V1,
                DisputeEvents.DEADLINE_MISSED_V1, DisputeEvents.DEADLINE_MISSED_V1, DisputeEvents.RESOLVED_V1);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private UUID appealAndAwaitCase(String organization) {
        String transferId = Transfers.newTransferId();
        String eventId = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.APPEALED_V1, transferId,
                Triggers.appealed(transferId, organization)));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.caseTriggers", eventId));
        return casesOf(transferId).getFirst();
    }

    private List<UUID> casesOf(String transferId) {
        return jdbc.sql("select id from dispute_case where transfer_id = :transferId").param("transferId", transferId)
                .query(UUID.class).list();
    }

    private String casesTransfer(UUID disputeId) {
        return jdbc.sql("select transfer_id from dispute_case where id = :id").param("id", disputeId)
                .query(String.class).single();
    }

    /**
     * The case's events as published on {@code dispute.events}, once at least {@code count} arrived: each valid
     * against its type's JSON Schema, keyed by the dispute id, versions 1, 2, 3 … without gaps.
     */
    private List<CloudEvent> awaitDisputeEvents(UUID disputeId, int count) {
        List<CloudEvent> events = disputeEvents.awaitEvents(
                e -> disputeId.toString().equals(e.getExtension(CloudEventExtensions.AGGREGATE_ID)), count);
        List<Long> versions = new ArrayList<>();
        for (CloudEvent event : events) {
            assertThat(JsonSchemas.problems(event.getType(), new String(event.getData().toBytes())))
                    .as(event.getType()).isEmpty();
            versions.add(Long.parseLong(event.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString()));
        }
        assertThat(versions).isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        return events;
    }

    private CloudEvent event(String id, String type, String aggregateId, Object payload) {
        boolean transfer = type.startsWith("transfer.");
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create(transfer ? "urn:cbdf:transfer-service" : "urn:cbdf:policy-service"))
                .withSubject(aggregateId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, aggregateId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, transfer ? TransferEvents.AGGREGATE_TYPE
                        : "policy-conflict")
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(json.writeValueAsBytes(payload))
                .build();
    }

    private static void publish(String topic, CloudEvent event) {
        TopicRecorder.publish(topic, event.getExtension(CloudEventExtensions.AGGREGATE_ID).toString(), event);
    }

    private Response call(String method, String path, String token, String body) {
        var request = RestClient.create("http://127.0.0.1:" + port).method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                });
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchangeForRequiredValue((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            MediaType contentType = response.getHeaders().getContentType();
            return new Response(response.getStatusCode().value(),
                    contentType == null ? null : contentType.getType() + "/" + contentType.getSubtype(),
                    bytes.length == 0 ? json.nullNode() : json.readTree(bytes));
        }, true);
    }

    record Response(int status, String contentType, JsonNode body) {
    }
}
