package org.cbdf.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.requests.messaging.PolicyEventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TransferServiceIntegrationTests extends SharedServiceContext {

    static TopicRecorder transferTopic;
    static TopicRecorder deadLetters;

    @BeforeAll
    static void record() {
        transferTopic = TopicRecorder.of(TransferEvents.TOPIC);
        deadLetters = TopicRecorder.of("transfer-service.policy.events.dlq");
    }

    @AfterAll
    static void stopRecording() {
        transferTopic.close();
        deadLetters.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

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

    String acmeCn = TestTokens.enterprise("acme-cn", "CN");

    ResponseEntity<JsonNode> submit(Map<String, Object> body, String idempotencyKey) {
        return api(acmeCn).post().uri("/api/v1/transfers").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(body).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aSubmittedTransferIsPublishedAndTakesItsAssessment() {
        ResponseEntity<JsonNode> created = submit(TransferRequests.hrDataToGermany(), null);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = created.getBody().get("id").asString();
        assertThat(created.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/transfers/" + id));
        assertThat(created.getBody().get("organization").asString()).isEqualTo("acme-cn");
        assertThat(created.getBody().get("status").asString()).isEqualTo("SUBMITTED");

        CloudEvent submitted = transferTopic.awaitEvents(e -> id.equals(e.getSubject()), 1).getFirst();
        assertThat(submitted.getType()).isEqualTo(TransferEvents.SUBMITTED_V1);
        assertThat(submitted.getExtension(CloudEventExtensions.AGGREGATE_ID)).isEqualTo(id);
        assertThat(submitted.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString()).isEqualTo("1");
        assertThat(submitted.getExtension(CloudEventExtensions.ORGANIZATION)).isEqualTo("acme-cn");
        assertThat(submitted.getExtension(CloudEventExtensions.JURISDICTIONS)).isEqualTo("CN,DE,US");
        assertThat(submitted.getExtension(CloudEventExtensions.TRACEPARENT).toString()).startsWith("00-");
        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, new String(submitted.getData().toBytes())))
                .isEmpty();

        CloudEvent assessment = assessmentOf(id, "acme-cn", Outcome.REVIEW_REQUIRED);
        TopicRecorder.publish(PolicyEvents.TOPIC, id, assessment);

        await().atMost(Duration.ofSeconds(30)).until(() -> "AWAITING_APPROVAL".equals(status(id)));
        CloudEvent assessed = transferTopic.awaitEvents(e -> id.equals(e.getSubject())
                && TransferEvents.ASSESSED_V1.equals(e.getType()), 1).getFirst();
        assertThat(assessed.getExtension(CloudEventExtensions.AGGREGATE_VERSION).toString()).isEqualTo("2");
        assertThat(assessed.getExtension(CloudEventExtensions.POLICY_VERSION)).isEqualTo(POLICY_VERSION);
        // the assessment's trace goes on: same trace id, the span that handled it as parent
        String assessmentTrace = assessment.getExtension(CloudEventExtensions.TRACEPARENT).toString();
        assertThat(assessed.getExtension(CloudEventExtensions.TRACEPARENT).toString())
                .startsWith(assessmentTrace.substring(0, 36)).isNotEqualTo(assessmentTrace);
        assertThat(JsonSchemas.problems(TransferEvents.ASSESSED_V1, new String(assessed.getData().toBytes())))
                .isEmpty();

        JsonNode transfer = api(acmeCn).get().uri("/api/v1/transfers/{id}", id).retrieve().body(JsonNode.class);
        assertThat(transfer.get("assessment").get("requiredApprovals").get(0).get("jurisdiction").asString())
                .isEqualTo("CN");
        assertThat(transfer.get("version").asLong()).isEqualTo(2);

        // redelivery of the same event changes nothing
        TopicRecorder.publish(PolicyEvents.TOPIC, id, assessment);
        String marker = submitAndAssessAnother();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PERMITTED".equals(status(marker)));
        assertThat(transferTopic.events(e -> id.equals(e.getSubject()))).hasSize(2);
        assertThat(api(acmeCn).get().uri("/api/v1/transfers/{id}", id).retrieve().body(JsonNode.class)
                .get("version").asLong()).isEqualTo(2);
        assertThat(deadLetters.records()).noneMatch(r -> id.equals(r.key()));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheirReasonAndTheConsumerMovesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        TopicRecorder.publishRaw(PolicyEvents.TOPIC, poisonKey, "{not a cloud event".getBytes());
        String id = submit(TransferRequests.hrDataToGermany(), null).getBody().get("id").asString();
        CloudEvent malformed = CloudEventBuilder.v1(assessmentOf(id, "acme-cn", Outcome.PERMITTED))
                .withId(UUID.randomUUID().toString()).withData("{\"assessmentId\": [".getBytes()).build();
        TopicRecorder.publish(PolicyEvents.TOPIC, id, malformed);
        String forgedId = UUID.randomUUID().toString();
        CloudEvent forged = assessmentOf(id, "someone-else", Outcome.PERMITTED);
        TopicRecorder.publish(PolicyEvents.TOPIC, id, CloudEventBuilder.v1(forged).withId(forgedId).build());

        var poison = deadLetters.awaitRecord(r -> poisonKey.equals(r.key()));
        assertThat(TopicRecorder.header(poison, "x-exception-message")).isNotBlank();
        var badPayload = deadLetters.awaitRecord(r -> id.equals(r.key())
                && malformed.getId().equals(TopicRecorder.header(r, "ce_id")));
        assertThat(TopicRecorder.header(badPayload, "x-exception-message")).contains("not valid");
        var claimed = deadLetters.awaitRecord(r -> forgedId.equals(TopicRecorder.header(r, "ce_id")));
        assertThat(TopicRecorder.header(claimed, "x-exception-message")).contains("claims organization someone-else");

        TopicRecorder.publish(PolicyEvents.TOPIC, id, assessmentOf(id, "acme-cn", Outcome.CONDITIONAL));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONDITIONAL".equals(status(id)));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStoredOrPublished() {
        long transfersBefore = count("transfer");
        long outboxBefore = count("outbox_event");
        var body = TransferRequests.hrDataToGermany();
        TransferRequests.with(body, "exporter.jurisdiction", "XX");
        TransferRequests.with(body, "dataSubjects.sensitiveCount", 200000);
        TransferRequests.with(body, "purpose", TransferRequests.Missing.FIELD);
        TransferRequests.with(body, "period.end", "2026-01-01");

        ResponseEntity<JsonNode> refused = submit(body, null);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(refused.getBody().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("exporter.jurisdiction", "dataSubjects.sensitiveCount", "purpose",
                        "period.end");

        var unknownEnum = TransferRequests.with(TransferRequests.hrDataToGermany(), "mechanism", "PINKY_PROMISE");
        JsonNode enumProblem = submit(unknownEnum, null).getBody();
        assertThat(enumProblem.get("errors")).as(enumProblem.toString()).isNotNull();
        assertThat(enumProblem.get("errors").get(0).get("field").asString()).isEqualTo("mechanism");
        assertThat(enumProblem.get("errors").get(0).get("reason").asString()).contains("allowed:", "SCC")
                .as("the value sent is not echoed back").doesNotContain("PINKY_PROMISE");

        var wrongType = TransferRequests.with(TransferRequests.hrDataToGermany(), "dataSubjects.count", "many");
        assertThat(submit(wrongType, null).getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("dataSubjects.count");

        ResponseEntity<JsonNode> malformed = api(acmeCn).post().uri("/api/v1/transfers")
                .contentType(MediaType.APPLICATION_JSON).body("{\"exporter\": ").retrieve().toEntity(JsonNode.class);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody().get("errors").get(0).get("reason").asString()).contains("malformed JSON");

        ResponseEntity<JsonNode> oversized = api(acmeCn).post().uri("/api/v1/transfers")
                .contentType(MediaType.APPLICATION_JSON).body("{\"purpose\":\"" + "x".repeat(70_000) + "\"}")
                .retrieve().toEntity(JsonNode.class);
        assertThat(oversized.getStatusCode().value()).isEqualTo(413);

        assertThat(count("transfer")).isEqualTo(transfersBefore);
        assertThat(count("outbox_event")).isEqualTo(outboxBefore);
    }

    @Test
    void countsOverTheBoundAreRefusedNamingTheFieldAndCountsAtItAreAccepted() {
        long max = org.cbdf.transfer.events.TransferRequest.DataSubjects.MAX_COUNT;
        long transfersBefore = count("transfer");
        long outboxBefore = count("outbox_event");
        var over = TransferRequests.with(TransferRequests.hrDataToGermany(), "dataSubjects.count", max + 1);

        ResponseEntity<JsonNode> refused = submit(over, null);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(refused.getBody().get("errors").valueStream().map(e -> e.get("field").asString() + ": "
                + e.get("reason").asString())).containsExactly("dataSubjects.count: must be at most 2000000000, was "
                        + "2000000001");
        assertThat(count("transfer")).isEqualTo(transfersBefore);
        assertThat(count("outbox_event")).isEqualTo(outboxBefore);

        var atTheBound = TransferRequests.with(TransferRequests.with(TransferRequests.hrDataToGermany(),
                "dataSubjects.count", max), "dataSubjects.sensitiveCount", max);
        ResponseEntity<JsonNode> accepted = submit(atTheBound, null);

        assertThat(accepted.getStatusCode().value()).as(String.valueOf(accepted.getBody())).isEqualTo(201);
        assertThat(count("transfer")).isEqualTo(transfersBefore + 1);
    }

    @Test
    void aRetriedSubmitWithTheSameIdempotencyKeyReturnsTheFirstResult() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<JsonNode> first = submit(TransferRequests.hrDataToGermany(), key);
        ResponseEntity<JsonNode> retry = submit(TransferRequests.hrDataToGermany(), key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(200);
        assertThat(retry.getBody().get("id")).isEqualTo(first.getBody().get("id"));

        var different = TransferRequests.with(TransferRequests.hrDataToGermany(), "purpose", "Payroll");
        ResponseEntity<JsonNode> reused = submit(different, key);
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from idempotency_key where key = :key").param("key", key)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nobodySeesWhatIsNotTheirs() {
        String id = submit(TransferRequests.hrDataToGermany(), null).getBody().get("id").asString();

        assertThat(api(TestTokens.enterprise("acme-de", "DE")).get().uri("/api/v1/transfers/{id}", id).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(api(TestTokens.regulator("SG")).get().uri("/api/v1/transfers/{id}", id).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(api(TestTokens.regulator("DE")).get().uri("/api/v1/transfers/{id}", id).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(api(TestTokens.auditor()).get().uri("/api/v1/transfers/{id}", id).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(api(null).get().uri("/api/v1/transfers/{id}", id).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        assertThat(api(TestTokens.regulator("CN")).post().uri("/api/v1/transfers")
                .contentType(MediaType.APPLICATION_JSON).body(TransferRequests.hrDataToGermany()).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(403);

        JsonNode otherOrganizationsList = api(TestTokens.enterprise("acme-de", "DE")).get()
                .uri("/api/v1/transfers?size=200").retrieve().body(JsonNode.class);
        assertThat(otherOrganizationsList.get("content").valueStream().map(t -> t.get("id").asString()))
                .doesNotContain(id);
        JsonNode ownList = api(acmeCn).get().uri("/api/v1/transfers?size=200").retrieve().body(JsonNode.class);
        assertThat(ownList.get("content").valueStream().map(t -> t.get("organization").asString()))
                .containsOnly("acme-cn");
    }

    @Test
    void tokensFromAnotherIssuerForAnotherAudienceOrExpiredAreRefused() {
        var claims = TestTokens.claims("enterprise-cn", List.of("ENTERPRISE"), "acme-cn", "CN");
        String wrongIssuer = TestTokens.sign(claims.issuer("http://evil.example/realms/governance").build());
        String wrongAudience = TestTokens.sign(TestTokens.claims("enterprise-cn", List.of("ENTERPRISE"), "acme-cn",
                "CN").audience("someone-else").build());
        String expired = TestTokens.sign(TestTokens.claims("enterprise-cn", List.of("ENTERPRISE"), "acme-cn", "CN")
                .issueTime(java.util.Date.from(java.time.Instant.now().minusSeconds(3600)))
                .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(1800))).build());
        for (String token : List.of(wrongIssuer, wrongAudience, expired, acmeCn.substring(0, acmeCn.lastIndexOf('.'))
                + ".c2lnbmF0dXJl")) {
            assertThat(api(token).get().uri("/api/v1/transfers").retrieve().toBodilessEntity().getStatusCode()
                    .value()).isEqualTo(401);
        }
    }

    private String submitAndAssessAnother() {
        String id = submit(TransferRequests.hrDataToGermany(), null).getBody().get("id").asString();
        TopicRecorder.publish(PolicyEvents.TOPIC, id, assessmentOf(id, "acme-cn", Outcome.PERMITTED));
        return id;
    }

    private String status(String id) {
        return api(acmeCn).get().uri("/api/v1/transfers/{id}", id).retrieve().body(JsonNode.class).get("status")
                .asString();
    }

    @Test
    void metricsCountTheLifecycleEventsAndTheApprovalsEachRegulatorOwes() {
        queryGauges.refreshNow();
        double submittedBefore = counter(TransferEvents.SUBMITTED_V1);
        double assessedBefore = counter(TransferEvents.ASSESSED_V1);
        double pendingCnBefore = gauge("cbdf.approvals.pending", "jurisdiction", "CN");
        double awaitingBefore = gauge("cbdf.transfers", "status", "AWAITING_APPROVAL");

        String id = submit(TransferRequests.hrDataToGermany(), null).getBody().get("id").asString();
        TopicRecorder.publish(PolicyEvents.TOPIC, id, assessmentOf(id, "acme-cn", Outcome.REVIEW_REQUIRED));
        await().atMost(Duration.ofSeconds(30)).until(() -> "AWAITING_APPROVAL".equals(status(id)));
        queryGauges.refreshNow();

        assertThat(counter(TransferEvents.SUBMITTED_V1)).isEqualTo(submittedBefore + 1);
        assertThat(counter(TransferEvents.ASSESSED_V1)).isEqualTo(assessedBefore + 1);
        assertThat(gauge("cbdf.approvals.pending", "jurisdiction", "CN")).isEqualTo(pendingCnBefore + 1);
        assertThat(gauge("cbdf.transfers", "status", "AWAITING_APPROVAL")).isEqualTo(awaitingBefore + 1);
        assertThat(meters.get("cbdf.approvals.pending.oldest.age.seconds").tag("jurisdiction", "CN").gauge().value())
                .isGreaterThanOrEqualTo(0);
        assertThat(meters.get("cbdf.events.handled").tag("consumer", PolicyEventHandler.CONSUMER)
                .tag("type", PolicyEvents.ASSESSMENT_COMPLETED_V1).tag("result", "applied").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("cbdf.outbox.backlog").gauge()).isNotNull();
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    org.cbdf.platform.observability.QueryGauges queryGauges;

    private double counter(String type) {
        var counter = meters.find("cbdf.transfers.events").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name, String tag, String value) {
        return meters.find(name).tags(tag, value).gauges().stream()
                .mapToDouble(io.micrometer.core.instrument.Gauge::value).sum();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    static final String POLICY_VERSION = "sha256:" + "ab".repeat(32);

    private CloudEvent assessmentOf(String transferId, String organization, Outcome outcome) {
        var assessment = new Assessment(outcome,
                outcome == Outcome.REVIEW_REQUIRED ? List.of(new Assessment.RequiredApproval("CN", "SECURITY_ASSESSMENT"))
                        : List.of(),
                List.of("SECURITY_ASSESSMENT"), List.of(), LocalDate.of(2029, 12, 1),
                List.of(new Assessment.TraceEntry("cn.pipl.volume-1m", "CN", true, "CAC Provisions 2024, Art. 7",
                        "test")),
                POLICY_VERSION);
        var completed = new AssessmentCompleted(UUID.randomUUID().toString(), transferId, organization,
                java.time.Instant.now(), assessment);
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:policy-service"))
                .withType(PolicyEvents.ASSESSMENT_COMPLETED_V1)
                .withSubject(transferId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, PolicyEvents.ASSESSMENT_AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withExtension(CloudEventExtensions.TRACEPARENT,
                        "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01")
                .withData(json.writeValueAsBytes(completed))
                .build();
    }

    // --- operations ---------------------------------------------------------------------------------------

    @Test
    void metricsAreOnTheManagementPortOnlyWhileTheProbesAnswerOnTheApiPort() {
        for (String probe : List.of("/livez", "/readyz")) {
            ResponseEntity<String> answer = api(null).get().uri(probe).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(answer.getBody()).as(probe).contains("\"status\":\"UP\"");
        }
        // pending approvals per jurisdiction, oldest waits: for the deployment's monitoring, not for callers of the API
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            ResponseEntity<String> anonymous = api(null).get().uri(path).retrieve().toEntity(String.class);
            assertThat(anonymous.getStatusCode().value()).as("anonymous %s", path).isEqualTo(401);
            assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
            ResponseEntity<String> withToken = api(TestTokens.auditor()).get().uri(path).retrieve().toEntity(String.class);
            assertThat(withToken.getStatusCode().value()).as("%s with a token", path).isEqualTo(404);
            assertThat(withToken.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(withToken.getBody()).doesNotContain("cbdf_", "jvm");
        }
        RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
        assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("service=\"transfer-service\"");
        assertThat(management.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(200);
    }
}
