package org.cbdf.dispute.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CasePageTests {

    @Test
    void thePageCountRoundsUpAndIsZeroForNothing() {
        assertThat(CasePage.of(List.of(), 0, 20, 0).totalPages()).isZero();
        assertThat(CasePage.of(List.of("a"), 0, 20, 1).totalPages()).isEqualTo(1);
        assertThat(CasePage.of(List.of("a", "b"), 0, 2, 40).totalPages()).isEqualTo(20);
        assertThat(CasePage.of(List.of("a"), 20, 2, 41).totalPages()).isEqualTo(21);
    }

    @Test
    void mappingKeepsThePosition() {
        var page = CasePage.of(List.of(1, 2), 3, 2, 9).map(String::valueOf);

        assertThat(page).isEqualTo(new CasePage<>(List.of("1", "2"), 3, 2, 9, 5));
    }
}
