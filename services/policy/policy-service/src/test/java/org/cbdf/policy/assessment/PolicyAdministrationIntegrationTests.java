package org.cbdf.policy.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.policy.SharedServiceContext;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Assessment.TraceEntry;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.NegativeListChanged;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.RulePackPublished;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The volume ledger, policy administration and reassessment, against the real broker and database. */
class PolicyAdministrationIntegrationTests extends SharedServiceContext {

    static KafkaProducer<String, CloudEvent> events;
    static PolicyServiceIntegrationTests.Topic<CloudEvent> policyEvents;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void clients() {
        events = new KafkaProducer<>(TestKafka.administrator(ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new CloudEventSerializer());
        policyEvents = new PolicyServiceIntegrationTests.Topic<>(PolicyEvents.TOPIC, new CloudEventDeserializer());
    }

    @AfterAll
    static void close() {
        events.close();
        policyEvents.close();
    }

    @Test
    void splittingATransferDoesNotSlipUnderTheThresholdAndTheDryRunCountsWithoutAdding() throws Exception {
        String organization = "split-" + UUID.randomUUID();
        String first = "tr-" + UUID.randomUUID();
        String second = "tr-" + UUID.randomUUID();

        submit(first, organization, aTransfer().from("CN").to("JP").individuals(600_000).build());
        AssessmentCompleted firstAssessment = assessment(first, 1);
        submit(second, organization, aTransfer().from("CN").to("JP").individuals(600_000).build());
        AssessmentCompleted secondAssessment = assessment(second, 1);

        assertThat(firstAssessment.assessment().outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(secondAssessment.assessment().outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(secondAssessment.assessment().trace()).filteredOn(e -> e.rule().equals("cn.pipl.volume-1m"))
                .singleElement().satisfies(e -> assertThat(e.explanation())
                        .startsWith("1,200,000 individuals this year including this request ≥ 1,000,000"));

        long entries = jdbc.sql("select count(*) from volume_entry").query(Long.class).single();
        var dryRun = send("POST", "/api/v1/assessments/evaluate", TestTokens.enterprise(organization, "CN"),
                "application/json", json.writeValueAsString(aTransfer().from("CN").to("JP").individuals(1).build()));
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(json.readTree(dryRun.body()).path("outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        assertThat(dryRun.body()).contains("1,200,001 individuals this year including this request");
        assertThat(jdbc.sql("select count(*) from volume_entry").query(Long.class).single()).isEqualTo(entries);
        // the running total the assessments read is the sum of the organisation's entries, each counted once
        assertThat(jdbc.sql("""
                select individuals from volume_total where organization = :organization
                """).param("organization", organization).query(Long.class).single()).isEqualTo(1_200_000L);
    }

    @Test
    void revokingTheDpfDecisionReassessesTheTransfersThatReliedOnItAndOldVersionsCanStillBeReplayed() throws Exception {
        String transferId = "tr-" + UUID.randomUUID();
        TransferRequest request = aTransfer().from("DE").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY).build();
        submit(transferId, "acme-de", request);
        AssessmentCompleted before = assessment(transferId, 1);
        assertThat(before.assessment().outcome()).isEqualTo(Outcome.PERMITTED);

        var refused = send("PUT", "/api/v1/adequacy-decisions/eu-us-dpf", TestTokens.regulator("DE"), "application/json",
                "{\"status\": \"REVOKED\", \"reason\": \"not mine to revoke\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        var noReason = send("PUT", "/api/v1/adequacy-decisions/eu-us-dpf", TestTokens.policyAdmin(), "application/json",
                "{\"status\": \"REVOKED\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noReason.body()).path("errors").findValuesAsString("field")).containsExactly("reason");

        try {
            var revoked = send("PUT", "/api/v1/adequacy-decisions/eu-us-dpf", TestTokens.policyAdmin(), "application/json",
                    "{\"status\": \"REVOKED\", \"reason\": \"CJEU invalidates decision 2023/1795\"}");
            assertThat(revoked.statusCode()).isEqualTo(200);

            CloudEvent changed = policyEvents.await(ofType(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, "eu-us-dpf",
                    r -> payload(r.value()).contains("CJEU invalidates"))).value();
            assertThat(JsonSchemas.problems(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, payload(changed))).isEmpty();
            AdequacyDecisionChanged change = json.readValue(payload(changed), AdequacyDecisionChanged.class);
            assertThat(change.status()).isEqualTo("REVOKED");
            assertThat(change.previousStatus()).isEqualTo("UNDER_CHALLENGE");
            assertThat(change.reassessedTransfers()).isPositive();
            assertThat(change.policyVersion()).isNotEqualTo(before.assessment().policyVersion());
            assertThat(changed.getExtension(CloudEventExtensions.POLICY_VERSION)).hasToString(change.policyVersion());

            AssessmentCompleted after = assessment(transferId, 2);
            assertThat(after.assessment().outcome()).isEqualTo(Outcome.PROHIBITED);
            assertThat(after.reason()).contains("adequacy decision eu-us-dpf REVOKED: CJEU invalidates decision 2023/1795")
                    .contains("was PERMITTED");
            assertThat(after.assessment().policyVersion()).isEqualTo(change.policyVersion());

            String body = json.writeValueAsString(request);
            var replayed = send("POST", "/api/v1/assessments/evaluate?policyVersion=" + before.assessment().policyVersion(),
                    TestTokens.auditor(), "application/json", body);
            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(json.readValue(replayed.body(), org.cbdf.policy.events.Assessment.class))
                    .isEqualTo(before.assessment());
            var now = send("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(), "application/json", body);
            assertThat(json.readTree(now.body()).path("outcome").asString()).isEqualTo("PROHIBITED");
            var unknown = send("POST", "/api/v1/assessments/evaluate?policyVersion=sha256:" + "0".repeat(64),
                    TestTokens.auditor(), "application/json", body);
            assertThat(unknown.statusCode()).isEqualTo(404);
        } finally {
            send("PUT", "/api/v1/adequacy-decisions/eu-us-dpf", TestTokens.policyAdmin(), "application/json",
                    "{\"status\": \"UNDER_CHALLENGE\", \"reason\": \"restored after the test\"}");
        }
        assertThat(json.readTree(send("GET", "/api/v1/adequacy-decisions/eu-us-dpf", TestTokens.enterprise("acme-de", "DE"),
                null, null).body()).path("status").asString()).isEqualTo("UNDER_CHALLENGE");
    }

    @Test
    void aStatusChangePreviewShowsWhatTheChangeThenDoesAndStoresNothing() throws Exception {
        String organization = "preview-" + UUID.randomUUID();
        String adequacyOnly = "tr-" + UUID.randomUUID();
        String withScc = "tr-" + UUID.randomUUID();
        submit(adequacyOnly, organization, aTransfer().from("DE").to("NZ").relyingOn(Mechanism.ADEQUACY).build());
        submit(withScc, organization, aTransfer().from("FR").to("NZ").relyingOn(Mechanism.SCC).onwardTo("CH").build());
        Map<String, AssessmentCompleted> before = Map.of(adequacyOnly, assessment(adequacyOnly, 1), withScc,
                assessment(withScc, 1));
        String reason = "Test: the Commission suspends decision 2013/65/EU";
        String preview = "/api/v1/adequacy-decisions/eu-nz/status-change-preview?status=SUSPENDED&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        Map<String, Long> stored = storedRows();

        for (String token : List.of(TestTokens.regulator("DE"), TestTokens.auditor(),
                TestTokens.enterprise(organization, "DE"))) {
            assertThat(send("GET", preview, token, null, null).statusCode()).as("only policy administrators")
                    .isEqualTo(403);
        }
        var unknownStatus = send("GET", "/api/v1/adequacy-decisions/eu-nz/status-change-preview?status=PAUSED",
                TestTokens.policyAdmin(), null, null);
        assertThat(unknownStatus.statusCode()).isEqualTo(400);
        assertThat(unknownStatus.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(unknownStatus.body()).path("errors").findValuesAsString("field")).containsExactly("status");
        assertThat(send("GET", "/api/v1/adequacy-decisions/eu-nz/status-change-preview", TestTokens.policyAdmin(), null,
                null).statusCode()).as("no status").isEqualTo(400);
        var unknown = send("GET", "/api/v1/adequacy-decisions/eu-xx/status-change-preview?status=SUSPENDED",
                TestTokens.policyAdmin(), null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("detail").asString()).isEqualTo("No adequacy decision eu-xx.");
        assertThat(send("GET", "/api/v1/adequacy-decisions/eu-nz/status-change-preview?status=ACTIVE",
                TestTokens.policyAdmin(), null, null).statusCode()).as("the status it has").isEqualTo(409);
        JsonNode staysInForce = json.readTree(send("GET", "/api/v1/adequacy-decisions/eu-nz/status-change-preview"
                + "?status=UNDER_CHALLENGE", TestTokens.policyAdmin(), null, null).body());
        assertThat(staysInForce.path("reassesses").asBoolean()).isFalse();
        assertThat(staysInForce.path("transfers").isEmpty()).isTrue();

        var previewed = send("GET", preview, TestTokens.policyAdmin(), null, null);
        assertThat(previewed.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(previewed.body());
        assertThat(answer.path("instrument").asString()).isEqualTo("adequacy-decision");
        assertThat(answer.path("currentStatus").asString()).isEqualTo("ACTIVE");
        assertThat(answer.path("reassesses").asBoolean()).isTrue();
        Map<String, JsonNode> previewedTransfers = new HashMap<>();
        answer.path("transfers").forEach(t -> previewedTransfers.put(t.path("transferId").asString(), t));
        assertThat(previewedTransfers).containsKeys(adequacyOnly, withScc);
        JsonNode prohibited = previewedTransfers.get(adequacyOnly);
        assertThat(prohibited.path("organization").asString()).isEqualTo(organization);
        assertThat(prohibited.path("route").path("origin").asString()).isEqualTo("DE");
        assertThat(prohibited.path("route").path("destination").asString()).isEqualTo("NZ");
        assertThat(prohibited.path("currentOutcome").asString()).isEqualTo("PERMITTED");
        assertThat(prohibited.path("outcome").asString()).isEqualTo("PROHIBITED");
        assertThat(prohibited.path("suspension").asString()).isEqualTo("SUSPENDS");
        assertThat(previewedTransfers.get(withScc).path("route").path("onward").get(0).asString()).isEqualTo("CH");
        assertThat(previewedTransfers.get(withScc).path("outcome").asString()).isEqualTo("CONDITIONAL");
        assertThat(previewedTransfers.get(withScc).path("suspension").asString()).isEqualTo("DOES_NOT_SUSPEND");

        assertThat(storedRows()).as("the preview stored and published nothing").isEqualTo(stored);
        assertThat(json.readTree(send("GET", "/api/v1/adequacy-decisions/eu-nz", TestTokens.auditor(), null, null).body())
                .path("status").asString()).isEqualTo("ACTIVE");

        try {
            var suspended = send("PUT", "/api/v1/adequacy-decisions/eu-nz", TestTokens.policyAdmin(), "application/json",
                    json.writeValueAsString(Map.of("status", "SUSPENDED", "reason", reason)));
            assertThat(suspended.statusCode()).isEqualTo(200);
            AdequacyDecisionChanged change = json.readValue(suspended.body(), AdequacyDecisionChanged.class);
            assertThat(change.reassessedTransfers()).isEqualTo(answer.path("transfers").size());
            assertThat(change.policyVersion()).isEqualTo(answer.path("policyVersionAfter").asString());
            assertThat(change.previousPolicyVersion()).isEqualTo(answer.path("policyVersion").asString());

            for (String transferId : List.of(adequacyOnly, withScc)) {
                JsonNode expected = previewedTransfers.get(transferId);
                AssessmentCompleted was = before.get(transferId);
                AssessmentCompleted now = assessment(transferId, expected.path("assessmentVersion").asInt() + 1);
                assertThat(now.assessment().outcome().name()).isEqualTo(expected.path("outcome").asString());
                assertThat(json.treeToValue(expected.path("requiredApprovals"), RequiredApproval[].class))
                        .containsExactlyElementsOf(now.assessment().requiredApprovals());
                // the rules the preview said would change are exactly those whose trace entry did
                List<TraceEntry> appeared = new ArrayList<>(now.assessment().trace());
                was.assessment().trace().forEach(appeared::remove);
                List<TraceEntry> went = new ArrayList<>(was.assessment().trace());
                now.assessment().trace().forEach(went::remove);
                assertThat(appeared).isNotEmpty();
                assertThat(traceEntries(expected, "after")).containsExactlyInAnyOrderElementsOf(appeared);
                assertThat(traceEntries(expected, "before")).containsExactlyInAnyOrderElementsOf(went);
            }
        } finally {
            send("PUT", "/api/v1/adequacy-decisions/eu-nz", TestTokens.policyAdmin(), "application/json",
                    "{\"status\": \"ACTIVE\", \"reason\": \"restored after the test\"}");
        }
    }

    @Test
    void aRecognitionAgreementsStatusChangeIsPreviewedTheSameWay() throws Exception {
        String transferId = "tr-" + UUID.randomUUID();
        submit(transferId, "acme-sg", aTransfer().from("SG").to("US").relyingOn(Mechanism.NONE).build());
        assertThat(assessment(transferId, 1).assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        Map<String, Long> stored = storedRows();

        var previewed = send("GET", "/api/v1/recognition-agreements/sg-cbpr/status-change-preview?status=REVOKED",
                TestTokens.policyAdmin(), null, null);

        assertThat(previewed.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(previewed.body());
        assertThat(answer.path("instrument").asString()).isEqualTo("recognition-agreement");
        assertThat(answer.path("transfers").valueStream().filter(t -> t.path("transferId").asString().equals(transferId)))
                .singleElement().satisfies(t -> {
                    assertThat(t.path("outcome").asString()).isEqualTo("PROHIBITED");
                    assertThat(t.path("suspension").asString()).isEqualTo("SUSPENDS");
                    assertThat(t.path("changes").findValuesAsString("rule")).isNotEmpty();
                });
        assertThat(storedRows()).isEqualTo(stored);
        assertThat(send("GET", "/api/v1/recognition-agreements/sg-cbpr/status-change-preview?status=REVOKED",
                TestTokens.regulator("SG"), null, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/recognition-agreements/xx-none/status-change-preview?status=REVOKED",
                TestTokens.policyAdmin(), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/recognition-agreements/sg-cbpr/status-change-preview?status=revoked",
                TestTokens.policyAdmin(), null, null).statusCode()).isEqualTo(400);
    }

    /** The rows a policy change or an assessment would add: none may appear while only previewing. */
    private Map<String, Long> storedRows() {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : List.of("policy_version", "outbox_event", "assessment", "volume_entry")) {
            rows.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return rows;
    }

    private List<TraceEntry> traceEntries(JsonNode transfer, String side) {
        return transfer.path("changes").valueStream().map(c -> c.path(side)).filter(JsonNode::isObject)
                .map(e -> json.treeToValue(e, TraceEntry.class)).toList();
    }

    @Test
    void aRulePackThatDoesNotCompileIsRefusedNamingTheRuleAndPositionAndAValidOneIsPublished() throws Exception {
        JsonNode pack = json.readTree(send("GET", "/api/v1/rule-packs/IN", TestTokens.auditor(), null, null).body());
        String shipped = pack.path("yaml").asString();
        long versions = jdbc.sql("select count(*) from policy_version").query(Long.class).single();
        long outbox = jdbc.sql("select count(*) from outbox_event").query(Long.class).single();

        String broken = shipped.replace("when: \"leg.destination in []\"", "when: \"leg.destination in 42\"");
        var refused = send("PUT", "/api/v1/rule-packs/IN", TestTokens.policyAdmin(), "application/yaml", broken);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("rule").asString()).isEqualTo("in.dpdp.notified-country");
        assertThat(problem.path("line").asInt()).isEqualTo(lineOf(shipped, "when: \"leg.destination in []\""));
        assertThat(problem.path("column").asInt()).isEqualTo(17);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("rules[in.dpdp.notified-country].when");
        assertThat(jdbc.sql("select count(*) from policy_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isEqualTo(outbox);
        // nine all() loops over ten elements: a billion iterations for every leg from India
        String list = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        String costly = "true";
        for (int level = 9; level > 0; level--) {
            costly = list + ".all(x" + level + ", " + costly + ")";
        }
        var tooCostly = send("PUT", "/api/v1/rule-packs/IN", TestTokens.policyAdmin(), "application/yaml",
                shipped.replace("when: \"leg.destination in []\"", "when: \"!(" + costly + ")\""));
        assertThat(tooCostly.statusCode()).isEqualTo(400);
        JsonNode costProblem = json.readTree(tooCostly.body());
        assertThat(costProblem.path("rule").asString()).isEqualTo("in.dpdp.notified-country");
        assertThat(costProblem.path("line").asInt()).isEqualTo(lineOf(shipped, "when: \"leg.destination in []\""));
        assertThat(costProblem.path("errors").findValuesAsString("field"))
                .containsExactly("rules[in.dpdp.notified-country].when");
        assertThat(costProblem.path("errors").findValuesAsString("reason")).singleElement().asString()
                .endsWith("comprehensions are nested 9 deep, at most 3 are allowed");
        assertThat(jdbc.sql("select count(*) from policy_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isEqualTo(outbox);
        assertThat(send("PUT", "/api/v1/rule-packs/IN", TestTokens.regulator("IN"), "application/yaml", shipped).statusCode())
                .isEqualTo(403);

        String notifyingUs = shipped.replace("when: \"leg.destination in []\"", "when: \"leg.destination in ['US']\"")
                .replace("when: \"!(leg.destination in [])\"", "when: \"!(leg.destination in ['US'])\"");
        try {
            var published = send("PUT", "/api/v1/rule-packs/IN", TestTokens.policyAdmin(), "application/yaml", notifyingUs);
            assertThat(published.statusCode()).isEqualTo(200);
            RulePackPublished event = json.readValue(published.body(), RulePackPublished.class);
            CloudEvent onTopic = policyEvents.await(ofType(PolicyEvents.RULE_PACK_PUBLISHED_V1, "IN",
                    r -> payload(r.value()).contains(event.policyVersion()))).value();
            assertThat(JsonSchemas.problems(PolicyEvents.RULE_PACK_PUBLISHED_V1, payload(onTopic))).isEmpty();

            var assessed = send("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(), "application/json",
                    json.writeValueAsString(aTransfer().from("IN").to("US").relyingOn(Mechanism.NONE).build()));
            assertThat(json.readTree(assessed.body()).path("outcome").asString()).isEqualTo("PROHIBITED");
            assertThat(json.readTree(assessed.body()).path("policyVersion").asString()).isEqualTo(event.policyVersion());

            // CN allows the export to India, India prohibits the onward transfer outright: a dispute trigger
            String transferId = "tr-" + UUID.randomUUID();
            submit(transferId, "acme-cn", aTransfer().from("CN").to("IN").individuals(10)
                    .relyingOn(Mechanism.STANDARD_CONTRACT).onwardTo("US").build());
            CloudEvent conflict = policyEvents.await(ofType(PolicyEvents.CONFLICT_DETECTED_V1, transferId, r -> true)).value();
            assertThat(JsonSchemas.problems(PolicyEvents.CONFLICT_DETECTED_V1, payload(conflict))).isEmpty();
            assertThat(conflict.getExtension(CloudEventExtensions.AGGREGATE_TYPE)).hasToString("policy-conflict");
            assertThat(conflict.getExtension(CloudEventExtensions.AGGREGATE_VERSION)).hasToString("1");
            var detected = json.readValue(payload(conflict), org.cbdf.policy.events.PolicyConflictDetected.class);
            assertThat(detected.jurisdictions()).containsExactly("CN", "IN");
            assertThat(detected.rules()).contains("in.dpdp.notified-country");
            assertThat(detected.policyVersion()).isEqualTo(event.policyVersion());
        } finally {
            send("PUT", "/api/v1/rule-packs/IN", TestTokens.policyAdmin(), "application/yaml", shipped);
        }
    }

    @Test
    void suspendingARecognitionAgreementIsPublishedWithTheNewPolicyVersion() throws Exception {
        try {
            var suspended = send("PUT", "/api/v1/recognition-agreements/sg-cbpr", TestTokens.policyAdmin(),
                    "application/json", "{\"status\": \"SUSPENDED\", \"reason\": \"review of the CBPR system\"}");
            assertThat(suspended.statusCode()).isEqualTo(200);
            CloudEvent event = policyEvents.await(ofType(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, "sg-cbpr",
                    r -> payload(r.value()).contains("review of the CBPR system"))).value();
            assertThat(JsonSchemas.problems(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, payload(event))).isEmpty();
            var assessed = send("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(), "application/json",
                    json.writeValueAsString(aTransfer().from("SG").to("US").relyingOn(Mechanism.NONE).build()));
            assertThat(json.readTree(assessed.body()).path("outcome").asString()).isEqualTo("PROHIBITED");
        } finally {
            send("PUT", "/api/v1/recognition-agreements/sg-cbpr", TestTokens.policyAdmin(), "application/json",
                    "{\"status\": \"ACTIVE\", \"reason\": \"restored after the test\"}");
        }
        var lists = send("GET", "/api/v1/recognition-agreements", TestTokens.regulator("SG"), null, null);
        assertThat(lists.statusCode()).isEqualTo(200);
        assertThat(lists.body()).contains("sg-cbpr").contains("GLOBAL_CBPR");
    }

    @Test
    void aFreeTradeZonesNegativeListIsLoadedThroughTheApiVersionedPublishedAndExemptsWhatItDoesNotList() throws Exception {
        String zone = "/api/v1/free-trade-zones/CN-SH-LINGANG";
        TransferRequest fromLingang = aTransfer().from("CN").to("JP").individuals(120_000).fromZone("CN-SH-LINGANG").build();
        String request = json.writeValueAsString(fromLingang);
        var notLoaded = json.readTree(send("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(),
                "application/json", request).body());
        assertThat(notLoaded.path("outcome").asString()).isEqualTo("CONDITIONAL");
        assertThat(notLoaded.path("trace").toString()).contains("no negative list loaded for zone CN-SH-LINGANG");
        assertThat(noListLoaded(send("GET", zone, TestTokens.enterprise("acme-cn", "CN"), null, null))).isTrue();
        var malformedZone = send("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(), "application/json",
                json.writeValueAsString(aTransfer().from("CN").to("JP").fromZone("DE-BY").build()));
        assertThat(malformedZone.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformedZone.body()).path("errors").findValuesAsString("field"))
                .containsExactly("exporter.freeTradeZone");

        long versions = jdbc.sql("select count(*) from policy_version").query(Long.class).single();
        String sensitiveListed = """
                {"authority": "Test fixture authority", "legalReference": "Test fixture negative list No. 1",
                 "effective": "2026-06-01", "reason": "integration test fixture",
                 "entries": [{"category": "SENSITIVE_PERSONAL", "zoneItems": ["fixture item 2"]}]}""";
        assertThat(send("PUT", zone + "/negative-list", TestTokens.regulator("CN"), "application/json", sensitiveListed)
                .statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/free-trade-zones/CN-ZZ/negative-list", TestTokens.policyAdmin(),
                "application/json", sensitiveListed).statusCode()).isEqualTo(404);
        var invalid = send("PUT", zone + "/negative-list", TestTokens.policyAdmin(), "application/json",
                "{\"legalReference\": \"L\", \"effective\": \"2026-06-01\", \"entries\": [{\"category\": \"HEALTH\"}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(invalid.body()).path("errors").findValuesAsString("field"))
                .containsExactly("authority", "reason", "entries[0].category");
        assertThat(jdbc.sql("select count(*) from policy_version").query(Long.class).single()).isEqualTo(versions);

        try {
            var loaded = send("PUT", zone + "/negative-list", TestTokens.policyAdmin(), "application/json", sensitiveListed);
            assertThat(loaded.statusCode()).isEqualTo(200);
            NegativeListChanged load = json.readValue(loaded.body(), NegativeListChanged.class);
            assertThat(load.change()).isEqualTo("LOADED");
            assertThat(load.policyVersion()).isNotEqualTo(load.previousPolicyVersion());
            CloudEvent onTopic = policyEvents.await(ofType(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, "CN-SH-LINGANG",
                    r -> payload(r.value()).contains(load.policyVersion()))).value();
            assertThat(JsonSchemas.problems(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, payload(onTopic))).isEmpty();
            assertThat(onTopic.getExtension(CloudEventExtensions.AGGREGATE_TYPE)).hasToString("free-trade-zone");
            assertThat(onTopic.getExtension(CloudEventExtensions.POLICY_VERSION)).hasToString(load.policyVersion());
            assertThat(send("PUT", zone + "/negative-list", TestTokens.policyAdmin(), "application/json", sensitiveListed)
                    .statusCode()).as("the same list again").isEqualTo(409);
            assertThat(json.readTree(send("GET", zone, TestTokens.auditor(), null, null).body())
                    .path("negativeList").path("legalReference").asString()).isEqualTo("Test fixture negative list No. 1");

            // a transfer from the zone, personal information only: not on the list, so exempt
            String transferId = "tr-" + UUID.randomUUID();
            submit(transferId, "acme-lingang-" + UUID.randomUUID(), fromLingang);
            AssessmentCompleted exempt = assessment(transferId, 1);
            assertThat(exempt.assessment().outcome()).isEqualTo(Outcome.PERMITTED);
            assertThat(exempt.assessment().policyVersion()).isEqualTo(load.policyVersion());
            assertThat(exempt.assessment().trace()).filteredOn(e -> e.rule().equals("cn.ftz.negative-list"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.matched()).isTrue();
                        assertThat(e.citation()).isEqualTo("CAC Provisions 2024, Art. 6");
                        assertThat(e.explanation()).contains("Test fixture negative list No. 1");
                    });
            // an event written before the field existed (no freeTradeZone at all) is still assessed
            String oldShape = "tr-" + UUID.randomUUID();
            var old = (tools.jackson.databind.node.ObjectNode) json.readTree(json.writeValueAsString(new TransferSubmitted(
                    oldShape, "acme-old", "alice", Instant.parse("2026-11-20T10:00:00Z"),
                    aTransfer().from("CN").to("JP").individuals(120_000).build())));
            ((tools.jackson.databind.node.ObjectNode) old.path("request").path("exporter")).remove("freeTradeZone");
            submitRaw(oldShape, json.writeValueAsBytes(old));
            assertThat(assessment(oldShape, 1).assessment().outcome()).isEqualTo(Outcome.CONDITIONAL);

            // the list now takes in all personal information: the transfer it exempted is reassessed
            var replaced = send("PUT", zone + "/negative-list", TestTokens.policyAdmin(), "application/json",
                    sensitiveListed.replace("\"SENSITIVE_PERSONAL\"", "\"PERSONAL\""));
            assertThat(replaced.statusCode()).isEqualTo(200);
            NegativeListChanged replace = json.readValue(replaced.body(), NegativeListChanged.class);
            assertThat(replace.change()).isEqualTo("REPLACED");
            assertThat(replace.previousList().entries()).extracting(NegativeListChanged.Entry::category)
                    .containsExactly("SENSITIVE_PERSONAL");
            assertThat(replace.reassessedTransfers()).isPositive();
            AssessmentCompleted reassessed = assessment(transferId, 2);
            assertThat(reassessed.assessment().outcome()).isEqualTo(Outcome.CONDITIONAL);
            assertThat(reassessed.reason()).contains("negative list of free trade zone CN-SH-LINGANG replaced: "
                    + "integration test fixture").contains("was PERMITTED");

            // auditors re-run the first assessment under the version it was made with
            var replayed = send("POST", "/api/v1/assessments/evaluate?policyVersion=" + load.policyVersion(),
                    TestTokens.auditor(), "application/json", request);
            assertThat(json.readValue(replayed.body(), org.cbdf.policy.events.Assessment.class))
                    .isEqualTo(exempt.assessment());
        } finally {
            send("DELETE", zone + "/negative-list?reason=restored%20after%20the%20test", TestTokens.policyAdmin(), null, null);
        }
        assertThat(send("DELETE", zone + "/negative-list", TestTokens.policyAdmin(), null, null).statusCode())
                .as("no reason").isEqualTo(400);
        assertThat(send("DELETE", zone + "/negative-list?reason=again", TestTokens.policyAdmin(), null, null).statusCode())
                .as("nothing loaded").isEqualTo(409);
        assertThat(noListLoaded(send("GET", zone, TestTokens.auditor(), null, null))).isTrue();
        CloudEvent withdrawn = policyEvents.await(ofType(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, "CN-SH-LINGANG",
                r -> payload(r.value()).contains("\"WITHDRAWN\""))).value();
        assertThat(JsonSchemas.problems(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, payload(withdrawn))).isEmpty();
    }

    /** The zone is found and has no list (a null or absent negativeList). */
    private boolean noListLoaded(HttpResponse<String> zone) {
        JsonNode body = json.readTree(zone.body());
        return zone.statusCode() == 200 && body.path("code").asString().startsWith("CN-")
                && !body.path("negativeList").isObject();
    }

    private AssessmentCompleted assessment(String transferId, int version) {
        CloudEvent event = policyEvents.await(r -> PolicyEvents.ASSESSMENT_COMPLETED_V1.equals(r.value().getType())
                && transferId.equals(String.valueOf(r.value().getExtension(CloudEventExtensions.AGGREGATE_ID)))
                && String.valueOf(version).equals(String.valueOf(r.value().getExtension(CloudEventExtensions.AGGREGATE_VERSION))))
                .value();
        assertThat(JsonSchemas.problems(PolicyEvents.ASSESSMENT_COMPLETED_V1, payload(event))).isEmpty();
        return json.readValue(payload(event), AssessmentCompleted.class);
    }

    private static Predicate<ConsumerRecord<String, CloudEvent>> ofType(String type, String aggregateId,
            Predicate<ConsumerRecord<String, CloudEvent>> and) {
        return r -> type.equals(r.value().getType())
                && aggregateId.equals(String.valueOf(r.value().getExtension(CloudEventExtensions.AGGREGATE_ID)))
                && and.test(r);
    }

    private static String payload(CloudEvent event) {
        return new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    private void submit(String transferId, String organization, TransferRequest request) throws Exception {
        submitRaw(transferId, json.writeValueAsBytes(new TransferSubmitted(transferId, organization, "alice",
                Instant.parse("2026-11-20T10:00:00Z"), request)));
    }

    private void submitRaw(String transferId, byte[] data) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(TransferEvents.SUBMITTED_V1).withSource(URI.create("urn:cbdf:transfer-service"))
                .withSubject(transferId).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, TransferEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(data).build();
        events.send(new ProducerRecord<>(TransferEvents.TOPIC, transferId, event)).get();
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int lineOf(String text, String marker) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }
}
