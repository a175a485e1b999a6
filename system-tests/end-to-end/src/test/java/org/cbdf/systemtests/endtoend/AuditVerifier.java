package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone verifier, {@code java -jar services/audit/audit-verifier/target/audit-verifier.jar}, as an auditor
 * runs it on an export bundle, and the downloads it is given.
 */
final class AuditVerifier {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Run(int exitCode, String output) {
    }

    private AuditVerifier() {
    }

    static Run run(Path directory, List<String> args) throws Exception {
        Path root = Path.of(System.getProperty("cbdf.repository-root", "../..")).toAbsolutePath().normalize();
        Path jar = root.resolve("services/audit/audit-verifier/target/audit-verifier.jar");
        assertThat(jar).as("build it first: ./mvnw -f services/audit/audit-verifier/pom.xml package").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(args);
        Path output = Files.createTempFile(directory, "verifier-", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the verifier finished").isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** The ledger's public key, fetched without an account, written to {@code ledger.pem} in {@code directory}. */
    static Path publicKey(RunningPlatform running, Path directory) throws Exception {
        HttpResponse<String> publicKey = running.send(HttpRequest.newBuilder(
                running.service("audit", "/api/v1/audit/public-key")).build());
        assertThat(publicKey.statusCode()).isEqualTo(200);
        return Files.writeString(directory.resolve("ledger.pem"),
                RunningPlatform.JSON.readTree(publicKey.body()).get("pem").asString());
    }

    /** The export bundle of the ledger's first {@code treeSize} entries, downloaded as an auditor. */
    static Path export(RunningPlatform running, long treeSize, String auditor, Path directory) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                running.service("audit", "/api/v1/audit/export?to=" + treeSize))
                .header("Authorization", "Bearer " + auditor).header("Accept", "application/zip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(200);
        return Files.write(directory.resolve("ledger.zip"), response.body());
    }
}
