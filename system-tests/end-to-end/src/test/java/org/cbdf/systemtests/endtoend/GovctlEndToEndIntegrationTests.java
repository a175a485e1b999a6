package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * govctl as an enterprise uses it, against the running platform and the real Keycloak: log in, submit a
 * YAML request, watch it until the regulator decides, read it as JSON. Runs the executable jar the build
 * makes ({@code tools/govctl/target/govctl.jar}).
 */
class GovctlEndToEndIntegrationTests {

    static RunningPlatform running;
    static Path jar;

    @TempDir
    Path home;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
        Path root = Path.of(System.getProperty("cbdf.repository-root", "../..")).toAbsolutePath().normalize();
        jar = root.resolve("tools/govctl/target/govctl.jar");
        assertThat(jar).as("govctl.jar is built before the end-to-end tests (module tools/govctl)").exists();
    }

    record Run(int exit, String out, String err) {
    }

    Run govctl(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString(), "--api", running.service("transfer", "").toString(), "--config-dir",
                home.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("govctl " + args[0] + " did not finish");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(300)
    void anEnterpriseLogsInSubmitsAndWatchesItsTransferUntilTheRegulatorDecides() throws Exception {
        String issuer = running.platform.issuerUri().toString();
        Run wrongPassword = govctl("nope\n", "login", "--issuer", issuer, "-u", "enterprise-cn", "--password-stdin");
        assertThat(wrongPassword.exit()).as(wrongPassword.err()).isEqualTo(4);

        Run login = govctl("demo\n", "login", "--issuer", issuer, "-u", "enterprise-cn", "--password-stdin");
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("enterprise-cn", "acme-cn");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("token.json"))))
                .isEqualTo("rw-------");

        Path request = home.resolve("request.yaml");
        Files.writeString(request, """
                exporter: {jurisdiction: CN, ciio: false}
                importer: {name: Acme GmbH, jurisdiction: DE, certifications: [], dpfCertified: false}
                purpose: Global HR administration (govctl %s)
                dataCategories: [PERSONAL]
                dataSubjects: {count: 1200000, sensitiveCount: 0}
                mechanism: SECURITY_ASSESSMENT
                safeguards: [ENCRYPTION_IN_TRANSIT]
                onwardTransfers: []
                period: {start: 2026-12-01, end: 2027-11-30}
                """.formatted(System.nanoTime()));
        Run submitted = govctl(null, "--output", "json", "transfer", "submit", request.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = RunningPlatform.JSON.readTree(submitted.out()).get("id").asString();
        Run retried = govctl(null, "transfer", "submit", request.toString());
        assertThat(retried.out()).contains("Already submitted: transfer " + id);

        Path watchOut = Files.createTempFile(home, "watch", ".txt");
        List<String> watchCommand = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString(), "--api", running.service("transfer", "").toString(), "--config-dir",
                home.toString(), "transfer", "watch", id));
        Process watch = new ProcessBuilder(watchCommand).redirectOutput(watchOut.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(watchOut).contains("AWAITING_APPROVAL"));
            assertThat(watch.isAlive()).as("still waiting for a decision").isTrue();

            String regulatorCn = running.token("regulator-cn");
            assertThat(running.post(running.service("transfer", "/api/v1/transfers/" + id + "/decisions"), regulatorCn,
                    "{\"decision\":\"APPROVE\",\"reasons\":\"Security assessment passed\"}").statusCode())
                    .isEqualTo(200);

            assertThat(watch.waitFor(60, TimeUnit.SECONDS)).as("watch ends at the decision").isTrue();
            assertThat(watch.exitValue()).isZero();
            assertThat(Files.readString(watchOut)).contains("Decided: APPROVED");
        } finally {
            watch.destroyForcibly();
        }

        Run status = govctl(null, "transfer", "status", id, "-o", "json");
        JsonNode transfer = RunningPlatform.JSON.readTree(status.out());
        assertThat(transfer.get("status").asString()).isEqualTo("APPROVED");
        assertThat(transfer.get("decisions").get(0).get("decidedBy").asString()).isEqualTo("regulator-cn");

        Run list = govctl(null, "transfer", "list", "--status", "APPROVED", "--size", "200");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(id);

        Run appealApproved = govctl(null, "transfer", "appeal", id, "--grounds", "nothing to appeal");
        assertThat(appealApproved.exit()).isEqualTo(3);
        assertThat(appealApproved.err()).contains("current status: APPROVED");

        Run missing = govctl(null, "transfer", "status", "00000000-0000-0000-0000-000000000000");
        assertThat(missing.exit()).isEqualTo(2);

        Run withdrawn = govctl(null, "transfer", "withdraw", id);
        assertThat(withdrawn.exit()).as(withdrawn.err()).isZero();
        assertThat(withdrawn.out()).contains("WITHDRAWN");
    }
}
