package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Assessment.TraceEntry;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.testdata.NegativeLists;
import org.cbdf.policy.testdata.TransferRequests;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped packs, jurisdiction by jurisdiction, boundaries included: outcome, required approvals, and the
 * citation of a matched rule. Thresholds are inclusive the way the law words them. Free-trade-zone scenarios run
 * under the shipped policy with test-fixture negative lists loaded ({@link #withFixtureLists}).
 */
class JurisdictionScenarioTests {

    static final AssessmentEngine engine = AssessmentEngine.fromClasspath();
    static final List<RequiredApproval> NONE = List.of();
    static final List<RequiredApproval> CAC = List.of(new RequiredApproval("CN", "SECURITY_ASSESSMENT"));
    static final List<RequiredApproval> ANPD = List.of(new RequiredApproval("BR", "ANPD_APPROVAL"));
    static final YearToDate FRESH = YearToDate.NONE;
    static final String LINGANG = "CN-SH-LINGANG";
    /**
     * The shipped policy with test-fixture negative lists loaded (the shipped one loads none): Lingang lists sensitive
     * personal information and children's data, Tianjin lists all personal information. Beijing has none loaded.
     */
    static final AssessmentEngine withFixtureLists = engine
            .withNegativeList(LINGANG, NegativeLists.listing(DataCategory.SENSITIVE_PERSONAL, DataCategory.CHILDREN))
            .withNegativeList("CN-TJ", NegativeLists.listing(DataCategory.PERSONAL, DataCategory.SENSITIVE_PERSONAL));

    static Arguments scenario(String title, TransferRequests request, YearToDate before, Outcome outcome,
            List<RequiredApproval> approvals, String citation) {
        return scenarioUnder(engine, title, request, before, outcome, approvals, citation);
    }

    static Arguments scenarioUnder(AssessmentEngine policy, String title, TransferRequests request, YearToDate before,
            Outcome outcome, List<RequiredApproval> approvals, String citation) {
        return Arguments.of(title, request, before, outcome, approvals, citation, policy);
    }

    static TransferRequests cn() {
        return aTransfer().from("CN").to("JP");
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // China: PIPL + CAC Provisions 2024
                scenario("CN 99,999 individuals: exempt", cn().individuals(99_999), FRESH, Outcome.PERMITTED, NONE, "Art. 5(4)"),
                scenario("CN 100,000 individuals: standard contract", cn().individuals(100_000), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN 999,999 individuals: standard contract", cn().individuals(999_999), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN 1,000,000 individuals: security assessment", cn().individuals(1_000_000), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenario("CN 1 sensitive: standard contract", cn().individuals(500).sensitive(1), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN 9,999 sensitive: standard contract", cn().individuals(20_000).sensitive(9_999), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN 10,000 sensitive: security assessment", cn().individuals(20_000).sensitive(10_000), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenario("CN only non-personal data", cn().of(DataCategory.NON_PERSONAL).individuals(0), FRESH, Outcome.PERMITTED, NONE, "Art. 3"),
                scenario("CN important data", cn().of(DataCategory.PERSONAL, DataCategory.IMPORTANT_DATA).individuals(10), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Data Security Law Art. 31"),
                scenario("CN CIIO, one individual", cn().byCiio().individuals(1), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(1)"),
                scenario("CN contract necessity, 5,000,000", cn().individuals(5_000_000).exempt(Exemption.CONTRACT_NECESSITY), FRESH, Outcome.PERMITTED, NONE, "Art. 5(1)"),
                scenario("CN HR management, 2,000,000", cn().individuals(2_000_000).exempt(Exemption.HR_MANAGEMENT), FRESH, Outcome.PERMITTED, NONE, "Art. 5(2)"),
                scenario("CN emergency", cn().individuals(3_000_000).exempt(Exemption.EMERGENCY), FRESH, Outcome.PERMITTED, NONE, "Art. 5(3)"),
                scenario("CN explicit consent is no CAC exemption", cn().individuals(200_000).exempt(Exemption.EXPLICIT_CONSENT), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN ledger: 900,000 before + 100,000 = 1,000,000", cn().individuals(100_000), new YearToDate(900_000, 0), Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenario("CN ledger: 899,999 before + 100,000 = 999,999", cn().individuals(100_000), new YearToDate(899_999, 0), Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN ledger: 50,000 before + 50,000 = 100,000", cn().individuals(50_000), new YearToDate(50_000, 0), Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenario("CN ledger: 49,999 before + 50,000 = 99,999", cn().individuals(50_000), new YearToDate(49_999, 0), Outcome.PERMITTED, NONE, "Art. 5(4)"),
                scenario("CN ledger: 9,000 sensitive before + 1,000", cn().individuals(5_000).sensitive(1_000), new YearToDate(9_000, 9_000), Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenario("CN ledger: sensitive earlier this year ends the Art. 5(4) exemption", cn().individuals(10), new YearToDate(100, 5), Outcome.CONDITIONAL, NONE, "Art. 8"),
                // China: free-trade-zone negative lists (Art. 6), lists from test fixtures
                scenarioUnder(withFixtureLists, "CN FTZ: 500,000 individuals' personal information, not on the zone's list: exempt", cn().individuals(500_000).fromZone(LINGANG), FRESH, Outcome.PERMITTED, NONE, "Art. 6"),
                scenarioUnder(withFixtureLists, "CN FTZ: 5,000,000 individuals, not on the zone's list: exempt", cn().individuals(5_000_000).fromZone(LINGANG), FRESH, Outcome.PERMITTED, NONE, "Art. 6"),
                scenarioUnder(withFixtureLists, "CN FTZ: ledger 900,000 before + 200,000, not on the list: exempt", cn().individuals(200_000).fromZone(LINGANG), new YearToDate(900_000, 0), Outcome.PERMITTED, NONE, "Art. 6"),
                scenarioUnder(withFixtureLists, "CN FTZ: 1 sensitive, on the zone's list: standard contract", cn().individuals(500).sensitive(1).fromZone(LINGANG), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: 10,000 sensitive, on the zone's list: security assessment", cn().individuals(20_000).sensitive(10_000).fromZone(LINGANG), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenarioUnder(withFixtureLists, "CN FTZ: children's data, on the zone's list: standard contract", cn().of(DataCategory.PERSONAL, DataCategory.CHILDREN).individuals(120_000).fromZone(LINGANG), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: a zone listing all personal information: standard contract", cn().individuals(120_000).fromZone("CN-TJ"), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: zone without a loaded list: the general rules", cn().individuals(120_000).fromZone("CN-BJ"), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: zone without a loaded list, 1,000,000: security assessment", cn().individuals(1_000_000).fromZone("CN-BJ"), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenarioUnder(withFixtureLists, "CN FTZ: unknown zone code: the general rules", cn().individuals(120_000).fromZone("CN-ZZ"), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(engine, "CN FTZ: shipped policy, no list loaded: the general rules", cn().individuals(120_000).fromZone(LINGANG), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: the day before the list takes effect: the general rules", cn().individuals(120_000).fromZone(LINGANG).startingOn(NegativeLists.EFFECTIVE.minusDays(1)), FRESH, Outcome.CONDITIONAL, NONE, "Art. 8"),
                scenarioUnder(withFixtureLists, "CN FTZ: the day the list takes effect: exempt", cn().individuals(120_000).fromZone(LINGANG).startingOn(NegativeLists.EFFECTIVE), FRESH, Outcome.PERMITTED, NONE, "Art. 6"),
                scenarioUnder(withFixtureLists, "CN FTZ: a CIIO, not on the list: still a security assessment (conservative)", cn().byCiio().individuals(10).fromZone(LINGANG), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(1)"),
                scenarioUnder(withFixtureLists, "CN FTZ: important data, not on the list: still a security assessment (conservative)", cn().of(DataCategory.PERSONAL, DataCategory.IMPORTANT_DATA).individuals(10).fromZone(LINGANG), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Data Security Law Art. 31"),
                // EU/EEA: GDPR Chapter V
                scenario("DE → JP adequacy", aTransfer().from("DE").to("JP").relyingOn(Mechanism.ADEQUACY), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 45(1)"),
                scenario("DE → US, DPF-certified", aTransfer().from("DE").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 45(1)"),
                scenario("DE → US, not certified, adequacy claimed", aTransfer().from("DE").to("US").relyingOn(Mechanism.ADEQUACY), FRESH, Outcome.PROHIBITED, NONE, "GDPR Art. 44"),
                scenario("DE → US, not certified, SCC", aTransfer().from("DE").to("US").relyingOn(Mechanism.SCC), FRESH, Outcome.CONDITIONAL, NONE, "Art. 46(2)"),
                scenario("DE → FR inside the EU", aTransfer().from("DE").to("FR").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 1(3)"),
                scenario("NO → DE inside the EEA", aTransfer().from("NO").to("DE").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 1(3)"),
                scenario("DE → IS inside the EEA", aTransfer().from("DE").to("IS").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 1(3)"),
                scenario("DE → IN BCR", aTransfer().from("DE").to("IN").relyingOn(Mechanism.BCR), FRESH, Outcome.CONDITIONAL, NONE, "Art. 47"),
                scenario("DE → IN certification", aTransfer().from("DE").to("IN").relyingOn(Mechanism.CERTIFICATION), FRESH, Outcome.CONDITIONAL, NONE, "(f)"),
                scenario("DE → IN derogation", aTransfer().from("DE").to("IN").relyingOn(Mechanism.DEROGATION), FRESH, Outcome.CONDITIONAL, NONE, "GDPR Art. 49(1)"),
                scenario("DE → IN nothing", aTransfer().from("DE").to("IN").relyingOn(Mechanism.NONE), FRESH, Outcome.PROHIBITED, NONE, "GDPR Art. 44"),
                scenario("DE → CA commercial organisations", aTransfer().from("DE").to("CA").relyingOn(Mechanism.ADEQUACY), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 45(1)"),
                scenario("DE → GB on the last day of the renewed decision", aTransfer().from("DE").to("GB").relyingOn(Mechanism.ADEQUACY).startingOn(LocalDate.of(2031, 12, 1)), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 45(1)"),
                scenario("DE → GB the day after the renewed decision ends", aTransfer().from("DE").to("GB").relyingOn(Mechanism.ADEQUACY).startingOn(LocalDate.of(2031, 12, 2)), FRESH, Outcome.PROHIBITED, NONE, "GDPR Art. 44"),
                scenario("DE → US before the DPF decision applied", aTransfer().from("DE").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY).startingOn(LocalDate.of(2023, 7, 9)), FRESH, Outcome.PROHIBITED, NONE, "GDPR Art. 44"),
                scenario("DE → CN non-personal data", aTransfer().from("DE").to("CN").of(DataCategory.NON_PERSONAL).individuals(0).relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "GDPR Art. 2(1)"),
                // United Kingdom
                scenario("GB → US UK Extension (DPF-certified)", aTransfer().from("GB").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY), FRESH, Outcome.PERMITTED, NONE, "UK GDPR Art. 45"),
                scenario("GB → US not certified, SCC with the Addendum", aTransfer().from("GB").to("US").relyingOn(Mechanism.SCC), FRESH, Outcome.CONDITIONAL, NONE, "International Data Transfer Agreement"),
                scenario("GB → IN nothing", aTransfer().from("GB").to("IN").relyingOn(Mechanism.NONE), FRESH, Outcome.PROHIBITED, NONE, "UK GDPR Art. 44"),
                scenario("GB → DE: no data bridge encoded, IDTA asked (conservative)", aTransfer().from("GB").to("DE").relyingOn(Mechanism.SCC), FRESH, Outcome.CONDITIONAL, NONE, "International Data Transfer Agreement"),
                // Singapore
                scenario("SG → US Global CBPR", aTransfer().from("SG").to("US").certified(Certification.GLOBAL_CBPR).relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "reg. 12"),
                scenario("SG → US APEC PRP", aTransfer().from("SG").to("US").certified(Certification.APEC_PRP).relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "reg. 12"),
                scenario("SG → US no certification, contract", aTransfer().from("SG").to("US").certified().relyingOn(Mechanism.SCC), FRESH, Outcome.CONDITIONAL, NONE, "reg. 10-11"),
                scenario("SG → US no certification, nothing", aTransfer().from("SG").to("US").certified().relyingOn(Mechanism.NONE), FRESH, Outcome.PROHIBITED, NONE, "PDPA s.26(1)"),
                scenario("SG → JP ISO 27701 is not recognised", aTransfer().from("SG").to("JP").certified(Certification.ISO_27701).relyingOn(Mechanism.NONE), FRESH, Outcome.PROHIBITED, NONE, "PDPA s.26(1)"),
                // India
                scenario("IN → US: no country notified", aTransfer().from("IN").to("US").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "DPDP Act 2023, s.16"),
                scenario("IN → CN: no country notified", aTransfer().from("IN").to("CN").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "DPDP Act 2023, s.16"),
                // Brazil
                scenario("BR → US ANPD standard clauses", aTransfer().from("BR").to("US").relyingOn(Mechanism.SCC), FRESH, Outcome.CONDITIONAL, NONE, "Annex II"),
                scenario("BR → US global corporate rules need ANPD approval", aTransfer().from("BR").to("US").relyingOn(Mechanism.BCR), FRESH, Outcome.REVIEW_REQUIRED, ANPD, "LGPD Art. 33(II)(a)"),
                scenario("BR → US nothing recorded", aTransfer().from("BR").to("US").relyingOn(Mechanism.NONE), FRESH, Outcome.PROHIBITED, NONE, "LGPD Art. 33"),
                // United States, Japan
                scenario("US → CN: no general US restriction", aTransfer().from("US").to("CN").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "none (DESIGN §7"),
                scenario("JP → DE: EU-Japan mutual adequacy", aTransfer().from("JP").to("DE").relyingOn(Mechanism.NONE), FRESH, Outcome.PERMITTED, NONE, "PPC designation of the EEA"),
                scenario("JP → US: a basis the platform does not encode", aTransfer().from("JP").to("US").relyingOn(Mechanism.NONE), FRESH, Outcome.CONDITIONAL, NONE, "APPI Art. 28"),
                // legs combined
                scenario("CN → DE, 1,200,000, onward to the US on SCC", aTransfer().from("CN").to("DE").individuals(1_200_000).relyingOn(Mechanism.SCC).onwardTo("US"), FRESH, Outcome.REVIEW_REQUIRED, CAC, "Art. 7(2)"),
                scenario("BR → DE BCR, onward DE → US on BCR", aTransfer().from("BR").to("DE").relyingOn(Mechanism.BCR).onwardTo("US"), FRESH, Outcome.REVIEW_REQUIRED, ANPD, "Art. 47"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachJurisdictionsRulesDecide(String title, TransferRequests request, YearToDate before, Outcome outcome,
            List<RequiredApproval> approvals, String citation, AssessmentEngine policy) {
        Assessment assessment = policy.assess(request.build(), before);

        assertThat(assessment.outcome()).as("outcome").isEqualTo(outcome);
        assertThat(assessment.requiredApprovals()).as("required approvals").containsExactlyElementsOf(approvals);
        assertThat(assessment.trace()).filteredOn(TraceEntry::matched).extracting(TraceEntry::citation)
                .as("citations of the matched rules").anySatisfy(c -> assertThat(c).contains(citation));
        assertThat(assessment.trace()).allSatisfy(entry -> assertThat(entry.explanation()).doesNotContain("{"));
    }

    @org.junit.jupiter.api.Test
    void theTraceSaysTheYearsTotalIncludingThisRequest() {
        Assessment assessment = engine.assess(cn().individuals(200_000).build(), new YearToDate(1_000_000, 0));

        TraceEntry volume = assessment.trace().stream().filter(e -> e.rule().equals("cn.pipl.volume-1m")).findFirst()
                .orElseThrow();
        assertThat(volume.matched()).isTrue();
        assertThat(volume.explanation()).startsWith("1,200,000 individuals this year including this request ≥ 1,000,000");
    }

    @org.junit.jupiter.api.Test
    void theAdequacyRuleNamesTheDecisionItReliedOn() {
        var evaluation = engine.evaluate(aTransfer().from("DE").to("US").dpfCertifiedImporter()
                .relyingOn(Mechanism.ADEQUACY).build(), FRESH);

        assertThat(evaluation.reliedOn()).containsExactly("eu-us-dpf");
        assertThat(evaluation.assessment().trace()).filteredOn(e -> e.rule().equals("eu.gdpr.art45-adequacy"))
                .singleElement().satisfies(e -> assertThat(e.explanation())
                        .contains("relied on: eu-us-dpf").contains("under challenge (appeal C-703/25 P pending)"));
        assertThat(engine.evaluate(aTransfer().from("SG").to("US").certified(Certification.GLOBAL_CBPR)
                .relyingOn(Mechanism.NONE).build(), FRESH).reliedOn()).containsExactly("sg-cbpr");
    }

    @org.junit.jupiter.api.Test
    void suspendingTheDpfDecisionStopsTransfersThatReliedOnIt() {
        var request = aTransfer().from("DE").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY).build();
        AssessmentEngine suspended = engine.withAdequacyStatus("eu-us-dpf", DecisionStatus.SUSPENDED, "CJEU judgment");

        Assessment after = suspended.assess(request);

        assertThat(after.outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(after.policyVersion()).isNotEqualTo(engine.policyVersion());
        assertThat(after.trace()).filteredOn(TraceEntry::matched).extracting(TraceEntry::explanation)
                .anySatisfy(e -> assertThat(e).contains("eu-us-dpf").contains("is SUSPENDED (CJEU judgment)"));
        assertThat(suspended.assess(aTransfer().from("DE").to("US").dpfCertifiedImporter().relyingOn(Mechanism.SCC)
                .build()).outcome()).as("another mechanism still covers it").isEqualTo(Outcome.CONDITIONAL);
    }

    @org.junit.jupiter.api.Test
    void revokingSingaporesRecognitionOfCbprEndsTheDeemedCompliance() {
        var request = aTransfer().from("SG").to("US").certified(Certification.GLOBAL_CBPR).relyingOn(Mechanism.NONE).build();

        assertThat(engine.withAgreementStatus("sg-cbpr", DecisionStatus.REVOKED, "test").assess(request).outcome())
                .isEqualTo(Outcome.PROHIBITED);
    }
}
