package org.cbdf.dispute.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CasePageTests {

    @Test
    void mappingKeepsThePosition() {
        var page = new CasePage<>(List.of(1, 2), 2, 9, "bmV4dA").map(String::valueOf);

        assertThat(page).isEqualTo(new CasePage<>(List.of("1", "2"), 2, 9, "bmV4dA"));
    }
}
