package org.cbdf.policy.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.junit.jupiter.api.Test;

/** Mutual adequacy is shown when, and only while, both directions are in force; a bloc counts for its members. */
class RecognitionMapTests {

    static final AssessmentEngine SHIPPED = AssessmentEngine.fromClasspath();

    @Test
    void theEuAndJapanHaveMutualAdequacyThroughJapansDecisionForTheEea() {
        RecognitionMap map = RecognitionMap.of(SHIPPED, List.of(), Map.of());

        assertThat(map.mutual()).singleElement().satisfies(m -> {
            assertThat(m.between()).containsExactly("EU", "JP");
            assertThat(m.decisions()).containsExactly("eu-jp", "jp-eea");
            assertThat(m.agreement()).isEqualTo("eu-jp-mutual-adequacy");
        });
        assertThat(map.adequacy()).extracting(RecognitionMap.Direction::decision).contains("eu-us-dpf", "jp-eea");
        assertThat(map.standards()).extracting(RecognitionMap.Standard::agreement).containsExactly("sg-cbpr");
    }

    @Test
    void twoDecisionsForEachOtherMakeMutualAdequacyUntilOneIsSuspended() {
        AssessmentEngine oneWay = SHIPPED.withAdequacyDecision(decision("br-gb", "BR", "GB", DecisionStatus.ACTIVE));
        assertThat(RecognitionMap.of(oneWay, List.of(), Map.of()).mutual()).extracting(RecognitionMap.Mutual::between)
                .containsExactly(List.of("EU", "JP"));

        AssessmentEngine bothWays = oneWay.withAdequacyDecision(decision("gb-br", "GB", "BR", DecisionStatus.ACTIVE));
        assertThat(RecognitionMap.of(bothWays, List.of(), Map.of()).mutual()).filteredOn(m -> m.between()
                .equals(List.of("BR", "GB"))).singleElement().satisfies(m -> {
                    assertThat(m.decisions()).containsExactlyInAnyOrder("br-gb", "gb-br");
                    assertThat(m.agreement()).isNull();
                });

        AssessmentEngine suspended = bothWays.withAdequacyDecision(decision("gb-br", "GB", "BR", DecisionStatus.SUSPENDED));
        assertThat(RecognitionMap.of(suspended, List.of(), Map.of()).mutual()).extracting(RecognitionMap.Mutual::between)
                .containsExactly(List.of("EU", "JP"));
    }

    private static AdequacyDecisions.Decision decision(String id, String authority, String destination,
            DecisionStatus status) {
        return new AdequacyDecisions.Decision(id, authority, List.of(destination), null, "test", status,
                LocalDate.of(2027, 1, 1), null, null, "r-" + id, List.of(), LocalDate.of(2031, 1, 1));
    }
}
