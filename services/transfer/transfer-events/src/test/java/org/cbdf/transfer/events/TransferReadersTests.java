package org.cbdf.transfer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Involved jurisdictions and what a regulator sees: the one definition every service applies. */
class TransferReadersTests {

    @Test
    void theInvolvedJurisdictionsAreOriginDestinationAndOnwardInOrderEachOnce() {
        var request = TransferRequests.onwardTo("US", "DE", "SG", "US");

        assertThat(request.involvedJurisdictions()).containsExactly("CN", "DE", "US", "SG");
    }

    @Test
    void theRegulatorsWhoReadATransferAreItsRouteThenItsRequiredApprovers() {
        var request = TransferRequests.hrDataToGermany(); // CN → DE → US

        assertThat(TransferReaders.regulators(request, List.of("FR", "CN"))).containsExactly("CN", "DE", "US", "FR");
        assertThat(TransferReaders.regulators(request, List.of())).containsExactly("CN", "DE", "US");
    }

    @Test
    void aRegulatorReadsWhereItsJurisdictionIsOriginDestinationOnwardOrARequiredApprover() {
        var request = TransferRequests.hrDataToGermany(); // CN → DE → US

        assertThat(TransferReaders.regulatorReads("CN", request, List.of())).as("origin").isTrue();
        assertThat(TransferReaders.regulatorReads("DE", request, List.of())).as("destination").isTrue();
        assertThat(TransferReaders.regulatorReads("US", request, List.of())).as("onward").isTrue();
        assertThat(TransferReaders.regulatorReads("FR", request, List.of("FR"))).as("required approver").isTrue();
        assertThat(TransferReaders.regulatorReads("SG", request, List.of("FR"))).as("uninvolved").isFalse();
        assertThat(TransferReaders.regulatorReads("SG", request, null)).as("not yet assessed").isFalse();
        assertThat(TransferReaders.regulatorReads(null, request, List.of())).as("no jurisdiction").isFalse();
    }

    @Test
    void theRuleIsThatOfTheRouteWhereOnlyTheRouteIsKnown() {
        assertThat(TransferReaders.regulatorReads("US", List.of("CN", "DE", "US"), List.of())).isTrue();
        assertThat(TransferReaders.regulatorReads("FR", List.of("CN", "DE"), List.of("FR"))).isTrue();
        assertThat(TransferReaders.regulatorReads("FR", List.of("CN", "DE"), List.of())).isFalse();
    }
}
