package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cbdf.tools.load.TrafficMix.Expected;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.TransferRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TrafficMixTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    static List<TrafficMix.Planned> generate(String jurisdiction, int count, long seed) {
        TrafficMix mix = TrafficMix.forExporter(jurisdiction);
        return IntStream.range(0, count).mapToObj(i -> mix.next(new SplittableRandom(seed + i), TODAY)).toList();
    }

    @Test
    void theTwoDemoOrganisationsTogetherProduceEveryOutcome() {
        Map<Expected, Integer> outcomes = new EnumMap<>(Expected.class);
        for (String jurisdiction : List.of("CN", "DE")) {
            generate(jurisdiction, 1_000, 7).forEach(p -> outcomes.merge(p.expected(), 1, Integer::sum));
        }

        assertThat(outcomes).containsOnlyKeys(Expected.values());
        assertThat(outcomes.values()).allSatisfy(count -> assertThat(count).as("each outcome ≥ 5%").isGreaterThan(100));
    }

    /** What each scenario is in the mix for; the engine decides, this only checks the mix still covers it. */
    static final Map<String, Expected> INTENDED = Map.ofEntries(
            Map.entry("cn-non-personal", Expected.PERMITTED),
            Map.entry("cn-contract-necessity", Expected.PERMITTED),
            Map.entry("cn-hr-management", Expected.PERMITTED),
            Map.entry("cn-standard-contract", Expected.CONDITIONAL),
            Map.entry("cn-sensitive-few", Expected.CONDITIONAL),
            Map.entry("cn-important-data", Expected.AWAITING_APPROVAL),
            Map.entry("cn-ciio", Expected.AWAITING_APPROVAL),
            Map.entry("cn-volume-onward", Expected.AWAITING_APPROVAL),
            Map.entry("de-jp-adequacy", Expected.PERMITTED),
            Map.entry("de-us-dpf", Expected.PERMITTED),
            Map.entry("de-inside-eu", Expected.PERMITTED),
            Map.entry("de-us-scc", Expected.CONDITIONAL),
            Map.entry("de-in-bcr", Expected.CONDITIONAL),
            Map.entry("de-in-derogation", Expected.CONDITIONAL),
            Map.entry("de-us-uncertified-adequacy", Expected.PROHIBITED),
            Map.entry("de-in-nothing", Expected.PROHIBITED),
            Map.entry("sg-us-cbpr", Expected.PERMITTED),
            Map.entry("sg-us-contract", Expected.CONDITIONAL),
            Map.entry("sg-us-nothing", Expected.PROHIBITED),
            Map.entry("gb-us-dpf", Expected.PERMITTED),
            Map.entry("gb-us-idta", Expected.CONDITIONAL),
            Map.entry("gb-in-nothing", Expected.PROHIBITED),
            Map.entry("br-us-clauses", Expected.CONDITIONAL),
            Map.entry("br-us-bcr", Expected.AWAITING_APPROVAL),
            Map.entry("br-us-nothing", Expected.PROHIBITED),
            Map.entry("in-anywhere", Expected.PERMITTED),
            Map.entry("us-anywhere", Expected.PERMITTED),
            Map.entry("jp-de-mutual-adequacy", Expected.PERMITTED),
            Map.entry("jp-us-unencoded", Expected.CONDITIONAL));

    @Test
    void everyScenarioGetsTheOutcomeItIsInTheMixFor() {
        for (String jurisdiction : TrafficMix.jurisdictions()) {
            for (TrafficMix.Scenario scenario : TrafficMix.forExporter(jurisdiction).scenarios()) {
                for (int i = 0; i < 40; i++) {
                    TransferRequest request = scenario.shape().request(new SplittableRandom(13 + i), TODAY);
                    assertThat(new TrafficMix.Planned(scenario, request).expected())
                            .as("%s, request %d: %s", scenario.name(), i, request).isEqualTo(INTENDED.get(scenario.name()));
                }
            }
        }
        assertThat(TrafficMix.jurisdictions().stream().flatMap(j -> TrafficMix.forExporter(j).scenarios().stream())
                .map(TrafficMix.Scenario::name)).containsExactlyInAnyOrderElementsOf(INTENDED.keySet());
    }

    @Test
    void theExpectationIsTheEnginesUnderTheShippedPolicy() {
        assertThat(ExpectedOutcomes.shipped().policyVersion()).startsWith("sha256:");
        TrafficMix.Planned uncertified = generate("DE", 200, 21).stream()
                .filter(p -> p.scenario().name().equals("de-us-uncertified-adequacy")).findFirst().orElseThrow();
        TrafficMix.Planned certified = new TrafficMix.Planned(uncertified.scenario(), new TransferRequest(
                uncertified.request().exporter(), new TransferRequest.Importer(uncertified.request().importer().name(),
                        "US", uncertified.request().importer().certifications(), true),
                uncertified.request().purpose(), uncertified.request().dataCategories(),
                uncertified.request().dataSubjects(), uncertified.request().mechanism(),
                uncertified.request().exemption(), uncertified.request().safeguards(),
                uncertified.request().onwardTransfers(), uncertified.request().period()));

        assertThat(uncertified.expected()).as("adequacy claimed for an importer outside the DPF").isEqualTo(Expected.PROHIBITED);
        assertThat(certified.expected()).as("the same request to a DPF-certified importer").isEqualTo(Expected.PERMITTED);
    }

    @Test
    void everyRequestPassesTheTransferServicesValidation() {
        for (String jurisdiction : TrafficMix.jurisdictions()) {
            for (TrafficMix.Planned planned : generate(jurisdiction, 300, 11)) {
                TransferRequest request = planned.request();
                assertThat(request.exporter().jurisdiction()).isEqualTo(jurisdiction);
                assertThat(COUNTRIES).contains(request.importer().jurisdiction());
                request.onwardTransfers().forEach(o -> assertThat(COUNTRIES).contains(o.jurisdiction()));
                assertThat(request.importer().name()).isNotBlank().hasSizeLessThanOrEqualTo(500);
                assertThat(request.purpose()).isNotBlank().hasSizeLessThanOrEqualTo(500);
                assertThat(request.dataCategories()).isNotEmpty();
                assertThat(request.dataSubjects().count()).isNotNegative();
                assertThat(request.dataSubjects().sensitiveCount()).isBetween(0L, request.dataSubjects().count());
                assertThat(request.mechanism()).isNotNull();
                assertThat(request.period().end()).isAfterOrEqualTo(request.period().start());
                assertThat(request.period().start()).isAfter(TODAY);
            }
        }
    }

    @Test
    void sizesAndRoutesVary() {
        List<TrafficMix.Planned> planned = generate("CN", 500, 3);
        Set<String> destinations = new HashSet<>();
        Set<Integer> bodySizeBuckets = new HashSet<>();
        Set<Integer> individualsMagnitudes = new HashSet<>();
        for (TrafficMix.Planned p : planned) {
            destinations.add(p.request().importer().jurisdiction());
            bodySizeBuckets.add(LoadCommand.REQUESTS.writeValueAsBytes(p.request()).length / 100);
            individualsMagnitudes.add((int) Math.log10(Math.max(1, p.request().dataSubjects().count())));
        }

        assertThat(destinations).hasSizeGreaterThanOrEqualTo(4);
        assertThat(bodySizeBuckets).as("body sizes in steps of 100 bytes").hasSizeGreaterThanOrEqualTo(3);
        assertThat(individualsMagnitudes).as("individuals from none to millions").contains(0, 2, 4, 5, 6);
    }

    @Test
    void theSameSeedGivesTheSameTraffic() {
        assertThat(generate("DE", 50, 99)).isEqualTo(generate("DE", 50, 99));
        assertThat(generate("DE", 50, 99)).isNotEqualTo(generate("DE", 50, 100));
    }

    @Test
    void theBodyIsTheApisJsonWithIsoDatesAndNoNulls() {
        TrafficMix.Planned planned = generate("CN", 1, 5).getFirst();

        JsonNode json = JsonMapper.builder().build().readTree(LoadCommand.REQUESTS.writeValueAsString(planned.request()));

        assertThat(json.path("period").path("start").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(json.path("exporter").has("freeTradeZone")).isFalse();
        assertThat(json.path("dataSubjects").path("count").isNumber()).isTrue();
        assertThat(json.path("dataCategories").isArray()).isTrue();
    }

    @Test
    void chineseScenariosNeverCarryChildrensDataUnlessAsked() {
        assertThat(generate("CN", 500, 1)).allSatisfy(p -> assertThat(p.request().dataCategories())
                .doesNotContain(DataCategory.CHILDREN));
    }

    @Test
    void logUniformStaysInItsBoundsAndSpreadsOverMagnitudes() {
        SplittableRandom random = new SplittableRandom(1);
        long below10k = 0;
        for (int i = 0; i < 10_000; i++) {
            long value = TrafficMix.logUniform(random, 100, 1_000_000);
            assertThat(value).isBetween(100L, 1_000_000L);
            if (value < 10_000) {
                below10k++;
            }
        }
        assertThat(below10k).as("half the draws in the lower two of four magnitudes").isBetween(4_500L, 5_500L);
    }

    @Test
    void anExporterWithoutAMixIsNamed() {
        assertThatThrownBy(() -> TrafficMix.forExporter("ZZ")).hasMessageContaining("no traffic mix for an exporter in ZZ")
                .hasMessageContaining("CN, DE");
    }
}
