package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cbdf.audit.SharedServiceContext;
import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger against the real broker and database: real CloudEvents on the real topics, read back through
 * the API as each kind of caller would.
 */
class AuditServiceIntegrationTests extends SharedServiceContext {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static KafkaProducer<String, CloudEvent> cloudEvents;
    private static KafkaProducer<String, byte[]> rawRecords;


    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Ledger ledger;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void producers() {
        cloudEvents = new KafkaProducer<>(TestKafka.administrator(ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new CloudEventSerializer());
        rawRecords = new KafkaProducer<>(TestKafka.administrator(ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducers() {
        cloudEvents.close();
        rawRecords.close();
    }

    @Test
    void eventsOfEveryTopicAreAppendedInOrderAndTheRootCoversThem() throws Exception {
        String transferId = newTransferId();
        CloudEvent submitted = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN,DE");
        CloudEvent assessed = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN,DE");
        CloudEvent assessment = PlatformEvents.assessmentCompleted(transferId, "acme-cn", "CN,DE");
        publish("transfer.events", transferId, submitted);
        publish("policy.events", transferId, assessment);
        publish("transfer.events", transferId, assessed);

        List<JsonNode> entries = awaitEntries(transferId, 3);

        assertThat(entries).extracting(e -> e.get("eventId").asString()).containsExactlyInAnyOrder(submitted.getId(),
                assessed.getId(), assessment.getId());
        assertThat(entries).extracting(e -> e.get("leafIndex").asLong()).isSorted().doesNotHaveDuplicates();
        // one aggregate's events keep their order (same topic, same key, same partition)
        List<String> transferEvents = entries.stream().filter(e -> e.get("topic").asString().equals("transfer.events"))
                .map(e -> e.get("eventId").asString()).toList();
        assertThat(transferEvents).containsExactly(submitted.getId(), assessed.getId());
        JsonNode assessmentEntry = entries.stream().filter(e -> e.get("topic").asString().equals("policy.events"))
                .findFirst().orElseThrow();
        assertThat(assessmentEntry.get("type").asString()).isEqualTo("policy.assessment-completed.v1");
        assertThat(assessmentEntry.get("aggregateType").asString()).isEqualTo("transfer-assessment");
        assertThat(assessmentEntry.get("organization").asString()).isEqualTo("acme-cn");
        assertThat(assessmentEntry.get("jurisdictions")).extracting(JsonNode::asString).containsExactly("CN", "DE");
        assertThat(assessmentEntry.get("data").get("outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        // the leaf hash is RFC 9162's over the RFC 8785 form of exactly the event that was sent
        EventLeaf leaves = new EventLeaf(json);
        byte[] expectedLeaf = leaves.of(assessment, org.cbdf.platform.messaging.IncomingEvent.from(assessment));
        assertThat(assessmentEntry.get("leafHash").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(MerkleTree.leafHash(expectedLeaf)));

        // the head covers the whole log: size = entries, root = the root recomputed from every leaf hash
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode head = getJson("/api/v1/audit/tree", TestTokens.auditor());
            List<JsonNode> all = getJsonArray("/api/v1/audit/events?limit=10000", TestTokens.auditor());
            assertThat(all).extracting(e -> e.get("leafIndex").asLong())
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, all.size()).boxed().toList());
            assertThat(head.get("treeSize").asLong()).isEqualTo(all.size());
            List<byte[]> leafHashes = all.stream().map(e -> Base64.getDecoder().decode(e.get("leafHash").asString()))
                    .toList();
            assertThat(head.get("rootHash").asString())
                    .isEqualTo(Base64.getEncoder().encodeToString(MerkleTree.rootOf(leafHashes)));
        });
    }

    @Test
    void theSameEventDeliveredTwiceIsAppendedOnce() throws Exception {
        String transferId = newTransferId();
        CloudEvent submitted = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN,DE");
        CloudEvent assessed = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN,DE");
        publish("transfer.events", transferId, submitted);
        publish("transfer.events", transferId, submitted);
        publish("transfer.events", transferId, assessed); // after the duplicate on the same partition

        List<JsonNode> entries = awaitEntries(transferId, 2);

        assertThat(entries).extracting(e -> e.get("eventId").asString())
                .containsExactly(submitted.getId(), assessed.getId());
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor())).isEmpty();
    }

    @Test
    void aVersionThatSkipsOneIsReportedAsAGap() throws Exception {
        String transferId = newTransferId();
        double gapsBefore = missingGaps();
        CloudEvent v1 = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        CloudEvent v2 = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN");
        CloudEvent v4 = PlatformEvents.transfer(transferId, 4, "acme-cn", "CN");
        publish("transfer.events", transferId, v1);
        publish("transfer.events", transferId, v2);
        publish("transfer.events", transferId, v4);

        awaitEntries(transferId, 3);

        List<JsonNode> gaps = getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor());
        assertThat(gaps).hasSize(1);
        assertThat(gaps.getFirst().get("kind").asString()).isEqualTo("MISSING");
        assertThat(gaps.getFirst().get("expectedVersion").asLong()).isEqualTo(3);
        assertThat(gaps.getFirst().get("receivedVersion").asLong()).isEqualTo(4);
        assertThat(gaps.getFirst().get("eventId").asString()).isEqualTo(v4.getId());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(missingGaps()).isEqualTo(gapsBefore + 1));
        String prometheus = http.send(HttpRequest.newBuilder(management("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // whatever other tags the platform adds to every meter
        assertThat(prometheus).containsPattern("audit_aggregate_version_gaps_total\\{[^}]*kind=\"MISSING\"");
    }

    @Test
    void theLedgersMetricsAreOnTheManagementPortOnly() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            HttpResponse<String> anonymous = get(path, null, "*/*");
            assertThat(anonymous.statusCode()).as("anonymous %s", path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            HttpResponse<String> withToken = get(path, TestTokens.auditor(), "*/*");
            assertThat(withToken.statusCode()).as("%s with a token", path).isEqualTo(404);
            assertThat(withToken.body()).doesNotContain("cbdf_ledger", "jvm");
        }
        for (String probe : List.of("/livez", "/readyz")) {
            assertThat(get(probe, null, "application/json").statusCode()).as(probe).isEqualTo(200);
        }
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(management("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("service=\"audit-service\"");
    }

    @Test
    void whatIsNotACloudEventGoesToTheDeadLetterTopicWithTheReasonAndTheNextEventStillCounts() throws Exception {
        String transferId = newTransferId();
        try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
            deadLetters.subscribe(List.of("audit-service.dlq"));
            rawRecords.send(new ProducerRecord<>("transfer.events", transferId,
                    ("garbage for " + transferId).getBytes(StandardCharsets.UTF_8))).get();
            CloudEvent withoutEnvelope = PlatformEvents.transferEvent(transferId, 1, "acme-cn", "CN")
                    .withoutExtension("aggregateid").build();
            publish("transfer.events", transferId, withoutEnvelope);
            CloudEvent valid = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
            publish("transfer.events", transferId, valid);

            List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (transferId.equals(record.key())) {
                        ours.add(record);
                    }
                });
                assertThat(ours).hasSize(2);
            });

            assertThat(new String(ours.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("garbage for " + transferId);
            assertThat(header(ours.get(0), "x-exception-message")).contains("not a CloudEvent");
            assertThat(header(ours.get(0), "x-original-topic")).isEqualTo("transfer.events");
            assertThat(header(ours.get(1), "x-exception-message")).contains("lacks the extension aggregateid");
            // the dead letter is the record as it was consumed: same headers, once, and the same payload
            assertThat(ours.get(1).headers().headers("ce_id")).hasSize(1);
            assertThat(header(ours.get(1), "ce_id")).isEqualTo(withoutEnvelope.getId());
            assertThat(ours.get(1).value()).isEqualTo(withoutEnvelope.getData().toBytes());
            List<JsonNode> entries = awaitEntries(transferId, 1);
            assertThat(entries.getFirst().get("eventId").asString()).isEqualTo(valid.getId());
        }
    }

    @Test
    void aPollIsAppendedInOneTransactionAndAPoisonRecordInItGoesToTheDeadLetterTopicAlone() throws Exception {
        String transferId = newTransferId();
        CloudEvent v1 = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        CloudEvent v2 = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN");
        CloudEvent v3 = PlatformEvents.transfer(transferId, 3, "acme-cn", "CN");
        CloudEvent v4 = PlatformEvents.transfer(transferId, 4, "acme-cn", "CN");
        CloudEvent withoutEnvelope = PlatformEvents.transferEvent(transferId, 5, "acme-cn", "CN")
                .withoutExtension("aggregateid").build();
        byte[] garbage = ("garbage in a batch for " + transferId).getBytes(StandardCharsets.UTF_8);

        // one producer batch: the broker stores these as one record batch, so the ledger's consumer polls them together
        publishAsOneBatch(List.of(binary(transferId, v1), binary(transferId, v2),
                new ProducerRecord<>("transfer.events", transferId, garbage), binary(transferId, v3),
                binary(transferId, v2), binary(transferId, withoutEnvelope), binary(transferId, v4)));
        List<JsonNode> entries = awaitEntries(transferId, 4);

        // every good record once, in order, the duplicate of v2 skipped; nothing is reported as a gap
        assertThat(entries).extracting(e -> e.get("eventId").asString())
                .containsExactly(v1.getId(), v2.getId(), v3.getId(), v4.getId());
        assertThat(entries).extracting(e -> e.get("leafIndex").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor())).isEmpty();
        // v1 and v2 came in the same poll before the poison record: one transaction, one appendedAt; v3 was
        // redelivered after the first dead letter, v4 after the second
        List<String> appendedAt = entries.stream().map(e -> e.get("appendedAt").asString()).toList();
        assertThat(appendedAt.get(0)).isEqualTo(appendedAt.get(1));
        assertThat(appendedAt.get(2)).isNotEqualTo(appendedAt.get(1));
        assertThat(appendedAt.get(3)).isNotEqualTo(appendedAt.get(2));

        // every dead letter already on the topic (the consumer published them before it went on to v3 and v4):
        // the two refused records, once each, as they were consumed, with the reason
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersFor(transferId);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
        assertThat(header(deadLetters.get(0), "x-exception-message")).contains("not a CloudEvent");
        assertThat(header(deadLetters.get(0), "x-exception-fqcn"))
                .isEqualTo("org.cbdf.platform.messaging.InvalidEventException");
        assertThat(header(deadLetters.get(0), "x-original-topic")).isEqualTo("transfer.events");
        assertThat(deadLetters.get(1).value()).isEqualTo(withoutEnvelope.getData().toBytes());
        assertThat(deadLetters.get(1).headers().headers("ce_id")).hasSize(1);
        assertThat(header(deadLetters.get(1), "ce_id")).isEqualTo(withoutEnvelope.getId());
        assertThat(header(deadLetters.get(1), "x-exception-message")).contains("lacks the extension aggregateid");
        assertThat(ByteBuffer.wrap(deadLetters.get(1).headers().lastHeader("x-original-offset").value())
                .getLong()).isEqualTo(ByteBuffer.wrap(deadLetters.get(0).headers()
                        .lastHeader("x-original-offset").value()).getLong() + 3);
    }

    @Test
    void theLedgerCountsWhatItAppendsAndNotWhatItSkipsAndReportsItsSize() throws Exception {
        long sizeBefore = treeSize();
        double appendedBefore = meters.get("cbdf.ledger.appended").counter().count();
        long batchesBefore = meters.get("cbdf.ledger.append.duration").timer().count();
        String transferId = newTransferId();
        CloudEvent v1 = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        CloudEvent v2 = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN");
        CloudEvent v3 = PlatformEvents.transfer(transferId, 3, "acme-cn", "CN");

        publishAsOneBatch(List.of(binary(transferId, v1), binary(transferId, v2), binary(transferId, v1),
                binary(transferId, v3)));
        awaitEntries(transferId, 3);

        // whatever else the consumer appended meanwhile, the counter moves exactly as the tree grows: the
        // duplicate of v1 is skipped and not counted
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            long grown = treeSize() - sizeBefore;
            assertThat(grown).isGreaterThanOrEqualTo(3);
            assertThat(meters.get("cbdf.ledger.appended").counter().count() - appendedBefore).isEqualTo(grown);
        });
        assertThat(meters.get("cbdf.ledger.append.duration").timer().count()).isGreaterThan(batchesBefore);
        queryGauges.refreshNow();
        assertThat(meters.get("cbdf.ledger.size").gauge().value()).isEqualTo(treeSize());
    }

    @Autowired
    org.cbdf.platform.observability.QueryGauges queryGauges;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long treeSize() {
        return jdbc.sql("select tree_size from tree_head").query(Long.class).single();
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAfterItsRetriesAndTheRestOfItsPollIsAppended() throws Exception {
        String transferId = newTransferId();
        CloudEvent v1 = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        // a CloudEvent, canonical JSON, yet no PostgreSQL text can hold a NUL character
        CloudEvent unstorable = PlatformEvents.transferEvent(transferId, 2, "acme-cn", "CN")
                .withId("nul\u0000" + UUID.randomUUID()).build();
        CloudEvent v2 = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN");
        CloudEvent v3 = PlatformEvents.transfer(transferId, 3, "acme-cn", "CN");

        publishAsOneBatch(List.of(binary(transferId, v1), binary(transferId, unstorable), binary(transferId, v2),
                binary(transferId, v3)));
        List<JsonNode> entries = awaitEntries(transferId, 3);

        assertThat(entries).extracting(e -> e.get("eventId").asString())
                .containsExactly(v1.getId(), v2.getId(), v3.getId());
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor())).isEmpty();
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersFor(transferId);
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.getFirst(), "ce_id")).isEqualTo(unstorable.getId());
        assertThat(header(deadLetters.getFirst(), "x-exception-message")).contains("0x00");
    }

    @Test
    void everyoneSeesOnlyWhatIsTheirs() throws Exception {
        String transferId = newTransferId();
        publish("transfer.events", transferId, PlatformEvents.transfer(transferId, 1, "acme-cn", "CN,DE"));
        publish("policy.events", transferId, PlatformEvents.assessmentCompleted(transferId, "acme-cn", "CN,DE"));
        awaitEntries(transferId, 2);
        String path = "/api/v1/audit/events?aggregateId=" + transferId;

        assertThat(getJsonArray(path, TestTokens.enterprise("acme-cn", "CN"))).hasSize(2);
        assertThat(getJsonArray(path, TestTokens.enterprise("other-org", "CN"))).isEmpty();
        assertThat(getJsonArray(path + "&organization=acme-cn", TestTokens.enterprise("other-org", "CN"))).isEmpty();
        assertThat(getJsonArray(path, TestTokens.regulator("DE"))).hasSize(2);
        assertThat(getJsonArray(path, TestTokens.regulator("de"))).hasSize(2);
        assertThat(getJsonArray(path, TestTokens.regulator("FR"))).isEmpty();

        assertThat(get(path, TestTokens.policyAdmin(), "application/json").statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = get(path, null, "application/json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("/api/v1/audit/tree", TestTokens.enterprise("acme-cn", "CN"), "application/json").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRegulatorReadsAReviewAndAFlagAsThePolicyServiceShowsThemAndTheAuditorReadsAll() throws Exception {
        String review = UUID.randomUUID().toString();
        String flag = UUID.randomUUID().toString();
        // BR reviews AR and asks FR for an opinion: the policy service shows the draft to BR and FR only; GB's flag
        // about a decision of BR's that GB recognised is shown to GB only
        ledger.appendAll(List.of(
                PlatformEvents.policyAggregate("adequacy-review", review, 1, "policy.adequacy-review-opened.v1",
                        "BR,AR", "BR"),
                PlatformEvents.policyAggregate("adequacy-review", review, 2,
                        "policy.adequacy-review-opinions-requested.v1", "BR,AR,FR", "BR,FR"),
                PlatformEvents.policyAggregate("adequacy-review", review, 3, "policy.adequacy-review-opinion-filed.v1",
                        "BR,AR,FR", "BR,FR"),
                PlatformEvents.policyAggregate("recognition-flag", flag, 1, "policy.recognition-flag-raised.v1",
                        "GB,BR", "GB")), "policy.events");
        String ofReview = "/api/v1/audit/events?aggregateId=" + review;
        String ofFlag = "/api/v1/audit/events?aggregateId=" + flag;

        assertThat(versionsRead(ofReview, TestTokens.regulator("AR"))).as("the reviewed jurisdiction").isEmpty();
        assertThat(versionsRead(ofReview + "&jurisdiction=AR&type=policy.adequacy-review-opinion-filed.v1",
                TestTokens.regulator("AR"))).isEmpty();
        assertThat(versionsRead(ofReview, TestTokens.regulator("ar"))).isEmpty();
        assertThat(versionsRead(ofReview, TestTokens.regulator("FR"))).as("named for an opinion: what concerns it")
                .containsExactly(2L, 3L);
        assertThat(versionsRead(ofReview, TestTokens.regulator("BR"))).containsExactly(1L, 2L, 3L);
        assertThat(versionsRead(ofReview, TestTokens.auditor())).containsExactly(1L, 2L, 3L);
        assertThat(versionsRead(ofFlag, TestTokens.regulator("BR"))).as("the recognised authority").isEmpty();
        assertThat(versionsRead(ofFlag, TestTokens.regulator("GB"))).containsExactly(1L);
        assertThat(versionsRead(ofFlag, TestTokens.auditor())).containsExactly(1L);
        assertThat(get("/api/v1/audit/export", TestTokens.regulator("AR"), "application/zip").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/audit/transfers/" + review + "/state", TestTokens.regulator("AR"),
                "application/json").statusCode()).isEqualTo(403);

        // adopted: the policy service shows the whole review to everyone, and so does the ledger
        ledger.append(PlatformEvents.policyAggregate("adequacy-review", review, 4,
                "policy.adequacy-review-concluded.v1", "BR,AR,FR", null), "policy.events");

        assertThat(versionsRead(ofReview, TestTokens.regulator("AR"))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(versionsRead(ofReview, TestTokens.regulator("FR"))).containsExactly(2L, 3L, 4L);
        assertThat(versionsRead(ofReview, TestTokens.auditor())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void ndjsonStreamsOneLinePerEventAndJsonIsTheDefault() throws Exception {
        String transferId = newTransferId();
        for (int version = 1; version <= 5; version++) {
            publish("transfer.events", transferId, PlatformEvents.transfer(transferId, version, "acme-cn", "CN"));
        }
        List<JsonNode> entries = awaitEntries(transferId, 5);

        HttpResponse<String> stream = get("/api/v1/audit/events?aggregateId=" + transferId, TestTokens.auditor(),
                "application/x-ndjson");

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<String> lines = stream.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(line -> json.readTree(line).get("leafIndex").asLong())
                .containsExactlyElementsOf(entries.stream().map(e -> e.get("leafIndex").asLong()).toList());

        HttpResponse<String> noAccept = http.send(HttpRequest.newBuilder(uri("/api/v1/audit/events?aggregateId="
                + transferId)).header("Authorization", "Bearer " + TestTokens.auditor()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noAccept.statusCode()).isEqualTo(200);
        assertThat(json.readTree(noAccept.body()).isArray()).isTrue();

        HttpResponse<String> firstPage = get("/api/v1/audit/events?aggregateId=" + transferId + "&limit=2",
                TestTokens.auditor(), "application/json");
        assertThat(json.readTree(firstPage.body()).size()).isEqualTo(2);
        assertThat(firstPage.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
                .contains("after=" + entries.get(1).get("leafIndex").asLong()).contains("rel=\"next\""));
        assertThat(get("/api/v1/audit/events?limit=10001", TestTokens.auditor(), "application/json").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theNextPageLinkIsRelativeWhateverHostTheClientClaims() throws Exception {
        String transferId = newTransferId();
        for (int version = 1; version <= 2; version++) {
            publish("transfer.events", transferId, PlatformEvents.transfer(transferId, version, "acme-cn", "CN"));
        }
        long firstLeaf = awaitEntries(transferId, 2).getFirst().get("leafIndex").asLong();
        String[] claims = { "Host: evil.example", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https",
                "X-Forwarded-Port: 8443", "Forwarded: host=evil.example;proto=https" };

        String page = exchange("/api/v1/audit/events?aggregateId=" + transferId + "&limit=1", claims);
        String refused = exchange("/api/v1/audit/events?limit=0", claims);

        assertThat(page).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("evil.example");
        assertThat(page).containsPattern("(?im)^Link: </api/v1/audit/events\\?aggregateId=" + transferId
                + "&limit=1&after=" + firstLeaf + ">; rel=\"next\"$");
        assertThat(refused).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("evil.example");
    }

    /** The whole answer, head and body, to a GET as an auditor with headers no HTTP client library lets one set. */
    private String exchange(String target, String... headers) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            String request = "GET " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\n"
                    + "Authorization: Bearer " + TestTokens.auditor() + "\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyNdjsonLineIsTheEntryTheJsonListingShowsWhateverThePayload() throws Exception {
        String transferId = newTransferId();
        List<CloudEvent> events = List.of(
                PlatformEvents.transferEvent(transferId, 1, "acme-cn", "CN,DE").withData(("{\"nested\":{\"list\":"
                        + "[1,-2.5,1e21,true,null],\"text\":\"Zürich \\\"quoted\\\" \\n\u4e2d\"}}")
                        .getBytes(StandardCharsets.UTF_8)).build(),
                PlatformEvents.transferEvent(transferId, 2, "acme-cn", "CN").withData("\"only a string\""
                        .getBytes(StandardCharsets.UTF_8)).build(),
                PlatformEvents.transferEvent(transferId, 3, "acme-cn", "CN").withDataContentType("text/plain")
                        .withData("not JSON at all".getBytes(StandardCharsets.UTF_8)).build(),
                PlatformEvents.transferEvent(transferId, 4, "acme-cn", "").withSubject(null).withTime(null)
                        .withoutExtension("organization").withData("[]".getBytes(StandardCharsets.UTF_8)).build());
        for (CloudEvent event : events) {
            publish("transfer.events", transferId, event);
        }
        List<JsonNode> entries = awaitEntries(transferId, 4);

        List<String> lines = get("/api/v1/audit/events?aggregateId=" + transferId, TestTokens.auditor(),
                "application/x-ndjson").body().lines().toList();

        assertThat(lines).extracting(json::readTree).containsExactlyElementsOf(entries);
        assertThat(entries.get(0).get("data").get("nested").get("text").asString())
                .isEqualTo("Zürich \"quoted\" \n\u4e2d");
        assertThat(entries.get(1).get("data").asString()).isEqualTo("only a string");
        assertThat(entries.get(2).get("data").asString()).isEqualTo(Base64.getEncoder().encodeToString(
                "not JSON at all".getBytes(StandardCharsets.UTF_8)));
        assertThat(entries.get(3).get("subject").isNull()).isTrue();
        assertThat(entries.get(3).get("time").isNull()).isTrue();
        assertThat(entries.get(3).get("organization").isNull()).isTrue();
        assertThat(entries.get(3).get("jurisdictions")).isEmpty();
    }

    private static String newTransferId() {
        return "tr-" + UUID.randomUUID();
    }

    private static void publish(String topic, String key, CloudEvent event) throws Exception {
        cloudEvents.send(new ProducerRecord<>(topic, key, event)).get();
    }

    private List<JsonNode> awaitEntries(String aggregateId, int count) {
        List<List<JsonNode>> result = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> entries = getJsonArray("/api/v1/audit/events?aggregateId=" + aggregateId,
                    TestTokens.auditor());
            assertThat(entries).hasSize(count);
            result.add(entries);
        });
        return result.getLast();
    }

    /** The aggregate versions {@code token}'s caller reads at {@code path}: the JSON listing's, the NDJSON replay's. */
    private List<Long> versionsRead(String path, String token) throws Exception {
        List<Long> listed = getJsonArray(path, token).stream().map(e -> e.get("aggregateVersion").asLong()).toList();
        HttpResponse<String> replay = get(path, token, "application/x-ndjson");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body().lines().map(line -> json.readTree(line).get("aggregateVersion").asLong()).toList())
                .as("the NDJSON replay of %s", path).isEqualTo(listed);
        return listed;
    }

    private double missingGaps() {
        var counter = meters.find(AggregateVersions.GAPS_METRIC).tag("kind", "MISSING").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<JsonNode> getJsonArray(String path, String token) throws Exception {
        List<JsonNode> elements = new ArrayList<>();
        getJson(path, token).values().forEach(elements::add);
        return elements;
    }

    private HttpResponse<String> get(String path, String token, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** {@code event} as its producer's Kafka record: CloudEvents binary mode, the payload as the value. */
    private static ProducerRecord<String, byte[]> binary(String key, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            value = serializer.serialize("transfer.events", headers, event);
        }
        return new ProducerRecord<>("transfer.events", null, key, value, headers);
    }

    /** Sends {@code records} in one produce request, so that they are one record batch on the broker. */
    private static void publishAsOneBatch(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> batching = new KafkaProducer<>(TestKafka.administrator(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 60_000, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(batching.send(record)));
            batching.flush();
            for (Future<?> result : sent) {
                result.get();
            }
        }
    }

    /** Every dead letter with key {@code key} on the dead-letter topic now, in the order they were written. */
    private static List<ConsumerRecord<String, byte[]>> deadLettersFor(String key) {
        try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
            List<TopicPartition> partitions = deadLetters.partitionsFor("audit-service.dlq").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            deadLetters.assign(partitions);
            deadLetters.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = deadLetters.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        ours.add(record);
                    }
                });
                return partitions.stream().allMatch(partition -> deadLetters.position(partition) >= end.get(partition));
            });
            return ours;
        }
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        return new KafkaConsumer<>(TestKafka.administrator(ConsumerConfig.GROUP_ID_CONFIG, "audit-dlq-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
