package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code govctl audit verify|replay} as an auditor runs them: output and exit codes. */
class AuditCommandTests {

    @TempDir
    Path directory;

    private final TestLog log = new TestLog().transfer("tr-1", 5).transfer("tr-2", 4).checkpoint(9);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void verifyExitsZeroOnAnIntactBundle() throws IOException {
        Path bundle = log.bundle(directory, 0, 9);

        int exit = run("verify", "--public-key", log.publicKeyPem(directory).toString(), "--event", "tr-2-e1",
                bundle.toString());

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("VERIFIED").contains("event tr-2-e1 is leaf 5");
    }

    @Test
    void verifyExitsOneAndNamesTheFirstDivergence() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 9), lines -> {
            lines.remove(6);
            return lines;
        });

        int exit = run("verify", "-k", log.publicKeyPem(directory).toString(), bundle.toString());

        assertThat(exit).isEqualTo(AuditCommand.DIVERGED);
        assertThat(out.toString()).contains("NOT VERIFIED").contains("first divergence at leaf 6");
    }

    @Test
    void verifyWithoutAKeyWarnsThatItTrustsTheBundle() throws IOException {
        int exit = run("verify", log.bundle(directory, 0, 9).toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("WARN").contains("taken from the bundle itself");
    }

    @Test
    void verifyExitsTwoOnWhatIsNoBundle() throws IOException {
        int exit = run("verify", log.publicKeyPem(directory).toString());

        assertThat(exit).isEqualTo(AuditCommand.UNREADABLE);
        assertThat(err.toString()).contains("cannot verify");
    }

    @Test
    void replayPrintsTheTimelineOfOneTransfer() throws IOException {
        int exit = run("replay", "--transfer", "tr-1", "-k", log.publicKeyPem(directory).toString(),
                log.bundle(directory, 0, 9).toString());

        assertThat(exit).as(err.toString()).isZero();
        String timeline = out.toString();
        assertThat(timeline).contains("Timeline of tr-1").contains("transfer.submitted.v1")
                .contains("policy.assessment-completed.v1").contains("outcome REVIEW_REQUIRED")
                .contains("status APPROVED").contains("State after 5 events: status APPROVED, policy version sha256:abc")
                .doesNotContain("tr-2");
        assertThat(timeline.indexOf("transfer.submitted.v1")).isLessThan(timeline.indexOf("transfer.assessed.v1"));
    }

    @Test
    void replayRefusesABundleThatDoesNotVerify() throws IOException {
        Path bundle = BundleTampering.events(log.bundle(directory, 0, 9), lines -> lines.subList(0, 3));

        int exit = run("replay", "--transfer", "tr-1", bundle.toString());

        assertThat(exit).isEqualTo(AuditCommand.DIVERGED);
        assertThat(err.toString()).contains("truncated").contains("no timeline");
        assertThat(out.toString()).isEmpty();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new AuditCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }
}
