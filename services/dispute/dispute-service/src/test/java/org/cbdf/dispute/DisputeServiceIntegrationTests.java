package org.cbdf.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dispute service against the real broker and database: events published as the transfer and policy
 * services publish them (binary-mode CloudEvents, keyed by the transfer id) and the result read through the API.
 */
class DisputeServiceIntegrationTests extends SharedServiceContext {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CONSUMER_GROUP = "dispute-service";

    private static KafkaProducer<String, CloudEvent> producer;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessedEvents processedEvents;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startProducer() {
        Properties config = new Properties();
        config.putAll(TestKafka.administrator());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    // --- the read model, fed by events --------------------------------------------------------------------

    @Test
    void aSubmittedAndAssessedTransferHasItsRegulatorsAndEnterpriseAsParties() {
        String transferId = Transfers.newTransferId();
        publishSubmission(Transfers.submitted(transferId, "acme-cn", "CN", "DE", "US"));
        publishAssessment(Assessments.reviewRequired(transferId, "acme-cn", "CN", "SG"));

        JsonNode parties = awaitParties(transferId, TestTokens.auditor(), body -> !body.get("assessment").isNull());

        assertThat(parties.get("transferId").asString()).isEqualTo(transferId);
        assertThat(parties.at("/enterprise/organization").asString()).isEqualTo("acme-cn");
        assertThat(parties.at("/enterprise/jurisdiction").asString()).isEqualTo("CN");
        assertThat(regulators(parties)).containsExactly("CN:ORIGIN,APPROVAL", "DE:DESTINATION", "US:ONWARD",
                "SG:APPROVAL");
        assertThat(parties.at("/assessment/outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        assertThat(parties.at("/assessment/policyVersion").asString()).isEqualTo(Assessments.POLICY_VERSION);
    }

    @Test
    void anAssessmentArrivingBeforeTheSubmissionIsKept() {
        String transferId = Transfers.newTransferId();
        String assessmentEventId = publishAssessment(Assessments.reviewRequired(transferId, "acme-cn", "DE"));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.policyEvents", assessmentEventId));

        assertThat(get("/api/v1/disputes/transfers/" + transferId + "/parties", TestTokens.auditor()).status())
                .as("without the submission the parties are not known yet").isEqualTo(404);

        publishSubmission(Transfers.submitted(transferId, "acme-cn", "CN", "DE"));

        JsonNode parties = awaitParties(transferId, TestTokens.auditor(), body -> true);
        assertThat(regulators(parties)).containsExactly("CN:ORIGIN", "DE:DESTINATION,APPROVAL");
        assertThat(parties.at("/assessment/outcome").asString()).isEqualTo("REVIEW_REQUIRED");
    }

    @Test
    void anOlderAssessmentArrivingLateDoesNotReplaceANewerOne() {
        String transferId = Transfers.newTransferId();
        Instant now = Instant.now();
        publishSubmission(Transfers.submitted(transferId, "acme-cn", "CN", "DE"));
        publishAssessment(Assessments.completed(transferId, "acme-cn", Outcome.PERMITTED, now));
        String late = publishAssessment(Assessments.completed(transferId, "acme-cn", Outcome.PROHIBITED,
                now.minusSeconds(3600)));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.policyEvents", late));

        JsonNode parties = awaitParties(transferId, TestTokens.auditor(), body -> !body.get("assessment").isNull());
        assertThat(parties.at("/assessment/outcome").asString()).isEqualTo("PERMITTED");
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        String transferId = Transfers.newTransferId();
        TransferSubmitted submitted = Transfers.submitted(transferId, "acme-cn", "CN", "DE");
        String eventId = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.SUBMITTED_V1, TransferEvents.AGGREGATE_TYPE,
                transferId, json.writeValueAsBytes(submitted)));
        awaitParties(transferId, TestTokens.auditor(), body -> true);

        // the same event again, and once more with its payload altered: a consumer that applied either would
        // show it in the destination
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.SUBMITTED_V1, TransferEvents.AGGREGATE_TYPE,
                transferId, json.writeValueAsBytes(submitted)));
        RecordMetadata last = publish(TransferEvents.TOPIC, event(eventId, TransferEvents.SUBMITTED_V1,
                TransferEvents.AGGREGATE_TYPE, transferId,
                json.writeValueAsBytes(Transfers.submitted(transferId, "acme-cn", "CN", "FR"))));
        awaitConsumedPast(last);

        JsonNode parties = awaitParties(transferId, TestTokens.auditor(), body -> true);
        assertThat(regulators(parties)).containsExactly("CN:ORIGIN", "DE:DESTINATION");
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = :id").param("id", eventId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void eventTypesTheServiceDoesNotNeedAreSkippedAndConsumptionGoesOn() throws Exception {
        String transferId = Transfers.newTransferId();
        String unknownId = UUID.randomUUID().toString();
        RecordMetadata unknown = publish(TransferEvents.TOPIC, event(unknownId, "transfer.renamed.v7",
                TransferEvents.AGGREGATE_TYPE, transferId, "{\"anything\":1}".getBytes(StandardCharsets.UTF_8)));
        publishSubmission(Transfers.submitted(transferId, "acme-cn"));
        awaitConsumedPast(unknown);

        awaitParties(transferId, TestTokens.auditor(), body -> true);
        assertThat(processedEvents.wasHandled("dispute.transferEvents", unknownId)).isFalse();
    }

    // --- dead letters -------------------------------------------------------------------------------------

    @Test
    void aMalformedSubmissionGoesToTheDeadLetterTopicWithTheReason() {
        String transferId = Transfers.newTransferId();
        String eventId = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(eventId, TransferEvents.SUBMITTED_V1, TransferEvents.AGGREGATE_TYPE,
                transferId, "{\"transferId\": [not json".getBytes(StandardCharsets.UTF_8)));

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("dispute-service.transfer.events.dlq", transferId);

        assertThat(header(deadLetter, "x-exception-message"))
                .contains("payload of transfer.submitted.v1 event " + eventId + " is not valid");
        assertThat(processedEvents.wasHandled("dispute.transferEvents", eventId)).isFalse();
    }

    @Test
    void anAssessmentLackingWhatADisputeNeedsGoesToTheDeadLetterTopicNamingIt() {
        String transferId = Transfers.newTransferId();
        ObjectNode payload = json.valueToTree(Assessments.reviewRequired(transferId, "acme-cn", "CN"));
        ((ObjectNode) payload.get("assessment")).putArray("requiredApprovals").addObject().put("jurisdiction", "China");
        publish(PolicyEvents.TOPIC, event(UUID.randomUUID().toString(), PolicyEvents.ASSESSMENT_COMPLETED_V1,
                PolicyEvents.ASSESSMENT_AGGREGATE_TYPE, transferId, json.writeValueAsBytes(payload)));

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("dispute-service.policy.events.dlq", transferId);

        assertThat(header(deadLetter, "x-exception-message"))
                .contains("assessment.requiredApprovals[0].jurisdiction 'China' is not an ISO 3166-1 alpha-2 code");
    }

    @Test
    void aMessageWithoutTheAggregateEnvelopeGoesToTheDeadLetterTopic() {
        String transferId = Transfers.newTransferId();
        CloudEvent bare = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType(TransferEvents.SUBMITTED_V1).withSource(URI.create("urn:cbdf:transfer-service"))
                .withData("application/json", json.writeValueAsBytes(Transfers.submitted(transferId, "acme-cn")))
                .build();
        publish(TransferEvents.TOPIC, transferId, bare);

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("dispute-service.transfer.events.dlq", transferId);

        assertThat(header(deadLetter, "x-exception-message")).contains("lacks the extension aggregateid");
    }

    // --- who sees the parties -----------------------------------------------------------------------------

    @Test
    void onlyThePartiesAndAuditorsSeeATransfersParties() {
        String transferId = Transfers.newTransferId();
        publishSubmission(Transfers.submitted(transferId, "acme-cn", "CN", "DE", "US"));
        publishAssessment(Assessments.reviewRequired(transferId, "acme-cn", "SG"));
        awaitParties(transferId, TestTokens.auditor(), body -> !body.get("assessment").isNull());
        String path = "/api/v1/disputes/transfers/" + transferId + "/parties";

        assertThat(get(path, TestTokens.enterprise("acme-cn", "CN")).status()).as("owner").isEqualTo(200);
        assertThat(get(path, TestTokens.regulator("CN")).status()).as("origin").isEqualTo(200);
        assertThat(get(path, TestTokens.regulator("DE")).status()).as("destination").isEqualTo(200);
        assertThat(get(path, TestTokens.regulator("US")).status()).as("onward").isEqualTo(200);
        assertThat(get(path, TestTokens.regulator("SG")).status()).as("required approval").isEqualTo(200);

        Response otherOrganisation = get(path, TestTokens.enterprise("globex-cn", "CN"));
        assertThat(otherOrganisation.status()).isEqualTo(404);
        assertThat(otherOrganisation.body().get("title").asString()).isEqualTo("Transfer not found");
        assertThat(get(path, TestTokens.regulator("FR")).status()).as("uninvolved regulator").isEqualTo(404);
        assertThat(get(path, TestTokens.policyAdmin()).status()).isEqualTo(404);
        assertThat(get(path, null).status()).isEqualTo(401);
        assertThat(get("/api/v1/disputes/transfers/" + Transfers.newTransferId() + "/parties", TestTokens.auditor())
                .status()).as("unknown transfer").isEqualTo(404);
    }

    // --- dispute cases ------------------------------------------------------------------------------------

    @Test
    void eachCallerListsOnlyTheCasesItIsPartyTo() {
        String acme = "acme-" + UUID.randomUUID();
        String globex = "globex-" + UUID.randomUUID();
        String acmeTransfer = Transfers.newTransferId();
        String globexTransfer = Transfers.newTransferId();
        String acmeEventId = publishSubmission(Transfers.submitted(acmeTransfer, acme, "CN", "DE"));
        String globexEventId = publishSubmission(Transfers.submitted(globexTransfer, globex, "BR", "PT"));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.transferEvents", acmeEventId)
                && processedEvents.wasHandled("dispute.transferEvents", globexEventId));
        // rows as the procedure stores them, with opening times that fix the order (DisputeProcedureIntegrationTests
        // opens cases through the procedure itself)
        UUID acmeCase = fileCase(acmeTransfer, acme, Trigger.APPEAL, List.of("CN", "DE"), Instant.now().minusSeconds(60));
        UUID globexCase = fileCase(globexTransfer, globex, Trigger.OBJECTION, List.of("BR", "PT"), Instant.now());

        assertThat(caseIds(get("/api/v1/disputes?size=100", TestTokens.auditor()))).as("newest first")
                .containsSubsequence(globexCase, acmeCase);
        assertThat(caseIds(get("/api/v1/disputes", TestTokens.enterprise(acme, "CN")))).containsExactly(acmeCase);
        assertThat(caseIds(get("/api/v1/disputes", TestTokens.enterprise(globex, "BR")))).containsExactly(globexCase);
        // other test classes open cases between CN and DE in the same database: only this test's two cases count
        assertThat(caseIds(get("/api/v1/disputes?size=100", TestTokens.regulator("DE")))).contains(acmeCase)
                .doesNotContain(globexCase);
        assertThat(caseIds(get("/api/v1/disputes?size=100", TestTokens.regulator("PT")))).contains(globexCase)
                .doesNotContain(acmeCase);
        assertThat(caseIds(get("/api/v1/disputes?size=100", TestTokens.regulator("FR"))))
                .doesNotContain(acmeCase, globexCase);
        assertThat(caseIds(get("/api/v1/disputes", TestTokens.enterprise("initech", "CN")))).isEmpty();
        assertThat(caseIds(get("/api/v1/disputes", TestTokens.policyAdmin()))).isEmpty();

        JsonNode listed = get("/api/v1/disputes?size=100", TestTokens.regulator("DE")).body().get("content")
                .valueStream().filter(c -> c.get("id").asString().equals(acmeCase.toString())).findFirst().orElseThrow();
        assertThat(listed.get("transferId").asString()).isEqualTo(acmeTransfer);
        assertThat(listed.get("trigger").asString()).isEqualTo("APPEAL");
        assertThat(listed.get("status").asString()).isEqualTo("OPEN");
        assertThat(listed.get("parties").toString()).isEqualTo("[\"CN\",\"DE\"]");
        assertThat(listed.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theCaseListIsPagedByCursorAndCasesOpenedMeanwhileNeitherRepeatNorHideOne() {
        String transferId = Transfers.newTransferId();
        String organization = "paged-" + UUID.randomUUID();
        String eventId = publishSubmission(Transfers.submitted(transferId, organization, "AR", "UY"));
        await().atMost(PATIENCE).until(() -> processedEvents.wasHandled("dispute.transferEvents", eventId));
        String party = TestTokens.enterprise(organization, "AR");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        UUID oldest = fileCase(transferId, organization, Trigger.POLICY_CONFLICT, List.of("AR", "UY"), now);
        // two opened in the same instant: only the id orders them, and the first page ends between them
        List<UUID> tied = List.of(
                fileCase(transferId, organization, Trigger.POLICY_CONFLICT, List.of("AR", "UY"), now.plusSeconds(1)),
                fileCase(transferId, organization, Trigger.POLICY_CONFLICT, List.of("AR", "UY"), now.plusSeconds(1)));
        UUID newest = fileCase(transferId, organization, Trigger.POLICY_CONFLICT, List.of("AR", "UY"),
                now.plusSeconds(2));

        Response first = get("/api/v1/disputes?size=2", party);
        UUID openedMeanwhile = fileCase(transferId, organization, Trigger.POLICY_CONFLICT, List.of("AR", "UY"),
                now.plusSeconds(10));
        List<UUID> listed = new ArrayList<>(caseIds(first));
        String cursor = first.body().get("nextCursor").asString();
        int pages = 1;
        while (cursor != null && pages < 10) { // bounded: a cursor that is not followed would page forever
            Response next = get("/api/v1/disputes?size=2&cursor=" + cursor, party);
            assertThat(next.status()).isEqualTo(200);
            listed.addAll(caseIds(next));
            cursor = next.body().get("nextCursor").isNull() ? null : next.body().get("nextCursor").asString();
            pages++;
        }

        assertThat(first.body().get("totalElements").asLong()).isEqualTo(4);
        assertThat(listed).as("each case there was at the first page once, none skipped").doesNotHaveDuplicates()
                .hasSize(4).startsWith(newest).endsWith(oldest).containsAll(tied).doesNotContain(openedMeanwhile);
        assertThat(pages).isEqualTo(2);
        assertThat(caseIds(get("/api/v1/disputes?size=1", party))).containsExactly(openedMeanwhile);
    }

    @Test
    void aMalformedCursorOrALaterPageNumberIsAProblemNamingTheParameter() {
        for (String malformed : List.of("x", "bm90LWEtY3Vyc29y", "MjAyNi0xMS0yOFQxMjowMDowMFosNDI")) {
            Response refused = get("/api/v1/disputes?cursor=" + malformed, TestTokens.auditor());
            assertThat(refused.status()).as(malformed).isEqualTo(400);
            assertThat(refused.body().at("/errors/0/field").asString()).isEqualTo("cursor");
        }
        Response secondPage = get("/api/v1/disputes?page=1", TestTokens.auditor());
        assertThat(secondPage.status()).isEqualTo(400);
        assertThat(secondPage.body().at("/errors/0/field").asString()).isEqualTo("page");
        assertThat(secondPage.body().get("detail").asString()).contains("nextCursor");
        assertThat(get("/api/v1/disputes?page=0", TestTokens.auditor()).status()).isEqualTo(200);
    }

    @Test
    void aBadPageRequestIsAProblemNamingTheParameter() {
        Response response = get("/api/v1/disputes?size=500", TestTokens.auditor());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").asString()).isEqualTo("size");
        assertThat(get("/api/v1/disputes", null).status()).isEqualTo(401);
    }

    // --- operations ---------------------------------------------------------------------------------------

    @Test
    void theProbesAndTheApiDescriptionNeedNoToken() {
        assertThat(get("/readyz", null).body().get("status").asString()).isEqualTo("UP");
        assertThat(get("/livez", null).body().get("status").asString()).isEqualTo("UP");
        Response apiDocs = get("/v3/api-docs", null);
        assertThat(apiDocs.status()).isEqualTo(200);
        assertThat(apiDocs.body().get("paths").propertyNames())
                .contains("/api/v1/disputes", "/api/v1/disputes/transfers/{transferId}/parties");
    }

    @Test
    void metricsAreOnTheManagementPortOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            Response anonymous = get(path, null);
            assertThat(anonymous.status()).as("anonymous %s", path).isEqualTo(401);
            assertThat(anonymous.body().get("status").asInt()).isEqualTo(401);
            Response withToken = get(path, TestTokens.auditor());
            assertThat(withToken.status()).as("%s with a token", path).isEqualTo(404);
            assertThat(withToken.body().get("status").asInt()).isEqualTo(404);
        }
        RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
        assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("service=\"dispute-service\"");
        assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("UP");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private String publishSubmission(TransferSubmitted submitted) {
        String id = UUID.randomUUID().toString();
        publish(TransferEvents.TOPIC, event(id, TransferEvents.SUBMITTED_V1, TransferEvents.AGGREGATE_TYPE,
                submitted.transferId(), json.writeValueAsBytes(submitted)));
        return id;
    }

    private String publishAssessment(AssessmentCompleted completed) {
        String id = UUID.randomUUID().toString();
        publish(PolicyEvents.TOPIC, event(id, PolicyEvents.ASSESSMENT_COMPLETED_V1,
                PolicyEvents.ASSESSMENT_AGGREGATE_TYPE, completed.transferId(), json.writeValueAsBytes(completed)));
        return id;
    }

    private static CloudEvent event(String id, String type, String aggregateType, String aggregateId, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create(aggregateType.equals(TransferEvents.AGGREGATE_TYPE)
                        ? "urn:cbdf:transfer-service" : "urn:cbdf:policy-service"))
                .withSubject(aggregateId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, aggregateId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, aggregateType)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1)
                .withData(data)
                .build();
    }

    private static RecordMetadata publish(String topic, CloudEvent event) {
        return publish(topic, (String) event.getExtension(CloudEventExtensions.AGGREGATE_ID), event);
    }

    private static RecordMetadata publish(String topic, String key, CloudEvent event) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        }
    }

    /** Waits until the service's consumer group committed past {@code record}: everything up to it was handled. */
    private static void awaitConsumedPast(RecordMetadata record) throws Exception {
        var partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(TestKafka.administrator())) {
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(CONSUMER_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata offset = committed.get(partition);
                return offset != null && offset.offset() > record.offset();
            });
        }
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
        Properties config = new Properties();
        config.putAll(TestKafka.administrator());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (var consumer = new KafkaConsumer<String, byte[]>(config)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode awaitParties(String transferId, String token, java.util.function.Predicate<JsonNode> complete) {
        String path = "/api/v1/disputes/transfers/" + transferId + "/parties";
        return await().atMost(PATIENCE).until(() -> get(path, token),
                response -> response.status() == 200 && complete.test(response.body())).body();
    }

    private static List<String> regulators(JsonNode parties) {
        List<String> regulators = new ArrayList<>();
        for (JsonNode regulator : parties.get("regulators")) {
            List<String> involvement = new ArrayList<>();
            regulator.get("involvement").forEach(i -> involvement.add(i.asString()));
            regulators.add(regulator.get("jurisdiction").asString() + ":" + String.join(",", involvement));
        }
        return regulators;
    }

    private UUID fileCase(String transferId, String organization, Trigger trigger, List<String> parties,
            Instant openedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into dispute_case (id, trigger_key, transfer_id, trigger, status, parties, organization, grounds,
                                          opened_at, deadline, deadline_kind, version)
                values (:id, :key, :transferId, :trigger, 'OPEN', :parties, :organization,
                        'The rejection ignored the signed contract.', :openedAt, :deadline, 'NEGOTIATION', 1)
                """)
                .param("id", id).param("key", "test:" + id).param("organization", organization)
                .param("transferId", transferId).param("trigger", trigger.name())
                .param("parties", parties.toArray(String[]::new))
                .param("openedAt", java.sql.Timestamp.from(openedAt))
                .param("deadline", java.sql.Timestamp.from(openedAt.plus(Duration.ofDays(28))))
                .update();
        return id;
    }

    private static List<UUID> caseIds(Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        response.body().get("content").forEach(c -> ids.add(UUID.fromString(c.get("id").asString())));
        return ids;
    }

    private Response get(String path, String token) {
        return RestClient.create("http://127.0.0.1:" + port).get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .exchangeForRequiredValue((request, response) -> {
                    byte[] body = response.getBody().readAllBytes();
                    return new Response(response.getStatusCode().value(),
                            body.length == 0 ? json.nullNode() : json.readTree(body));
                }, true);
    }

    record Response(int status, JsonNode body) {
    }
}
