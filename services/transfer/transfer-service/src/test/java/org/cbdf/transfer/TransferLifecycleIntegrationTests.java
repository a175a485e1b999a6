package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.cbdf.platform.testing.MutableClock;
import org.cbdf.dispute.events.DecidedBy;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.DisputeResolved;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.requests.TransferExpiry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle against the real broker and database: regulators' decisions, appeals and the dispute's
 * outcome, obligations, withdrawal, suspension on reassessment, expiry by a clock the test moves, the
 * status streams, and tenant isolation over every endpoint.
 */
class TransferLifecycleIntegrationTests extends SharedServiceContext {

    static TopicRecorder transferTopic;
    static TopicRecorder disputeDeadLetters;

    @BeforeAll
    static void record() {
        transferTopic = TopicRecorder.of(TransferEvents.TOPIC);
        disputeDeadLetters = TopicRecorder.of("transfer-service.dispute.events.dlq");
    }

    @AfterAll
    static void stopRecording() {
        transferTopic.close();
        disputeDeadLetters.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    TransferExpiry expiry;

    final String acmeCn = TestTokens.enterprise("acme-cn", "CN");
    final String acmeDe = TestTokens.enterprise("acme-de", "DE");
    final String regulatorCn = TestTokens.regulator("CN");
    final String regulatorDe = TestTokens.regulator("DE");
    final String regulatorUs = TestTokens.regulator("US");
    final String regulatorSg = TestTokens.regulator("SG");

    RestClient api(String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    // ---------------------------------------------------------------- regulators

    @Test
    void twoRequiredRegulatorsMustBothApproveAndEachDecisionIsPublished() {
        String id = assessed(Assessments.approvalBy("CN", "DE"), "AWAITING_APPROVAL");
        assertThat(awaiting(regulatorDe)).contains(id);
        assertThat(awaiting(regulatorCn)).contains(id);
        assertThat(awaiting(regulatorUs)).doesNotContain(id);

        ResponseEntity<JsonNode> de = decide(regulatorDe, id, Map.of("decision", "APPROVE", "reasons",
                "Importer certified"));
        assertThat(de.getStatusCode().value()).isEqualTo(200);
        assertThat(de.getBody().get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(awaiting(regulatorDe)).doesNotContain(id);
        assertThat(awaiting(regulatorCn)).contains(id);

        ResponseEntity<JsonNode> cn = decide(regulatorCn, id, Map.of("decision", "APPROVE_WITH_CONDITIONS",
                "reasons", "Security assessment passed", "conditions", List.of("Annual audit")));
        assertThat(cn.getBody().get("status").asString()).isEqualTo("APPROVED");
        JsonNode decisions = cn.getBody().get("decisions");
        assertThat(decisions.valueStream().map(d -> d.get("jurisdiction").asString())).containsExactly("DE", "CN");
        assertThat(decisions.get(1).get("decidedBy").asString()).isNotBlank();
        assertThat(decisions.get(1).get("decidedAt").asString()).isEqualTo(START.toString());
        assertThat(decisions.get(1).get("conditions").get(0).asString()).isEqualTo("Annual audit");

        List<CloudEvent> recorded = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.DECISION_RECORDED_V1.equals(e.getType()), 2);
        assertThat(recorded).extracting(e -> e.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString())
                .containsExactly("3", "4");
        recorded.forEach(e -> assertThat(JsonSchemas.problems(e.getType(), new String(e.getData().toBytes())))
                .isEmpty());
        assertThat(json.readTree(recorded.get(1).getData().toBytes()).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void oneRejectionRejectsAndNobodyDecidesAfterwards() {
        String id = assessed(Assessments.approvalBy("CN", "DE"), "AWAITING_APPROVAL");

        assertThat(decide(regulatorCn, id, Map.of("decision", "REJECT", "reasons", "Volume")).getBody()
                .get("status").asString()).isEqualTo("REJECTED");

        ResponseEntity<JsonNode> late = decide(regulatorDe, id, Map.of("decision", "APPROVE", "reasons", "fine"));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(late.getBody().get("currentStatus").asString()).isEqualTo("REJECTED");
        assertThat(late.getBody().get("detail").asString()).contains("REJECTED");
    }

    @Test
    void onlyARequiredApproverDecidesOncePerJurisdictionWithReasons() {
        String id = assessed(Assessments.approvalBy("CN", "DE"), "AWAITING_APPROVAL");
        Map<String, Object> approve = Map.of("decision", "APPROVE", "reasons", "fine");

        assertThat(decide(regulatorUs, id, approve).getStatusCode().value()).as("onward, not an approver")
                .isEqualTo(403);
        assertThat(decide(regulatorSg, id, approve).getStatusCode().value()).as("not involved at all")
                .isEqualTo(404);
        assertThat(decide(acmeCn, id, approve).getStatusCode().value()).as("the exporter itself").isEqualTo(403);

        ResponseEntity<JsonNode> noReasons = decide(regulatorCn, id, Map.of("decision", "APPROVE"));
        assertThat(noReasons.getStatusCode().value()).isEqualTo(400);
        assertThat(noReasons.getBody().get("errors").get(0).get("field").asString()).isEqualTo("reasons");
        ResponseEntity<JsonNode> noConditions = decide(regulatorCn, id, Map.of("decision", "APPROVE_WITH_CONDITIONS",
                "reasons", "ok"));
        assertThat(noConditions.getBody().get("errors").get(0).get("field").asString()).isEqualTo("conditions");
        ResponseEntity<JsonNode> unknown = decide(regulatorCn, id, Map.of("decision", "MAYBE", "reasons", "ok"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().get("errors").get(0).get("field").asString()).isEqualTo("decision");

        assertThat(decide(regulatorCn, id, approve).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<JsonNode> again = decide(regulatorCn, id, Map.of("decision", "REJECT", "reasons", "no"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("title").asString()).isEqualTo("Already decided");
        assertThat(read(acmeCn, id).get("decisions")).hasSize(1);

        String permitted = assessed(Assessments.permitted(), "PERMITTED");
        assertThat(decide(regulatorCn, permitted, approve).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void concurrentDecisionsOnOneTransferAreAllKept() throws Exception {
        String id = assessed(Assessments.approvalBy("CN", "DE"), "AWAITING_APPROVAL");
        Map<String, Object> approve = Map.of("decision", "APPROVE", "reasons", "fine");

        List<Callable<Integer>> racers = List.of(
                () -> decide(regulatorCn, id, approve).getStatusCode().value(),
                () -> decide(regulatorDe, id, approve).getStatusCode().value(),
                () -> decide(regulatorCn, id, approve).getStatusCode().value(),
                () -> decide(regulatorDe, id, approve).getStatusCode().value());
        List<Integer> statuses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> answer : executor.invokeAll(racers)) {
                statuses.add(answer.get());
            }
        }

        // one decision per jurisdiction, the duplicate refused, nothing lost, versions gap-free
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 409, 409);
        JsonNode transfer = read(acmeCn, id);
        assertThat(transfer.get("status").asString()).isEqualTo("APPROVED");
        assertThat(transfer.get("decisions").valueStream().map(d -> d.get("jurisdiction").asString()))
                .containsExactlyInAnyOrder("CN", "DE");
        assertThat(transfer.get("version").asLong()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- enterprises

    @Test
    void aRejectionIsAppealedAndTheDisputesOutcomeIsTaken() {
        String overturned = rejected();
        ResponseEntity<JsonNode> noGrounds = post(acmeCn, "/api/v1/transfers/{id}/appeal", overturned,
                Map.of("grounds", " "));
        assertThat(noGrounds.getStatusCode().value()).isEqualTo(400);
        assertThat(noGrounds.getBody().get("errors").get(0).get("field").asString()).isEqualTo("grounds");

        ResponseEntity<JsonNode> appealed = post(acmeCn, "/api/v1/transfers/{id}/appeal", overturned,
                Map.of("grounds", "The importer is certified"));
        assertThat(appealed.getStatusCode().value()).isEqualTo(200);
        assertThat(appealed.getBody().get("status").asString()).isEqualTo("APPEALED");
        assertThat(post(acmeCn, "/api/v1/transfers/{id}/appeal", overturned, Map.of("grounds", "again"))
                .getBody().get("currentStatus").asString()).isEqualTo("APPEALED");
        CloudEvent event = transferTopic.awaitEvents(e -> overturned.equals(e.getSubject())
                && TransferEvents.APPEALED_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(event.getType(), new String(event.getData().toBytes()))).isEmpty();
        JsonNode payload = json.readTree(event.getData().toBytes());
        assertThat(payload.get("rejectingJurisdictions").get(0).asString()).isEqualTo("DE");
        assertThat(payload.get("grounds").asString()).isEqualTo("The importer is certified");

        String upheld = rejected();
        post(acmeCn, "/api/v1/transfers/{id}/appeal", upheld, Map.of("grounds", "Please reconsider"));

        TopicRecorder.publish(DisputeEvents.TOPIC, overturned, disputeResolved(overturned, Resolution.OVERTURN));
        TopicRecorder.publish(DisputeEvents.TOPIC, upheld, disputeResolved(upheld, Resolution.UPHOLD));
        CloudEvent unknown = disputeResolved(UUID.randomUUID().toString(), Resolution.OVERTURN);
        TopicRecorder.publish(DisputeEvents.TOPIC, "unknown", unknown);

        await().atMost(Duration.ofSeconds(30)).until(() -> "APPROVED".equals(status(overturned)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(status(upheld)));
        assertThat(read(acmeCn, upheld).get("appeal").get("resolution").asString()).isEqualTo("UPHOLD");
        CloudEvent decided = transferTopic.awaitEvents(e -> overturned.equals(e.getSubject())
                && TransferEvents.APPEAL_DECIDED_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(decided.getType(), new String(decided.getData().toBytes()))).isEmpty();
        var deadLetter = disputeDeadLetters.awaitRecord(r -> unknown.getId().equals(TopicRecorder.header(r, "ce_id")));
        assertThat(TopicRecorder.header(deadLetter, "x-exception-message")).contains("unknown transfer");
    }

    @Test
    void obligationsAreFulfilledOneByOneUntilTheTransferIsPermitted() {
        String id = assessed(Assessments.conditionalOn("CN_SC_FILING", "PIA_REPORT"), "CONDITIONAL");
        String path = "/api/v1/transfers/{id}/obligations/{code}/fulfilment";

        ResponseEntity<JsonNode> unknown = api(acmeCn).post().uri(path, id, "NOPE")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reference", "x")).retrieve()
                .toEntity(JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().get("errors").get(0).get("reason").asString()).contains("CN_SC_FILING");
        ResponseEntity<JsonNode> noReference = api(acmeCn).post().uri(path, id, "CN_SC_FILING")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve().toEntity(JsonNode.class);
        assertThat(noReference.getBody().get("errors").get(0).get("field").asString()).isEqualTo("reference");

        JsonNode first = api(acmeCn).post().uri(path, id, "CN_SC_FILING").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reference", "CAC-SC-2026-0001")).retrieve().body(JsonNode.class);
        assertThat(first.get("status").asString()).isEqualTo("CONDITIONAL");
        assertThat(first.get("obligations").get(0).get("fulfilled").asBoolean()).isTrue();
        assertThat(first.get("obligations").get(1).get("fulfilled").asBoolean()).isFalse();
        assertThat(api(acmeCn).post().uri(path, id, "CN_SC_FILING").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reference", "again")).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(409);

        JsonNode last = api(acmeCn).post().uri(path, id, "PIA_REPORT").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reference", "PIA-7")).retrieve().body(JsonNode.class);
        assertThat(last.get("status").asString()).isEqualTo("PERMITTED");
        List<CloudEvent> fulfilled = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.OBLIGATION_FULFILLED_V1.equals(e.getType()), 2);
        fulfilled.forEach(e -> assertThat(JsonSchemas.problems(e.getType(), new String(e.getData().toBytes())))
                .isEmpty());
    }

    @Test
    void theExporterWithdrawsAndAWithdrawnTransferStaysWithdrawn() {
        String id = assessed(Assessments.permitted(), "PERMITTED");

        assertThat(post(regulatorCn, "/api/v1/transfers/{id}/withdrawal", id, null).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<JsonNode> withdrawn = post(acmeCn, "/api/v1/transfers/{id}/withdrawal", id, null);
        assertThat(withdrawn.getBody().get("status").asString()).isEqualTo("WITHDRAWN");
        ResponseEntity<JsonNode> again = post(acmeCn, "/api/v1/transfers/{id}/withdrawal", id, null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("currentStatus").asString()).isEqualTo("WITHDRAWN");

        CloudEvent event = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.WITHDRAWN_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(event.getType(), new String(event.getData().toBytes()))).isEmpty();
        String prohibited = assessed(Assessments.prohibited(), "PROHIBITED");
        assertThat(post(acmeCn, "/api/v1/transfers/{id}/withdrawal", prohibited, null).getBody()
                .get("currentStatus").asString()).isEqualTo("PROHIBITED");
    }

    @Test
    void aReassessmentThatRemovesTheBasisSuspendsAndALaterOneReinstates() {
        String id = assessed(Assessments.permitted(), "PERMITTED");

        publishAssessment(id, Assessments.underNextPolicy(Assessments.prohibited()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUSPENDED".equals(status(id)));
        JsonNode suspended = read(acmeCn, id);
        assertThat(suspended.get("statusReason").asString()).contains("PROHIBITED", Assessments.NEXT_POLICY_VERSION);
        CloudEvent event = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.SUSPENDED_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(event.getType(), new String(event.getData().toBytes()))).isEmpty();
        assertThat(event.getExtension(CloudEventExtensions.POLICY_VERSION)).isEqualTo(Assessments.NEXT_POLICY_VERSION);

        publishAssessment(id, Assessments.underNextPolicy(Assessments.permitted()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PERMITTED".equals(status(id)));
        CloudEvent reinstated = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.REINSTATED_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(reinstated.getType(), new String(reinstated.getData().toBytes()))).isEmpty();
        assertThat(read(acmeCn, id).get("version").asLong()).isEqualTo(4);
    }

    @Test
    void transfersExpireWhenTheClockPassesTheirValidityOnceAcrossConcurrentRuns() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Assessment shortLived = Assessments.permitted();
        shortLived = new Assessment(shortLived.outcome(), shortLived.requiredApprovals(),
                shortLived.acceptedMechanisms(), shortLived.obligations(), today.plusDays(3), shortLived.trace(),
                shortLived.policyVersion());
        String id = assessed(shortLived, "PERMITTED");
        Instant expiresAt = today.plusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(read(acmeCn, id).get("expiresAt").asString()).isEqualTo(expiresAt.toString());
        // the due date is stored: a restarted service finds it again
        assertThat(jdbc.sql("select expires_at from transfer where id = :id").param("id", UUID.fromString(id))
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(expiresAt);

        Instant before = clock.instant();
        try {
            clock.set(expiresAt.minusSeconds(1));
            expiry.expireDue();
            assertThat(status(id)).isEqualTo("PERMITTED");

            clock.set(expiresAt);
            List<Callable<Integer>> replicas = List.of(expiry::expireDue, expiry::expireDue, expiry::expireDue);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<Integer> run : executor.invokeAll(replicas)) {
                    run.get();
                }
            }
        } finally {
            clock.set(before);
        }

        assertThat(status(id)).isEqualTo("EXPIRED");
        CloudEvent expired = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.EXPIRED_V1.equals(e.getType()), 1).getFirst();
        assertThat(JsonSchemas.problems(expired.getType(), new String(expired.getData().toBytes()))).isEmpty();
        assertThat(json.readTree(expired.getData().toBytes()).get("reason").asString()).isEqualTo("VALIDITY_ENDED");
        String marker = assessed(Assessments.permitted(), "PERMITTED");
        transferTopic.awaitEvents(e -> marker.equals(e.getSubject()), 2);
        assertThat(transferTopic.events(e -> id.equals(e.getSubject())
                && TransferEvents.EXPIRED_V1.equals(e.getType()))).hasSize(1);
    }

    @Test
    void listsFilterByStatusDestinationAndPeriodAndPage() {
        var toFrance = TransferRequests.with(TransferRequests.hrDataToGermany(), "importer.jurisdiction", "FR");
        TransferRequests.with(toFrance, "period", Map.of("start", "2031-01-01", "end", "2031-06-30"));
        String france = submit(acmeCn, toFrance);
        String germany = submit(acmeCn, TransferRequests.hrDataToGermany());

        assertThat(ids(acmeCn, "destination=FR&size=200")).contains(france).doesNotContain(germany);
        assertThat(ids(acmeCn, "from=2031-03-01&to=2031-03-31&size=200")).contains(france).doesNotContain(germany);
        assertThat(ids(acmeCn, "status=SUBMITTED&destination=FR&size=200")).contains(france);
        assertThat(ids(acmeCn, "status=PERMITTED&destination=FR&size=200")).doesNotContain(france);
        JsonNode firstPage = api(acmeCn).get().uri("/api/v1/transfers?size=1&page=0").retrieve().body(JsonNode.class);
        assertThat(firstPage.get("content")).hasSize(1);
        assertThat(firstPage.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);

        ResponseEntity<JsonNode> badDestination = api(acmeCn).get().uri("/api/v1/transfers?destination=Germany")
                .retrieve().toEntity(JsonNode.class);
        assertThat(badDestination.getStatusCode().value()).isEqualTo(400);
        assertThat(badDestination.getBody().get("errors").get(0).get("field").asString()).isEqualTo("destination");
        assertThat(api(acmeCn).get().uri("/api/v1/transfers?awaiting=me").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void pagesFollowTheCursorAndTransfersSubmittedMeanwhileNeitherRepeatNorHideOne() {
        String pager = TestTokens.enterprise("paging-cn", "CN");
        // five in the same instant: only the id orders them, also across the page boundary
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            earlier.add(submit(pager, TransferRequests.hrDataToGermany()));
        }
        JsonNode first = list(pager, "size=2").getBody();
        assertThat(first.get("content")).hasSize(2);
        assertThat(first.get("totalElements").asLong()).isEqualTo(5);

        List<String> meanwhile = new ArrayList<>();
        Instant before = clock.instant();
        try {
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofSeconds(1));
                meanwhile.add(submit(pager, TransferRequests.hrDataToGermany()));
            }
        } finally {
            clock.set(before); // the other tests decide at the instant they submitted
        }
        List<String> listed = new java.util.ArrayList<>(ids(first));
        String cursor = first.get("nextCursor").asString();
        int pages = 1;
        while (cursor != null && pages < 10) { // bounded: a cursor that is not followed would page forever
            JsonNode next = list(pager, "size=2&cursor=" + cursor).getBody();
            listed.addAll(ids(next));
            cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").asString();
            pages++;
        }

        assertThat(listed).as("each of the first five once, none skipped").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(earlier);
        assertThat(pages).isEqualTo(3);
        assertThat(ids(list(pager, "size=10").getBody())).as("newest first")
                .startsWith(meanwhile.reversed().toArray(String[]::new)).hasSize(7);
    }

    @Test
    void aMalformedCursorOrALaterPageNumberIsA400NamingTheParameter() {
        for (String malformed : List.of("x", "bm90LWEtY3Vyc29y", "MjAyNi0xMS0yOFQxMjowMDowMFosNDI")) {
            ResponseEntity<JsonNode> refused = list(acmeCn, "cursor=" + malformed);
            assertThat(refused.getStatusCode().value()).as(malformed).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(refused.getBody().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        }
        ResponseEntity<JsonNode> secondPage = list(acmeCn, "page=1");
        assertThat(secondPage.getStatusCode().value()).isEqualTo(400);
        assertThat(secondPage.getBody().get("errors").get(0).get("field").asString()).isEqualTo("page");
        assertThat(secondPage.getBody().get("detail").asString()).contains("nextCursor", "cursor");
        assertThat(list(acmeCn, "page=0").getStatusCode().value()).as("the first page, as old clients ask")
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------- streams

    @Test
    @Timeout(120)
    void statusChangesAreStreamedPerTransferAndToEveryoneWhoMaySeeIt() throws Exception {
        String id = assessed(Assessments.permitted(), "PERMITTED");
        List<String> transferLines = new CopyOnWriteArrayList<>();
        List<String> organizationLines = new CopyOnWriteArrayList<>();
        List<String> foreignLines = new CopyOnWriteArrayList<>();
        List<String> destinationRegulatorLines = new CopyOnWriteArrayList<>();
        List<String> uninvolvedRegulatorLines = new CopyOnWriteArrayList<>();
        List<String> auditorLines = new CopyOnWriteArrayList<>();

        // shutdownNow, not close: close waits for the open streams to end
        HttpClient http = HttpClient.newHttpClient();
        try {
            follow(http, acmeCn, "/api/v1/transfers/" + id + "/events", transferLines);
            follow(http, acmeCn, "/api/v1/transfers/stream", organizationLines);
            follow(http, acmeDe, "/api/v1/transfers/stream", foreignLines);
            follow(http, regulatorDe, "/api/v1/transfers/stream", destinationRegulatorLines);
            follow(http, regulatorSg, "/api/v1/transfers/stream", uninvolvedRegulatorLines);
            follow(http, TestTokens.auditor(), "/api/v1/transfers/stream", auditorLines);
            await().atMost(Duration.ofSeconds(10)).until(() -> transferLines.stream()
                    .anyMatch(line -> line.startsWith("data:") && line.contains("\"PERMITTED\"")));
            for (List<String> lines : List.of(organizationLines, foreignLines, destinationRegulatorLines,
                    uninvolvedRegulatorLines, auditorLines)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line -> line.startsWith(":following")));
            }
            assertThat(destinationRegulatorLines).contains(":following the transfers involving DE");

            post(acmeCn, "/api/v1/transfers/{id}/withdrawal", id, null);

            await().atMost(Duration.ofSeconds(10)).until(() -> transferLines.stream()
                    .anyMatch(line -> line.contains(TransferEvents.WITHDRAWN_V1) && line.contains("\"WITHDRAWN\"")));
            for (List<String> lines : List.of(organizationLines, destinationRegulatorLines, auditorLines)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                        .anyMatch(line -> line.contains(id) && line.contains("\"WITHDRAWN\"")));
            }
            assertThat(foreignLines).as("another organisation's stream").noneMatch(line -> line.contains(id));
            assertThat(uninvolvedRegulatorLines).as("an uninvolved regulator's stream").noneMatch(line -> line.contains(id));
        } finally {
            http.shutdownNow();
        }

        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/transfers/" + id + "/events"))
                .header("Authorization", "Bearer " + acmeDe).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    private void follow(HttpClient http, String token, String path, List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            lines.add(":status " + response.statusCode());
            try (Stream<String> body = response.body()) {
                lines.add(":ready");
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                lines.add(":closed " + closed);
            }
        });
    }

    // ---------------------------------------------------------------- isolation

    @Test
    void anotherOrganisationsTransferIsNotFoundOnEveryEndpoint() throws IOException, InterruptedException {
        String id = assessed(Assessments.conditionalOn("CN_SC_FILING"), "CONDITIONAL");
        long versionBefore = read(acmeCn, id).get("version").asLong();

        Map<String, ResponseEntity<JsonNode>> answers = new java.util.LinkedHashMap<>();
        answers.put("read", api(acmeDe).get().uri("/api/v1/transfers/{id}", id).retrieve().toEntity(JsonNode.class));
        answers.put("withdraw", post(acmeDe, "/api/v1/transfers/{id}/withdrawal", id, null));
        answers.put("appeal", post(acmeDe, "/api/v1/transfers/{id}/appeal", id, Map.of("grounds", "x")));
        answers.put("fulfil", api(acmeDe).post().uri("/api/v1/transfers/{id}/obligations/{code}/fulfilment", id,
                "CN_SC_FILING").contentType(MediaType.APPLICATION_JSON).body(Map.of("reference", "x")).retrieve()
                .toEntity(JsonNode.class));
        answers.put("decide (uninvolved regulator)", decide(regulatorSg, id, Map.of("decision", "APPROVE",
                "reasons", "x")));
        answers.put("read (uninvolved regulator)", api(regulatorSg).get().uri("/api/v1/transfers/{id}", id)
                .retrieve().toEntity(JsonNode.class));
        answers.forEach((endpoint, answer) -> {
            assertThat(answer.getStatusCode().value()).as(endpoint).isEqualTo(404);
            assertThat(answer.getHeaders().getContentType().toString()).as(endpoint)
                    .isEqualTo("application/problem+json");
            assertThat(answer.getBody().toString()).as(endpoint).doesNotContain("CONDITIONAL");
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/transfers/" + id + "/events")).header("Authorization", "Bearer " + acmeDe).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).as("events").isEqualTo(404);
        }
        assertThat(ids(acmeDe, "size=200")).doesNotContain(id);
        assertThat(read(acmeCn, id).get("version").asLong()).isEqualTo(versionBefore);
        assertThat(status(id)).isEqualTo("CONDITIONAL");
    }

    // ---------------------------------------------------------------- API description

    @Test
    void theApiDescriptionListsEveryEndpointWithExamples() {
        JsonNode docs = api(null).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        JsonNode paths = docs.get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/transfers", "/api/v1/transfers/{id}",
                "/api/v1/transfers/{id}/decisions", "/api/v1/transfers/{id}/withdrawal",
                "/api/v1/transfers/{id}/appeal", "/api/v1/transfers/{id}/obligations/{code}/fulfilment",
                "/api/v1/transfers/{id}/events", "/api/v1/transfers/stream");
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("DecisionRequest").get("properties").get("decision").get("example").asString())
                .isEqualTo("APPROVE_WITH_CONDITIONS");
        assertThat(schemas.get("FulfilmentRequest").get("properties").get("reference").get("example").asString())
                .isNotBlank();
        assertThat(schemas.get("DataSubjects").get("properties").get("count").get("maximum").asLong())
                .isEqualTo(org.cbdf.transfer.events.TransferRequest.DataSubjects.MAX_COUNT);
        assertThat(paths.get("/api/v1/transfers/{id}/events").get("get").get("responses").get("200").get("content")
                .propertyNames()).contains("text/event-stream");
    }

    // ---------------------------------------------------------------- helpers

    private String submit(String token, Map<String, Object> body) {
        return api(token).post().uri("/api/v1/transfers").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class).get("id").asString();
    }

    private String assessed(Assessment assessment, String expectedStatus) {
        String id = submit(acmeCn, TransferRequests.hrDataToGermany());
        publishAssessment(id, assessment);
        await().atMost(Duration.ofSeconds(30)).until(() -> expectedStatus.equals(status(id)));
        return id;
    }

    private String rejected() {
        String id = assessed(Assessments.approvalBy("CN", "DE"), "AWAITING_APPROVAL");
        decide(regulatorDe, id, Map.of("decision", "REJECT", "reasons", "Onward transfer to the US"));
        return id;
    }

    private void publishAssessment(String id, Assessment assessment) {
        var completed = Assessments.completed(id, "acme-cn", assessment);
        TopicRecorder.publish(PolicyEvents.TOPIC, id, CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:policy-service"))
                .withType(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .withSubject(id)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, id)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, PolicyEvents.ASSESSMENT_AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(json.writeValueAsBytes(completed))
                .build());
    }

    private CloudEvent disputeResolved(String transferId, Resolution resolution) {
        String disputeId = UUID.randomUUID().toString();
        var resolved = new DisputeResolved(disputeId, transferId, resolution, List.of(), DecidedBy.PANEL,
                Instant.now());
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:dispute-service"))
                .withType(DisputeEvents.RESOLVED_V1)
                .withSubject(disputeId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, disputeId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, DisputeEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 3)
                .withData(json.writeValueAsBytes(resolved))
                .build();
    }

    private ResponseEntity<JsonNode> decide(String token, String id, Map<String, Object> body) {
        return post(token, "/api/v1/transfers/{id}/decisions", id, body);
    }

    private ResponseEntity<JsonNode> post(String token, String path, String id, Object body) {
        var request = api(token).post().uri(path, id);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private JsonNode read(String token, String id) {
        return api(token).get().uri("/api/v1/transfers/{id}", id).retrieve().body(JsonNode.class);
    }

    private String status(String id) {
        return read(acmeCn, id).get("status").asString();
    }

    private List<String> awaiting(String regulatorToken) {
        return ids(regulatorToken, "awaiting=me&size=200");
    }

    private List<String> ids(String token, String query) {
        return ids(list(token, query).getBody());
    }

    private ResponseEntity<JsonNode> list(String token, String query) {
        return api(token).get().uri("/api/v1/transfers?" + query).retrieve().toEntity(JsonNode.class);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(t -> t.get("id").asString()).toList();
    }
}
