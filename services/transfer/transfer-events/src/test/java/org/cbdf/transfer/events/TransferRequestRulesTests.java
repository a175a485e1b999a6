package org.cbdf.transfer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.cbdf.transfer.events.TransferRequestRules.Violation;
import org.junit.jupiter.api.Test;

/** The producer's one rule set for a transfer request: each rule, its limit and its message. */
class TransferRequestRulesTests {

    @Test
    void aValidRequestBreaksNoRule() {
        assertThat(TransferRequests.hrDataToGermany().violations()).isEmpty();
    }

    @Test
    void anEmptyRequestNamesEveryRequiredFieldInTheOrderOfItsFields() {
        assertThat(TransferRequests.empty().violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("exporter", "is required"), tuple("importer", "is required"),
                        tuple("purpose", "is required"),
                        tuple("dataCategories", "is required and must name at least one category"),
                        tuple("dataSubjects", "is required"), tuple("mechanism", "is required"),
                        tuple("period", "is required"));
    }

    @Test
    void jurisdictionsAreIsoCountryCodesAndLongValuesAreNotEchoedWhole() {
        var request = TransferRequests.withImporter(new TransferRequest.Importer("Acme GmbH", "XX", Set.of(), false));
        assertThat(request.violations()).containsExactly(
                new Violation("importer.jurisdiction", "'XX' is not an ISO 3166-1 alpha-2 country code"));

        var onward = TransferRequests.onwardTo("US", "A".repeat(30));
        assertThat(onward.violations()).containsExactly(new Violation("onwardTransfers[1].jurisdiction",
                "'" + "A".repeat(20) + "…' is not an ISO 3166-1 alpha-2 country code"));
    }

    @Test
    void textsAreRequiredAndAtMostFiveHundredCharacters() {
        assertThat(TransferRequests.withPurpose(" ").violations())
                .containsExactly(new Violation("purpose", "is required"));
        assertThat(TransferRequests.withPurpose("x".repeat(TransferRequestRules.MAX_TEXT)).violations()).isEmpty();
        assertThat(TransferRequests.withPurpose("x".repeat(TransferRequestRules.MAX_TEXT + 1)).violations())
                .containsExactly(new Violation("purpose", "at most 500 characters"));
    }

    @Test
    void countsAreBetweenZeroAndTheMaximumAndSensitiveOnesAtMostTheCount() {
        long max = TransferRequest.DataSubjects.MAX_COUNT;
        assertThat(TransferRequests.withDataSubjects(max, max).violations()).isEmpty();
        assertThat(TransferRequests.withDataSubjects(max + 1, 0).violations()).containsExactly(
                new Violation("dataSubjects.count", "must be at most 2000000000, was 2000000001"));
        assertThat(TransferRequests.withDataSubjects(-1, -1).violations()).containsExactly(
                new Violation("dataSubjects.count", "must not be negative"),
                new Violation("dataSubjects.sensitiveCount", "must not be negative"));
        assertThat(TransferRequests.withDataSubjects(10, 11).violations()).containsExactly(
                new Violation("dataSubjects.sensitiveCount", "must not exceed dataSubjects.count (10)"));
    }

    @Test
    void aNumberAbsentFromTheTextIsRequiredAndNothingElseIsCheckedOnIt() {
        var request = TransferRequests.withDataSubjects(0, 5); // count absent: read as 0

        assertThat(TransferRequestRules.violations(request, Set.of(TransferRequestRules.DATA_SUBJECTS_COUNT)))
                .containsExactly(new Violation("dataSubjects.count", "is required"));
    }

    @Test
    void atMostFiftyOnwardTransfersAndNoneMissing() {
        List<TransferRequest.OnwardTransfer> many = new ArrayList<>(
                Collections.nCopies(TransferRequestRules.MAX_ITEMS + 1, new TransferRequest.OnwardTransfer("US")));
        assertThat(TransferRequests.withOnward(many).violations())
                .containsExactly(new Violation("onwardTransfers", "at most 50 entries"));

        List<TransferRequest.OnwardTransfer> withGap = new ArrayList<>();
        withGap.add(null);
        assertThat(TransferRequests.withOnward(withGap).violations())
                .containsExactly(new Violation("onwardTransfers[0]", "must not be null"));
    }

    @Test
    void aFreeTradeZoneIsWellFormedAndOfTheExportersJurisdiction() {
        assertThat(TransferRequests.withExporter(new TransferRequest.Exporter("CN", false, "CN-SH-LINGANG"))
                .violations()).isEmpty();
        assertThat(TransferRequests.withExporter(new TransferRequest.Exporter("CN", false, "Lingang")).violations())
                .containsExactly(new Violation("exporter.freeTradeZone",
                        "'Lingang' is not a free trade zone code like CN-SH or CN-SH-LINGANG"));
        assertThat(TransferRequests.withExporter(new TransferRequest.Exporter("CN", false, "DE-BY")).violations())
                .containsExactly(new Violation("exporter.freeTradeZone",
                        "'DE-BY' is not a zone of the exporter's jurisdiction CN"));
    }

    @Test
    void thePeriodEndsNoEarlierThanItStarts() {
        var backwards = TransferRequests.withPeriod(
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 1, 1)));

        assertThat(backwards.violations()).containsExactly(
                new Violation("period.end", "must not be before period.start (2026-12-01)"));
    }

    @Test
    void aConsumerOfTheRouteChecksTheRouteOnlyAndNamesFieldsUnderItsPayload() {
        var request = new TransferRequest(new TransferRequest.Exporter("cn", false), null, null, null, null, null,
                null, null, List.of(new TransferRequest.OnwardTransfer("US")), null);

        assertThat(TransferRequestRules.routeViolations(request).stream().map(v -> v.under("request.")))
                .containsExactly(
                        new Violation("request.exporter.jurisdiction", "'cn' is not an ISO 3166-1 alpha-2 country code"),
                        new Violation("request.importer", "is required"));
    }
}
