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
        PolicyData shipped = PolicyData.load(PolicyDataTests::classpath);

        String japanRevoked = shipped.withAdequacyStatus("eu-jp", DecisionStatus.REVOKED, "test").version();
        String lowerThreshold = PolicyData.load(path -> path.endsWith("cn.yaml")
                ? classpath(path).replace("year.individuals >= 100000 &&", "year.individuals >= 90000 &&")
                : classpath(path)).version();

        assertThat(japanRevoked).isNotEqualTo(shipped.version());
        assertThat(lowerThreshold).isNotEqualTo(shipped.version()).isNotEqualTo(japanRevoked);
    }

    @Test
    void revokingAnAdequacyDecisionChangesTheOutcome() {
        var revoked = AssessmentEngine.fromClasspath().withAdequacyStatus("eu-jp", DecisionStatus.REVOKED, "test");
        var request = org.cbdf.policy.testdata.TransferRequests.aTransfer().from("DE").to("JP")
                .relyingOn(org.cbdf.transfer.events.Mechanism.ADEQUACY).build();

        assertThat(AssessmentEngine.fromClasspath().assess(request).outcome())
                .isEqualTo(org.cbdf.policy.events.Outcome.PERMITTED);
        assertThat(revoked.assess(request).outcome()).isEqualTo(org.cbdf.policy.events.Outcome.PROHIBITED);
    }

    @Test
    void aStoredVersionLoadsAgainToTheSameVersion() {
        PolicyData shipped = PolicyData.load(PolicyDataTests::classpath);
        PolicyData changed = shipped.withAdequacyStatus("eu-us-dpf", DecisionStatus.REVOKED, "Schrems III");

        assertThat(PolicyData.load(changed.files()::get).version()).isEqualTo(changed.version());
        assertThat(PolicyData.load(changed.files()::get).adequacy().byId("eu-us-dpf").orElseThrow().status())
                .isEqualTo(DecisionStatus.REVOKED);
    }

    @Test
    void aRuleWhoseConditionDoesNotTypeCheckIsRefusedNamingTheRuleAndThePosition() {
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("cn.yaml")
                ? classpath(path).replace("when: \"year.individuals >= 1000000\"", "when: \"year.individuals >= '1000000'\"")
                : classpath(path)))
                .isInstanceOfSatisfying(RuleProblemException.class, problem -> {
                    assertThat(problem.ruleId()).isEqualTo("cn.pipl.volume-1m");
                    assertThat(problem.file()).isEqualTo("policy/packs/cn.yaml");
                    assertThat(problem.line()).isEqualTo(lineOf(classpath("policy/packs/cn.yaml"),
                            "when: \"year.individuals >= 1000000\""));
                    assertThat(problem.expressionLine()).isEqualTo(1);
                    assertThat(problem.column()).isEqualTo(18);
                    assertThat(problem.reason()).contains("no matching overload for '_>=_' applied to '(int, string)'");
                });
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("eu.yaml")
                ? classpath(path).replace("when: \"adequacy.adequate\"", "when: \"adequacy.adequat\"")
                : classpath(path)))
                .isInstanceOf(RuleProblemException.class)
                .hasMessageContaining("rule eu.gdpr.art45-adequacy")
                .hasMessageContaining("undeclared reference to 'adequacy'");
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("eu.yaml")
                ? classpath(path).replace("when: \"adequacy.adequate\"", "when: \"request.dataSubjects.count\"")
                : classpath(path)))
                .isInstanceOf(RuleProblemException.class).hasMessageContaining("expected type 'bool' but found 'int'");
    }

    @Test
    void malformedPolicyDataIsRefused() {
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("adequacy.yaml")
                ? classpath(path).replace("destinations: [JP]", "destinations: [XX]")
                : classpath(path)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("'XX' is not an ISO 3166-1");
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("cn.yaml")
                ? classpath(path).replace("{year.individuals} individuals this year including this request ≥",
                        "{year.individudals} individuals this year including this request ≥")
                : classpath(path)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("unknown values [year.individudals]");
        assertThatThrownBy(() -> PolicyData.load(path -> path.endsWith("adequacy.yaml")
                ? classpath(path).replace("status: UNDER_CHALLENGE", "status: PENDING")
                : classpath(path)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("status must be one of");
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
