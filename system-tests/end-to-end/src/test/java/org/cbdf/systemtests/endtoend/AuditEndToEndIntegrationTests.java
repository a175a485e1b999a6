package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * An auditor's round trip on the whole platform: a transfer is submitted and assessed, its events reach the
 * ledger; the auditor has the head signed, exports the ledger, and checks it offline with the standalone verifier
 * jar and the public key alone; the transfer's events have inclusion proofs that lead to the signed root; an
 * edited copy of the export does not verify and the verifier names the edited leaf.
 */
class AuditEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static RunningPlatform running;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    void anExportedLedgerVerifiesOfflineAndProvesTheTransfersEvents() throws Exception {
        String transferId = submitTransfer();
        String auditor = running.token("auditor");
        URI events = running.service("audit", "/api/v1/audit/events?aggregateId=" + transferId);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> running.read(events, auditor).size() >= 3);
        List<JsonNode> entries = new ArrayList<>();
        running.read(events, auditor).values().forEach(entries::add);

        HttpResponse<String> signed = running.post(running.service("audit", "/api/v1/audit/checkpoints"), auditor, "");
        assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);
        JsonNode checkpoint = RunningPlatform.JSON.readTree(signed.body());
        long treeSize = checkpoint.get("treeSize").asLong();
        byte[] signedRoot = Base64.getDecoder().decode(checkpoint.get("rootHash").asString());
        assertThat(treeSize).isGreaterThan(entries.getLast().get("leafIndex").asLong());

        // the public key, fetched without an account, is all the verifier is given
        Path keyFile = AuditVerifier.publicKey(running, directory);
        Path bundle = AuditVerifier.export(running, treeSize, auditor, directory);

        List<String> command = new ArrayList<>(List.of("verify", "--public-key", keyFile.toString()));
        entries.forEach(entry -> command.addAll(List.of("--event", entry.get("eventId").asString())));
        command.add(bundle.toString());
        AuditVerifier.Run verified = AuditVerifier.run(directory, command);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("VERIFIED");
        for (JsonNode entry : entries) {
            assertThat(verified.output()).contains("event " + entry.get("eventId").asString() + " is leaf "
                    + entry.get("leafIndex").asLong());
        }

        // the API's inclusion proofs lead from each leaf hash to the signed root (RFC 9162 §2.1.3.2)
        for (JsonNode entry : entries) {
            JsonNode proof = running.read(running.service("audit", "/api/v1/audit/proofs/inclusion?eventId="
                    + entry.get("eventId").asString() + "&treeSize=" + treeSize), auditor);
            List<byte[]> path = new ArrayList<>();
            proof.get("inclusionPath").values().forEach(hash -> path.add(Base64.getDecoder().decode(hash.asString())));
            byte[] root = rootFromInclusion(entry.get("leafIndex").asLong(), treeSize,
                    Base64.getDecoder().decode(entry.get("leafHash").asString()), path);
            assertThat(root).as("inclusion of %s", entry.get("type").asString()).isEqualTo(signedRoot);
        }

        AuditVerifier.Run timeline = AuditVerifier.run(directory, List.of("replay", "--transfer", transferId, "--public-key", keyFile.toString(),
                bundle.toString()));
        assertThat(timeline.exitCode()).as(timeline.output()).isZero();
        assertThat(timeline.output()).contains("transfer.submitted.v1", "policy.assessment-completed.v1",
                "transfer.assessed.v1", "status AWAITING_APPROVAL");

        JsonNode state = running.read(running.service("audit", "/api/v1/audit/transfers/" + transferId + "/state"),
                auditor);
        assertThat(state.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(state.get("policyVersion").asString()).startsWith("sha256:");

        long editedLeaf = entries.get(1).get("leafIndex").asLong();
        Path edited = editEvent(bundle, editedLeaf, "REVIEW_REQUIRED", "PERMITTED");
        AuditVerifier.Run refused = AuditVerifier.run(directory, List.of("verify", "--public-key", keyFile.toString(), edited.toString()));
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("first divergence at leaf " + editedLeaf);
    }

    private static String submitTransfer() {
        String enterprise = running.token("enterprise-cn");
        HttpResponse<String> created = running.post(running.service("transfer", "/api/v1/transfers"), enterprise,
                SampleTransfers.NEEDS_CN_APPROVAL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        URI transfer = running.service("transfer", "/api/v1/transfers/" + id);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> "AWAITING_APPROVAL".equals(running.read(transfer, enterprise).get("status").asString()));
        return id;
    }

    /** A copy of the bundle in which the event of {@code leaf} says {@code to} where it said {@code from}. */
    private Path editEvent(Path bundle, long leaf, String from, String to) throws IOException {
        Path copy = directory.resolve("edited.zip");
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
                    int line = (int) leaf; // the export starts at leaf 0
                    assertThat(lines.get(line)).contains(from);
                    lines.set(line, lines.get(line).replace(from, to));
                    content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    /** RFC 9162 §2.1.3.2, written out here so the API's proofs are checked by code the service does not share. */
    private static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            assertThat(sn).as("the path is no longer than the tree is high").isNotZero();
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        assertThat(sn).as("the path reaches the root").isZero();
        return r;
    }

    private static byte[] node(byte[] left, byte[] right) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) 1);
            sha256.update(left);
            return sha256.digest(right);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
