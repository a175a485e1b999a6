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
import org.cbdf.policy.testdata.TransferRequests;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssessmentEngineTests {

    static final AssessmentEngine engine = AssessmentEngine.fromClasspath();
    static final RequiredApproval CAC_SECURITY_ASSESSMENT = new RequiredApproval("CN", "SECURITY_ASSESSMENT");

    /** CN → JP (no onward, no EU leg), so only the CN pack decides. */
    static TransferRequests fromChina() {
        return aTransfer().from("CN").to("JP");
    }

    static Stream<Arguments> chinaExports() {
        return Stream.of(
                Arguments.of("99,999 individuals: exempt", fromChina().individuals(99_999),
                        Outcome.PERMITTED, "cn.pipl.exempt-under-100k", "99,999 individuals this year including this request < 100,000"),
                Arguments.of("100,000 individuals: standard contract", fromChina().individuals(100_000),
                        Outcome.CONDITIONAL, "cn.pipl.volume-100k", "100,000 individuals this year including this request, from 100,000 to under 1,000,000"),
                Arguments.of("999,999 individuals: standard contract", fromChina().individuals(999_999),
                        Outcome.CONDITIONAL, "cn.pipl.volume-100k", "999,999 individuals this year including this request, from 100,000 to under 1,000,000"),
                Arguments.of("1,000,000 individuals: security assessment", fromChina().individuals(1_000_000),
                        Outcome.REVIEW_REQUIRED, "cn.pipl.volume-1m", "1,000,000 individuals this year including this request ≥ 1,000,000"),
                Arguments.of("9,999 sensitive: standard contract", fromChina().individuals(50_000).sensitive(9_999),
                        Outcome.CONDITIONAL, "cn.pipl.sensitive-under-10k",
                        "sensitive personal information of 9,999 individuals this year including this request < 10,000"),
                Arguments.of("10,000 sensitive: security assessment", fromChina().individuals(50_000).sensitive(10_000),
                        Outcome.REVIEW_REQUIRED, "cn.pipl.sensitive-10k",
                        "sensitive personal information of 10,000 individuals this year including this request ≥ 10,000"),
                Arguments.of("CIIO, few individuals: security assessment", fromChina().byCiio().individuals(10),
                        Outcome.REVIEW_REQUIRED, "cn.pipl.ciio", "the exporter is a critical information infrastructure operator"),
                Arguments.of("important data: security assessment",
                        fromChina().of(DataCategory.NON_PERSONAL, DataCategory.IMPORTANT_DATA).individuals(0),
                        Outcome.REVIEW_REQUIRED, "cn.pipl.important-data", "the data includes IMPORTANT_DATA"),
                Arguments.of("HR exemption above 1,000,000", fromChina().individuals(2_000_000).exempt(Exemption.HR_MANAGEMENT),
                        Outcome.PERMITTED, "cn.pipl.exempt-hr-management", "relies on the HR_MANAGEMENT exemption"),
                Arguments.of("no personal information", fromChina().of(DataCategory.NON_PERSONAL).individuals(0),
                        Outcome.PERMITTED, "cn.pipl.exempt-no-personal-information", "the data is only NON_PERSONAL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chinaExports")
    void chinaExportsFollowTheCac2024Thresholds(String title, TransferRequests request, Outcome outcome,
            String decidingRule, String explanation) {
        Assessment assessment = engine.assess(request.build());

        assertThat(assessment.outcome()).isEqualTo(outcome);
        assertThat(matched(assessment)).extracting(TraceEntry::rule).contains(decidingRule);
        assertThat(entry(assessment, decidingRule).explanation()).contains(explanation);
        if (outcome == Outcome.REVIEW_REQUIRED) {
            assertThat(assessment.requiredApprovals()).containsExactly(CAC_SECURITY_ASSESSMENT);
            assertThat(assessment.acceptedMechanisms()).containsExactly("SECURITY_ASSESSMENT");
            assertThat(assessment.validUntil()).isEqualTo(LocalDate.of(2029, 12, 1));
        } else {
            assertThat(assessment.requiredApprovals()).isEmpty();
        }
        if (outcome == Outcome.CONDITIONAL) {
            assertThat(assessment.acceptedMechanisms()).containsExactly("STANDARD_CONTRACT", "CERTIFICATION");
            assertThat(assessment.obligations()).extracting(Assessment.Obligation::code).contains("CAC-SC-FILING");
        }
    }

    @Test
    void theTraceListsEveryRuleOfThePackMatchedOrNot() {
        Assessment assessment = engine.assess(fromChina().individuals(120_000).build());

        assertThat(assessment.trace()).extracting(TraceEntry::rule).containsExactly(
                "cn.pipl.exempt-no-personal-information", "cn.pipl.exempt-contract-necessity",
                "cn.pipl.exempt-hr-management", "cn.pipl.exempt-emergency", "cn.ftz.negative-list",
                "cn.pipl.important-data", "cn.pipl.ciio",
                "cn.pipl.volume-1m", "cn.pipl.sensitive-10k", "cn.pipl.volume-100k", "cn.pipl.sensitive-under-10k",
                "cn.pipl.exempt-under-100k");
        assertThat(matched(assessment)).extracting(TraceEntry::rule).containsExactly("cn.pipl.volume-100k");
        assertThat(entry(assessment, "cn.pipl.volume-1m").explanation())
                .isEqualTo("120,000 individuals this year including this request < 1,000,000 — does not apply");
        assertThat(assessment.trace()).allSatisfy(entry -> assertThat(entry.citation()).isNotBlank());
    }

    @Test
    void anExemptionLeavesThePersonalInformationRulesNotAppliedButImportantDataStillNeedsAnAssessment() {
        Assessment assessment = engine.assess(fromChina().of(DataCategory.PERSONAL, DataCategory.IMPORTANT_DATA)
                .individuals(2_000_000).exempt(Exemption.HR_MANAGEMENT).build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(entry(assessment, "cn.pipl.volume-1m").matched()).isFalse();
        assertThat(entry(assessment, "cn.pipl.volume-1m").explanation())
                .startsWith("not applied: cn.pipl.exempt-hr-management already covers this transfer");
        assertThat(entry(assessment, "cn.pipl.important-data").matched()).isTrue();
    }

    static Stream<Arguments> euExports() {
        return Stream.of(
                Arguments.of("adequacy to JP", aTransfer().from("DE").to("JP").relyingOn(Mechanism.ADEQUACY),
                        Outcome.PERMITTED, "eu.gdpr.art45-adequacy", "JP has the EU adequacy decision eu-jp"),
                Arguments.of("US importer certified under the DPF",
                        aTransfer().from("FR").to("US").dpfCertifiedImporter().relyingOn(Mechanism.ADEQUACY),
                        Outcome.PERMITTED, "eu.gdpr.art45-adequacy", "the importer is certified"),
                Arguments.of("US importer not certified, no safeguard",
                        aTransfer().from("FR").to("US").relyingOn(Mechanism.ADEQUACY),
                        Outcome.PROHIBITED, "eu.gdpr.no-transfer-tool", "ADEQUACY is not a transfer tool under GDPR Chapter V (not one of BCR, CERTIFICATION, DEROGATION or SCC)"),
                Arguments.of("US importer not certified, SCC", aTransfer().from("FR").to("US").relyingOn(Mechanism.SCC),
                        Outcome.CONDITIONAL, "eu.gdpr.art46-safeguards", "SCC is one of BCR, CERTIFICATION or SCC"),
                Arguments.of("intra-EU", aTransfer().from("DE").to("FR").relyingOn(Mechanism.NONE),
                        Outcome.PERMITTED, "eu.gdpr.intra-eea", "FR is in the EEA"),
                Arguments.of("SCC to IN", aTransfer().from("DE").to("IN").relyingOn(Mechanism.SCC),
                        Outcome.CONDITIONAL, "eu.gdpr.art46-safeguards", "IN has no EU adequacy decision"),
                Arguments.of("nothing to IN", aTransfer().from("DE").to("IN").relyingOn(Mechanism.NONE),
                        Outcome.PROHIBITED, "eu.gdpr.no-transfer-tool", "NONE is not a transfer tool"),
                Arguments.of("derogation to IN: last resort", aTransfer().from("DE").to("IN").relyingOn(Mechanism.DEROGATION),
                        Outcome.CONDITIONAL, "eu.gdpr.art49-derogation", "last resort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("euExports")
    void eeaExportsFollowGdprChapterV(String title, TransferRequests request, Outcome outcome, String decidingRule,
            String explanation) {
        Assessment assessment = engine.assess(request.build());

        assertThat(assessment.outcome()).isEqualTo(outcome);
        assertThat(matched(assessment)).extracting(TraceEntry::rule).containsExactly(decidingRule);
        assertThat(entry(assessment, decidingRule).explanation()).contains(explanation);
        assertThat(assessment.requiredApprovals()).isEmpty();
        if (decidingRule.equals("eu.gdpr.art46-safeguards")) {
            assertThat(assessment.obligations()).extracting(Assessment.Obligation::code).contains("TIA");
        }
    }

    @Test
    void strictestLegWinsAndApprovalsAccumulateAcrossOriginAndOnwardLegs() {
        // CN → DE needs a CAC security assessment; DE → IN onward has no EU transfer tool
        Assessment assessment = engine.assess(aTransfer().from("CN").to("DE").individuals(1_500_000)
                .relyingOn(Mechanism.SECURITY_ASSESSMENT).onwardTo("IN").build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(assessment.requiredApprovals()).containsExactly(CAC_SECURITY_ASSESSMENT);
        assertThat(entry(assessment, "cn.pipl.volume-1m").matched()).isTrue();
        assertThat(entry(assessment, "eu.gdpr.no-transfer-tool").explanation()).startsWith("DE → IN (onward): ");
    }

    @Test
    void conditionalLegsAccumulateTheirMechanismsAndObligations() {
        Assessment assessment = engine.assess(aTransfer().from("CN").to("DE").individuals(120_000)
                .relyingOn(Mechanism.SCC).onwardTo("IN").build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(assessment.acceptedMechanisms()).containsExactly("STANDARD_CONTRACT", "CERTIFICATION", "SCC", "BCR");
        assertThat(assessment.obligations()).extracting(Assessment.Obligation::code)
                .containsExactly("PIPIA", "CAC-SC-FILING", "TIA", "SUPPLEMENTARY-MEASURES");
    }

    @Test
    void anOriginWithoutARulePackIsPermittedWithATraceEntrySayingSo() {
        Assessment assessment = engine.assess(aTransfer().from("AU").to("US").relyingOn(Mechanism.NONE).build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(assessment.trace()).singleElement().satisfies(entry -> {
            assertThat(entry.rule()).isEqualTo("default.no-export-rule-pack");
            assertThat(entry.jurisdiction()).isEqualTo("AU");
            assertThat(entry.explanation()).contains("no export rule pack exists for AU (Australia)");
        });
    }

    @Test
    void theSameRequestYieldsTheSameAssessmentAndPolicyVersion() {
        var request = aTransfer().from("CN").to("DE").individuals(1_200_000).onwardTo("US").build();

        Assessment first = engine.assess(request);
        Assessment second = AssessmentEngine.fromClasspath().assess(request);

        assertThat(second).isEqualTo(first);
        assertThat(first.policyVersion()).matches("sha256:[0-9a-f]{64}").isEqualTo(engine.policyVersion());
    }

    @Test
    void jurisdictionsSayWhichHaveARulePack() {
        List<JurisdictionInfo> jurisdictions = engine.jurisdictions();

        assertThat(jurisdictions).filteredOn(j -> j.code().equals("CN")).singleElement()
                .satisfies(cn -> {
                    assertThat(cn.rulePack()).isTrue();
                    assertThat(cn.name()).isEqualTo("China");
                    assertThat(cn.blocs()).containsExactly("APEC");
                });
        assertThat(jurisdictions).filteredOn(j -> j.code().equals("DE")).singleElement()
                .satisfies(de -> assertThat(de.blocs()).containsExactly("EEA", "EU"));
        assertThat(jurisdictions).filteredOn(j -> j.code().equals("AU")).singleElement()
                .satisfies(au -> assertThat(au.rulePack()).isFalse());
    }

    private static List<TraceEntry> matched(Assessment assessment) {
        return assessment.trace().stream().filter(TraceEntry::matched).toList();
    }

    private static TraceEntry entry(Assessment assessment, String rule) {
        return assessment.trace().stream().filter(e -> e.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no trace entry for " + rule + " in " + assessment.trace()));
    }
}
