package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class PolicyDataTests {

    @Test
    void formattingAndCommentsDoNotChangeThePolicyVersion() {
        String shipped = PolicyData.load(PolicyDataTests::classpath).version();

        String reformatted = PolicyData.load(path -> path.endsWith("adequacy.yaml")
                ? "# reformatted\n" + classpath(path).replace("{ authority: EU,", "{authority: EU ,")
                : classpath(path)).version();

        assertThat(reformatted).isEqualTo(shipped);
    }

    @Test
    void anyChangeOfContentChangesThePolicyVersion() {
        String shipped = PolicyData.load(PolicyDataTests::classpath).version();

        String withoutJapan = PolicyData.load(withoutLine("adequacy.yaml", "destination: JP")).version();
        String lowerThreshold = PolicyData.load(path -> path.endsWith("cn.yaml")
                ? classpath(path).replace("individualsAtLeast: 100000", "individualsAtLeast: 90000")
                : classpath(path)).version();

        assertThat(withoutJapan).isNotEqualTo(shipped);
        assertThat(lowerThreshold).isNotEqualTo(shipped).isNotEqualTo(withoutJapan);
    }

    @Test
    void revokingAnAdequacyDecisionChangesTheOutcome() {
        var engineWithoutJapan = AssessmentEngine.of(PolicyData.load(withoutLine("adequacy.yaml", "destination: JP")));
        var request = org.cbdf.policy.testdata.TransferRequests.aTransfer().from("DE").to("JP")
                .relyingOn(org.cbdf.transfer.events.Mechanism.ADEQUACY).build();

        assertThat(engineWithoutJapan.assess(request).outcome()).isEqualTo(org.cbdf.policy.events.Outcome.PROHIBITED);
    }

    @Test
    void malformedPolicyDataIsRefused() {
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("cn.yaml")
                ? classpath(path).replace("individualsAtLeast: 1000000", "individualsAtLeas: 1000000")
                : classpath(path)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("unknown condition 'individualsAtLeas'");
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("adequacy.yaml")
                ? classpath(path).replace("destination: JP", "destination: XX")
                : classpath(path)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("'XX' is not an ISO 3166-1");
    }

    private static Function<String, String> withoutLine(String file, String marker) {
        return path -> path.endsWith(file)
                ? String.join("\n", classpath(path).lines().filter(line -> !line.contains(marker)).toList())
                : classpath(path);
    }

    static String classpath(String path) {
        try (InputStream in = PolicyDataTests.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
