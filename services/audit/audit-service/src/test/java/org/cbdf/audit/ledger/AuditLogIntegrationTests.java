package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.cloudevents.CloudEvent;
import org.cbdf.audit.events.AuditEvents;
import org.cbdf.audit.verifier.BundleVerifier;
import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.Hashes;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.audit.verifier.Proofs;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestInfrastructure;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transparency log against the real broker and database, as an auditor uses it: proofs for any tree size,
 * checkpoints signed with the configured key and published, an export that verifies offline with the public key
 * alone (and stops verifying once edited), and the state of a transfer at any instant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cbdf.audit.checkpoints.interval=0s", "cbdf.audit.signing.dev-mode=false", "cbdf.audit.origin=audit.it/ledger" })
class AuditLogIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final KeyPair KEYS = generate();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "audit");
        registry.add("cbdf.audit.signing.key", AuditLogIntegrationTests::keyFile);
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    Ledger ledger;
    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void inclusionAndConsistencyProofsVerifyWithTheRfcAlgorithmForAnySize() throws Exception {
        String transferId = newTransferId();
        for (int version = 1; version <= 6; version++) {
            TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transfer(transferId, version, "acme-cn", "CN"));
        }
        List<JsonNode> ours = awaitEntries(transferId, 6);
        List<JsonNode> all = getJsonArray("/api/v1/audit/events?limit=10000", TestTokens.auditor());
        List<byte[]> leafHashes = all.stream().map(e -> Base64.getDecoder().decode(e.get("leafHash").asString())).toList();
        long size = all.size();

        for (JsonNode entry : ours) {
            long leaf = entry.get("leafIndex").asLong();
            JsonNode proof = getJson("/api/v1/audit/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + size,
                    TestTokens.auditor());
            assertThat(proof.get("rootHash").asString()).isEqualTo(Hashes.b64(MerkleTree.rootOf(leafHashes)));
            assertThatCode(() -> Proofs.verifyInclusion(leaf, size, leafHashes.get((int) leaf), hashes(proof,
                    "inclusionPath"), MerkleTree.rootOf(leafHashes))).doesNotThrowAnyException();
        }
        // an older tree: the first of our leaves when it was the last one
        long first = ours.getFirst().get("leafIndex").asLong();
        long older = first + 1;
        JsonNode byEvent = getJson("/api/v1/audit/proofs/inclusion?eventId=" + ours.getFirst().get("eventId").asString()
                + "&treeSize=" + older, TestTokens.enterprise("acme-cn", "CN"));
        byte[] olderRoot = MerkleTree.rootOf(leafHashes.subList(0, (int) older));
        assertThat(byEvent.get("leafIndex").asLong()).isEqualTo(first);
        assertThatCode(() -> Proofs.verifyInclusion(first, older, leafHashes.get((int) first),
                hashes(byEvent, "inclusionPath"), olderRoot)).doesNotThrowAnyException();

        JsonNode consistency = getJson("/api/v1/audit/proofs/consistency?from=" + older + "&to=" + size,
                TestTokens.auditor());
        assertThat(consistency.get("rootHash1").asString()).isEqualTo(Hashes.b64(olderRoot));
        assertThatCode(() -> Proofs.verifyConsistency(older, size, olderRoot, MerkleTree.rootOf(leafHashes),
                hashes(consistency, "consistencyPath"))).doesNotThrowAnyException();

        HttpResponse<String> beyond = get("/api/v1/audit/proofs/inclusion?leafIndex=0&treeSize=" + (size + 1000),
                TestTokens.auditor(), "application/json");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.body()).contains("treeSize");
        HttpResponse<String> outside = get("/api/v1/audit/proofs/inclusion?leafIndex=" + older + "&treeSize=" + older,
                TestTokens.auditor(), "application/json");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("leafIndex");
        assertThat(get("/api/v1/audit/proofs/consistency?from=" + (size + 1), TestTokens.auditor(), "application/json")
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/proofs/inclusion?eventId=nope", TestTokens.auditor(), "application/json")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aBatchIsAppendedInOneTransactionInOrderOnceAndProvable() throws Exception {
        String transferId = newTransferId();
        CloudEvent v1 = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        CloudEvent v2 = PlatformEvents.transfer(transferId, 2, "acme-cn", "CN");
        CloudEvent v3 = PlatformEvents.transfer(transferId, 3, "acme-cn", "CN");

        List<Optional<Long>> indexes = ledger.appendAll(List.of(v1, v2, v1, v3), "transfer.events");

        assertThat(indexes.get(2)).as("the same event twice in one batch is appended once").isEmpty();
        long first = indexes.get(0).orElseThrow();
        assertThat(indexes.get(1)).contains(first + 1);
        assertThat(indexes.get(3)).contains(first + 2);
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor())).isEmpty();
        List<JsonNode> all = getJsonArray("/api/v1/audit/events?limit=10000", TestTokens.auditor());
        List<byte[]> leafHashes = all.stream().map(e -> Base64.getDecoder().decode(e.get("leafHash").asString())).toList();
        JsonNode head = getJson("/api/v1/audit/tree", TestTokens.auditor());
        assertThat(head.get("treeSize").asLong()).isEqualTo(all.size());
        assertThat(head.get("rootHash").asString()).isEqualTo(Hashes.b64(MerkleTree.rootOf(leafHashes)));
        for (long leaf = first; leaf <= first + 2; leaf++) {
            JsonNode proof = getJson("/api/v1/audit/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + all.size(),
                    TestTokens.auditor());
            long index = leaf;
            assertThatCode(() -> Proofs.verifyInclusion(index, all.size(), leafHashes.get((int) index),
                    hashes(proof, "inclusionPath"), MerkleTree.rootOf(leafHashes))).doesNotThrowAnyException();
        }
    }

    @Test
    void aLargeBatchStoresEveryNodeItsProofsNeedAndSkipsWhatWasAppendedBefore() throws Exception {
        String transferId = newTransferId();
        CloudEvent appendedEarlier = PlatformEvents.transfer(transferId, 1, "acme-cn", "CN");
        ledger.append(appendedEarlier, "transfer.events");
        List<CloudEvent> batch = new ArrayList<>();
        batch.add(appendedEarlier);
        // enough leaves to complete subtrees of every height up to 64, wherever the batch starts
        for (int version = 2; version <= 131; version++) {
            batch.add(PlatformEvents.transfer(transferId, version, "acme-cn", "CN"));
        }

        List<Optional<Long>> indexes = ledger.appendAll(batch, "transfer.events");

        assertThat(indexes.getFirst()).as("appended in an earlier transaction").isEmpty();
        long before = indexes.get(1).orElseThrow();
        assertThat(indexes.subList(1, indexes.size())).extracting(Optional::orElseThrow)
                .containsExactlyElementsOf(LongStream.range(before, before + 130).boxed().toList());
        List<JsonNode> all = getJsonArray("/api/v1/audit/events?limit=10000", TestTokens.auditor());
        long size = all.size();
        List<byte[]> leafHashes = all.stream().map(e -> Base64.getDecoder().decode(e.get("leafHash").asString()))
                .toList();
        byte[] root = MerkleTree.rootOf(leafHashes);
        byte[] rootBefore = MerkleTree.rootOf(leafHashes.subList(0, (int) before));
        assertThat(getJson("/api/v1/audit/tree", TestTokens.auditor()).get("rootHash").asString())
                .isEqualTo(Hashes.b64(root));
        for (long leaf = before; leaf < size; leaf++) {
            JsonNode proof = getJson("/api/v1/audit/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + size,
                    TestTokens.auditor());
            long index = leaf;
            assertThatCode(() -> Proofs.verifyInclusion(index, size, leafHashes.get((int) index),
                    hashes(proof, "inclusionPath"), root)).as("leaf %d", leaf).doesNotThrowAnyException();
        }
        JsonNode consistency = getJson("/api/v1/audit/proofs/consistency?from=" + before + "&to=" + size,
                TestTokens.auditor());
        assertThatCode(() -> Proofs.verifyConsistency(before, size, rootBefore, root,
                hashes(consistency, "consistencyPath"))).doesNotThrowAnyException();
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + transferId, TestTokens.auditor())).isEmpty();
    }

    @Test
    void versionGapsInsideOneBatchAreFoundAsIfItsEventsCameOneByOne() throws Exception {
        String disordered = newTransferId();
        String continued = newTransferId();
        CloudEvent continuedV1 = PlatformEvents.transfer(continued, 1, "acme-cn", "CN");
        ledger.append(continuedV1, "transfer.events");
        CloudEvent v1 = PlatformEvents.transfer(disordered, 1, "acme-cn", "CN");
        CloudEvent v3 = PlatformEvents.transfer(disordered, 3, "acme-cn", "CN");
        CloudEvent continuedV2 = PlatformEvents.transfer(continued, 2, "acme-cn", "CN");
        CloudEvent v2 = PlatformEvents.transfer(disordered, 2, "acme-cn", "CN");
        CloudEvent v4 = PlatformEvents.transfer(disordered, 4, "acme-cn", "CN");
        CloudEvent v6 = PlatformEvents.transfer(disordered, 6, "acme-cn", "CN");

        List<Optional<Long>> indexes = ledger.appendAll(List.of(v1, v3, continuedV2, v2, v4, v6), "transfer.events");

        List<JsonNode> gaps = getJsonArray("/api/v1/audit/gaps?aggregateId=" + disordered, TestTokens.auditor());
        assertThat(gaps).extracting(gap -> gap.get("eventId").asString(), gap -> gap.get("kind").asString(),
                gap -> gap.get("expectedVersion").asLong(), gap -> gap.get("receivedVersion").asLong(),
                gap -> gap.get("leafIndex").asLong())
                .containsExactly(
                        tuple(v3.getId(), "MISSING", 2L, 3L, indexes.get(1).orElseThrow()),
                        tuple(v2.getId(), "OUT_OF_ORDER", 4L, 2L, indexes.get(3).orElseThrow()),
                        tuple(v6.getId(), "MISSING", 5L, 6L, indexes.get(5).orElseThrow()));
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + continued, TestTokens.auditor()))
                .as("version 2 follows the version 1 stored by an earlier transaction").isEmpty();

        // the highest versions were kept: the next batch goes on from 6 and 2
        CloudEvent v7 = PlatformEvents.transfer(disordered, 7, "acme-cn", "CN");
        CloudEvent continuedV3 = PlatformEvents.transfer(continued, 3, "acme-cn", "CN");
        ledger.appendAll(List.of(v7, continuedV3), "transfer.events");
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + disordered, TestTokens.auditor())).hasSize(3);
        assertThat(getJsonArray("/api/v1/audit/gaps?aggregateId=" + continued, TestTokens.auditor())).isEmpty();
    }

    @Test
    void checkpointsAreSignedWithTheConfiguredKeyKeptAndPublished() throws Exception {
        try (TopicRecorder checkpoints = TopicRecorder.of(AuditEvents.TOPIC)) {
            String transferId = newTransferId();
            TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transfer(transferId, 1, "acme-cn", "CN"));
            awaitEntries(transferId, 1);

            HttpResponse<String> signed = post("/api/v1/audit/checkpoints", TestTokens.auditor());

            assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);
            JsonNode checkpoint = json.readTree(signed.body());
            long size = checkpoint.get("treeSize").asLong();
            HttpResponse<String> publicKey = get("/api/v1/audit/public-key", null, "application/json");
            assertThat(publicKey.statusCode()).as("the public key needs no token").isEqualTo(200);
            LogKey key = LogKey.fromPem("audit.it/ledger", json.readTree(publicKey.body()).get("pem").asString());
            assertThat(key.keyId()).as("the key of AUDIT_SIGNING_KEY").isEqualTo(new LogKey("audit.it/ledger",
                    KEYS.getPublic()).keyId());
            assertThat(json.readTree(publicKey.body()).get("verifierKey").asString()).isEqualTo(key.verifierKey());
            Checkpoint opened = Checkpoint.open(checkpoint.get("note").asString(), key);
            assertThat(opened.treeSize()).isEqualTo(size);
            assertThat(Hashes.b64(opened.rootHash())).isEqualTo(checkpoint.get("rootHash").asString());
            assertThat(checkpoint.get("note").asString()).startsWith("audit.it/ledger\n" + size + "\n");

            HttpResponse<String> again = post("/api/v1/audit/checkpoints", TestTokens.policyAdmin());
            assertThat(json.readTree(again.body()).get("treeSize").asLong()).isGreaterThanOrEqualTo(size);
            assertThat(getJson("/api/v1/audit/checkpoints/" + size, TestTokens.auditor()).get("note").asString())
                    .isEqualTo(checkpoint.get("note").asString());
            assertThat(getJson("/api/v1/audit/checkpoints/latest", TestTokens.regulator("DE")).get("treeSize").asLong())
                    .isGreaterThanOrEqualTo(size);
            assertThat(post("/api/v1/audit/checkpoints", TestTokens.enterprise("acme-cn", "CN")).statusCode())
                    .isEqualTo(403);
            assertThat(get("/api/v1/audit/checkpoints/latest", null, "application/json").statusCode()).isEqualTo(401);
            assertThat(get("/api/v1/audit/checkpoints/" + (size + 100_000), TestTokens.auditor(), "application/json")
                    .statusCode()).isEqualTo(404);

            CloudEvent published = checkpoints.awaitEvents(event -> event.getType().equals(
                    AuditEvents.CHECKPOINT_SIGNED_V1) && json.readTree(event.getData().toBytes()).get("treeSize")
                            .asLong() == size && json.readTree(event.getData().toBytes()).get("keyId").asString()
                                    .equals(key.keyId()), 1).getFirst();
            String payload = new String(published.getData().toBytes(), StandardCharsets.UTF_8);
            assertThat(JsonSchemas.problems(AuditEvents.CHECKPOINT_SIGNED_V1, payload)).isEmpty();
            JsonNode data = json.readTree(payload);
            assertThat(data.get("rootHash").asString()).isEqualTo(checkpoint.get("rootHash").asString());
            assertThat(key.verifies(opened.textBytes(), Base64.getDecoder().decode(data.get("signature").asString())))
                    .as("the published signature is the checkpoint's").isTrue();
            assertThat(published.getExtension("aggregatetype")).isEqualTo(AuditEvents.AGGREGATE_TYPE);
        }
    }

    @Test
    void anExportVerifiesOfflineWithThePublicKeyAloneAndNotOnceEdited() throws Exception {
        String transferId = newTransferId();
        for (int version = 1; version <= 3; version++) {
            TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transfer(transferId, version, "acme-cn", "CN"));
        }
        List<JsonNode> ours = awaitEntries(transferId, 3);
        JsonNode checkpoint = json.readTree(post("/api/v1/audit/checkpoints", TestTokens.auditor()).body());
        long size = checkpoint.get("treeSize").asLong();
        LogKey key = LogKey.fromPem("audit.it/ledger",
                json.readTree(get("/api/v1/audit/public-key", null, "application/json").body()).get("pem").asString());
        Set<String> eventIds = Set.of(ours.get(0).get("eventId").asString(), ours.get(2).get("eventId").asString());

        Path whole = download("/api/v1/audit/export");
        BundleVerifier.Report report = new BundleVerifier().verify(whole, Optional.of(key), eventIds);
        assertThat(report.verified()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.lines()).anyMatch(line -> line.contains("leaves 0 to " + (size - 1)));

        long first = ours.getFirst().get("leafIndex").asLong();
        Path slice = download("/api/v1/audit/export?from=" + first + "&to=" + size);
        BundleVerifier.Report sliceReport = new BundleVerifier().verify(slice, Optional.of(key), eventIds);
        assertThat(sliceReport.verified()).as(String.join("\n", sliceReport.lines())).isTrue();

        long edited = ours.get(1).get("leafIndex").asLong();
        Path tampered = editLine(whole, (int) edited, line -> line.replace("\"step\":2", "\"step\":9"));
        BundleVerifier.Report tamperedReport = new BundleVerifier().verify(tampered, Optional.of(key), Set.of());
        assertThat(tamperedReport.verified()).isFalse();
        assertThat(tamperedReport.divergence().orElseThrow().leafIndex()).isEqualTo(edited);

        assertThat(get("/api/v1/audit/export", TestTokens.enterprise("acme-cn", "CN"), "application/zip").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/audit/export?to=" + (size + 1_000_000), TestTokens.auditor(), "application/zip")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void theStateOfATransferIsFoldedFromItsEventsUpToTheInstantAsked() throws Exception {
        String transferId = newTransferId();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusHours(1);
        TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transferAt(transferId, 1,
                "transfer.submitted.v1", t0, "{\"transferId\":\"" + transferId + "\",\"purpose\":\"HR\"}"));
        TopicRecorder.publish("policy.events", transferId, PlatformEvents.transferAt(transferId, 1,
                "policy.assessment-completed.v1", t0.plusMinutes(1), "{\"transferId\":\"" + transferId
                        + "\",\"outcome\":\"REVIEW_REQUIRED\",\"requiredApprovals\":[{\"jurisdiction\":\"CN\"}]}"));
        TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transferAt(transferId, 2,
                "transfer.assessed.v1", t0.plusMinutes(2), "{\"transferId\":\"" + transferId
                        + "\",\"status\":\"AWAITING_APPROVAL\",\"outcome\":\"REVIEW_REQUIRED\"}"));
        TopicRecorder.publish("transfer.events", transferId, PlatformEvents.transferAt(transferId, 3,
                "transfer.decision-recorded.v1", t0.plusMinutes(3), "{\"transferId\":\"" + transferId
                        + "\",\"status\":\"APPROVED\",\"jurisdiction\":\"CN\",\"decision\":{\"kind\":\"APPROVE\"}}"));
        List<JsonNode> entries = awaitEntries(transferId, 4);
        String path = "/api/v1/audit/transfers/" + transferId + "/state?at=";

        JsonNode submitted = getJson(path + t0.plusSeconds(30), TestTokens.auditor());
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.get("leafIndexes")).hasSize(1);
        assertThat(submitted.get("assessment").isNull()).isTrue();

        JsonNode assessed = getJson(path + t0.plusMinutes(2), TestTokens.auditor());
        assertThat(assessed.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(assessed.get("assessment").get("outcome").asString()).isEqualTo("REVIEW_REQUIRED");
        assertThat(assessed.get("policyVersion").asString()).isEqualTo("sha256:" + "cd".repeat(32));
        assertThat(assessed.get("decisions")).isEmpty();
        // the two topics interleave as they will, so which leaves came before the decision is the ledger's order
        assertThat(assessed.get("leafIndexes").valueStream().map(JsonNode::asLong).toList())
                .containsExactlyElementsOf(entries.stream()
                        .filter(e -> !e.get("type").asString().equals("transfer.decision-recorded.v1"))
                        .map(e -> e.get("leafIndex").asLong()).toList());

        JsonNode now = getJson("/api/v1/audit/transfers/" + transferId + "/state", TestTokens.auditor());
        assertThat(now.get("status").asString()).isEqualTo("APPROVED");
        assertThat(now.get("version").asLong()).isEqualTo(3);
        assertThat(now.get("decisions")).hasSize(1);
        assertThat(now.get("fields").get("purpose").asString()).isEqualTo("HR");

        assertThat(get(path + t0.minusSeconds(1), TestTokens.auditor(), "application/json").statusCode()).isEqualTo(404);
        assertThat(get(path + t0, TestTokens.enterprise("acme-cn", "CN"), "application/json").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/audit/disputes/" + transferId + "/state", TestTokens.auditor(), "application/json")
                .statusCode()).as("a transfer is no dispute").isEqualTo(404);
    }

    private static List<byte[]> hashes(JsonNode proof, String field) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get(field).values().forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asString())));
        return hashes;
    }

    private Path download(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TestTokens.auditor()).header("Accept", "application/zip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return Files.write(Files.createTempFile(directory, "export-", ".zip"), response.body());
    }

    /** A copy of the bundle with line {@code index} of its events changed. */
    private Path editLine(Path bundle, int index, java.util.function.UnaryOperator<String> change) throws IOException {
        Path copy = Files.createTempFile(directory, "edited-", ".zip");
        try (ZipFile in = new ZipFile(bundle.toFile()); OutputStream file = Files.newOutputStream(copy);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream stream = in.getInputStream(entry)) {
                    content = stream.readAllBytes();
                }
                if (entry.getName().equals("events.ndjson")) {
                    List<String> lines = new ArrayList<>(new String(content, StandardCharsets.UTF_8).lines().toList());
                    lines.set(index, change.apply(lines.get(index)));
                    content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    private static String newTransferId() {
        return "tr-" + UUID.randomUUID();
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

    private JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token, "application/json");
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
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

    private HttpResponse<String> post(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as the service reads it from AUDIT_SIGNING_KEY: a PKCS#8 PEM file. */
    private static String keyFile() {
        try {
            Path file = Files.createTempFile("audit-signing-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
                    .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
