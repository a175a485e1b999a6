package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestModelTests {

    @Test
    void numbersAreWrittenWithEnglishThousandsSeparators() {
        assertThat(RequestModel.format(0)).isEqualTo("0");
        assertThat(RequestModel.format(999)).isEqualTo("999");
        assertThat(RequestModel.format(1_000)).isEqualTo("1,000");
        assertThat(RequestModel.format(99_999)).isEqualTo("99,999");
        assertThat(RequestModel.format(1_200_000)).isEqualTo("1,200,000");
        assertThat(RequestModel.format(-1_234_567)).isEqualTo("-1,234,567");
    }

    @Test
    void templatesAreFilledWithTheRequestsValues() {
        var template = RequestModel.Template.of("{year.individuals} individuals ≥ 1,000,000 to {leg.destination}: {request.dataCategories}{request.exemption}");

        assertThat(template.fill(Map.of("year.individuals", 1_200_000L, "leg.destination", "DE",
                "request.dataCategories", List.of("PERSONAL", "SENSITIVE_PERSONAL"), "request.exemption", "")))
                .isEqualTo("1,200,000 individuals ≥ 1,000,000 to DE: PERSONAL, SENSITIVE_PERSONALnone");
        assertThat(RequestModel.unknownPlaceholders("{year.individuals} {year.individudals} {adequacy.explanation}"))
                .containsExactly("year.individudals");
    }
}
