package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import org.cbdf.transfer.events.Mechanism;
import org.junit.jupiter.api.Test;

class ConflictDetectionTests {

    static final AssessmentEngine shipped = AssessmentEngine.fromClasspath();
    /** India notifies the US under DPDP s.16(1): an outright prohibition no mechanism lifts. */
    static final AssessmentEngine usNotified = shipped.withRulePack("IN", PolicyDataTests.classpath("policy/packs/in.yaml")
            .replace("leg.destination in []", "leg.destination in ['US']"));

    @Test
    void anOnwardProhibitionNoMechanismLiftsContradictsTheOriginsPermission() {
        var evaluation = usNotified.evaluate(aTransfer().from("CN").to("IN").individuals(120_000)
                .relyingOn(Mechanism.STANDARD_CONTRACT).onwardTo("US").build(), YearToDate.NONE);

        assertThat(evaluation.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.jurisdictions()).containsExactly("CN", "IN");
            assertThat(conflict.rules()).containsExactly("cn.pipl.volume-100k", "in.dpdp.notified-country");
            assertThat(conflict.description()).contains("CN allows CN → IN (CONDITIONAL")
                    .contains("IN prohibits IN → US (onward) under in.dpdp.notified-country");
        });
    }

    @Test
    void aProhibitionAMechanismCouldLiftIsNoConflict() {
        // the EU onward leg DE → IN is prohibited without SCC/BCR, which the exporter could still adopt
        var evaluation = shipped.evaluate(aTransfer().from("CN").to("DE").individuals(1_500_000)
                .relyingOn(Mechanism.SECURITY_ASSESSMENT).onwardTo("IN").build(), YearToDate.NONE);

        assertThat(evaluation.assessment().outcome()).isEqualTo(org.cbdf.policy.events.Outcome.PROHIBITED);
        assertThat(evaluation.conflicts()).isEmpty();
        assertThat(usNotified.evaluate(aTransfer().from("CN").to("JP").build(), YearToDate.NONE).conflicts()).isEmpty();
    }
}
