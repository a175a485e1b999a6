package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import org.junit.jupiter.api.Test;

/** The exporter's yearly totals never wrap: a total that would overflow fails the assessment instead. */
class YearToDateTests {

    static final AssessmentEngine engine = AssessmentEngine.fromClasspath();

    @Test
    void aYearlyTotalThatWouldOverflowFailsTheAssessmentInsteadOfWrappingBelowEveryThreshold() {
        YearToDate nearlyFull = new YearToDate(Long.MAX_VALUE - 5, 0);

        // wrapped, year.individuals would be negative: under 100,000, so exempt from every Chinese requirement
        assertThatThrownBy(() -> engine.assess(aTransfer().from("CN").to("JP").individuals(10).build(), nearlyFull))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("yearly total").hasMessageContaining("exceeds " + Long.MAX_VALUE);
    }
}
