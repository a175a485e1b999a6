package org.cbdf.dispute.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PanelRuleTests {

    private static final List<String> ROSTER = List.of("CN", "DE", "SG", "FR", "JP", "GB", "IN", "BR", "US");

    @Test
    void thePanelIsTheFirstUninvolvedJurisdictionsBySha256OfDisputeIdAndJurisdiction() throws Exception {
        UUID disputeId = UUID.fromString("6f1c2a8e-3b7d-4c1e-9a55-0c2d1e4f7a90");

        List<String> panel = PanelRule.select(disputeId, ROSTER, Set.of("CN", "DE"), 3);

        // recomputed here the way an auditor would, from the documented rule alone
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<String> expected = ROSTER.stream().filter(j -> !Set.of("CN", "DE").contains(j))
                .sorted(Comparator.comparing(j -> HexFormat.of().formatHex(
                        sha256.digest((disputeId + "|" + j).getBytes(StandardCharsets.UTF_8)))))
                .limit(3).toList();
        assertThat(panel).isEqualTo(expected).hasSize(3).doesNotContain("CN", "DE");
    }

    @Test
    void theSameDisputeAlwaysGetsTheSamePanelAndDifferentDisputesSpreadTheLoad() {
        UUID disputeId = UUID.randomUUID();
        assertThat(PanelRule.select(disputeId, ROSTER, Set.of("CN", "DE"), 3))
                .isEqualTo(PanelRule.select(disputeId, ROSTER, Set.of("CN", "DE"), 3));

        long distinctChairs = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> PanelRule.select(UUID.randomUUID(), ROSTER, Set.of("CN", "DE"), 3).getFirst())
                .distinct().count();
        assertThat(distinctChairs).as("the chair is not always the same jurisdiction").isGreaterThan(1);
    }

    @Test
    void withTooFewCandidatesThePanelIsTheLargestOddNumberOfThem() {
        UUID disputeId = UUID.randomUUID();

        assertThat(PanelRule.select(disputeId, List.of("CN", "DE", "SG", "FR"), Set.of("CN", "DE"), 3)).hasSize(1);
        assertThat(PanelRule.select(disputeId, List.of("CN", "DE", "SG", "FR", "JP"), Set.of("CN", "DE"), 5)).hasSize(3);
        assertThat(PanelRule.select(disputeId, List.of("CN", "DE"), Set.of("CN", "DE"), 3)).isEmpty();
    }
}
