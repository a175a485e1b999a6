package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.util.List;
import java.util.function.Function;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Assessment.TraceEntry;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.testdata.NegativeLists;
import org.cbdf.policy.testdata.TransferRequests;
import org.cbdf.transfer.events.DataCategory;
import org.junit.jupiter.api.Test;

/**
 * Free-trade-zone negative lists (CAC Provisions 2024, Art. 6) as data: what the trace says in each case, what an
 * exempted assessment relies on, and that a list is part of the policy version. The lists are test fixtures.
 */
class FreeTradeZoneTests {

    static final AssessmentEngine shipped = AssessmentEngine.fromClasspath();
    static final String LINGANG = "CN-SH-LINGANG";
    static final AssessmentEngine lingangListsSensitive = shipped.withNegativeList(LINGANG,
            NegativeLists.listing(DataCategory.SENSITIVE_PERSONAL, DataCategory.CHILDREN));

    static TransferRequests fromLingang() {
        return aTransfer().from("CN").to("JP").fromZone(LINGANG);
    }

    @Test
    void theShippedPolicyKnowsTheZonesButLoadsNoList() {
        assertThat(shipped.freeTradeZones().zones()).extracting(FreeTradeZones.Zone::code)
                .contains("CN-SH", LINGANG, "CN-TJ", "CN-BJ", "CN-HI").doesNotHaveDuplicates();
        assertThat(shipped.freeTradeZones().zones()).allSatisfy(zone -> {
            assertThat(zone.jurisdiction()).isEqualTo("CN");
            assertThat(zone.negativeList()).as(zone.code()).isNull();
        });
    }

    @Test
    void aZoneWithoutALoadedListExemptsNothingAndTheTraceSaysSo() {
        Assessment assessment = shipped.assess(fromLingang().individuals(120_000).build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(entry(assessment, "cn.ftz.negative-list")).satisfies(e -> {
            assertThat(e.matched()).isFalse();
            assertThat(e.citation()).isEqualTo("CAC Provisions 2024, Art. 6");
            assertThat(e.explanation()).isEqualTo("free-trade-zone exemption: no negative list loaded for zone "
                    + "CN-SH-LINGANG (Lingang Special Area of the China (Shanghai) Pilot Free Trade Zone); the general "
                    + "rules apply — does not apply");
        });
        assertThat(entry(assessment, "cn.pipl.volume-100k").matched()).isTrue();
    }

    @Test
    void anUnknownZoneCodeIsATraceLineNotARefusal() {
        Assessment assessment = lingangListsSensitive.assess(aTransfer().from("CN").to("JP").fromZone("CN-ZZ")
                .individuals(120_000).build());

        assertThat(assessment.outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(entry(assessment, "cn.ftz.negative-list").explanation()).contains(
                "CN-ZZ is not a pilot free trade zone known to this policy version, so no negative list applies; the "
                        + "general rules apply");
    }

    @Test
    void dataOutsideTheListIsExemptAndTheTraceCitesArticle6AndTheZonesList() {
        var evaluation = lingangListsSensitive.evaluate(fromLingang().individuals(2_000_000).build(), YearToDate.NONE);
        Assessment assessment = evaluation.assessment();

        assertThat(assessment.outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(assessment.requiredApprovals()).isEmpty();
        assertThat(entry(assessment, "cn.ftz.negative-list")).satisfies(e -> {
            assertThat(e.matched()).isTrue();
            assertThat(e.citation()).isEqualTo("CAC Provisions 2024, Art. 6");
            assertThat(e.explanation()).isEqualTo("none of PERSONAL is on the negative list of CN-SH-LINGANG (Lingang "
                    + "Special Area of the China (Shanghai) Pilot Free Trade Zone) (Test fixture authority, Test fixture "
                    + "negative list No. 1, effective 2026-06-01): data outside the zone's list is exempt from the CAC "
                    + "security assessment, the standard contract and certification");
        });
        assertThat(entry(assessment, "cn.pipl.volume-1m").explanation())
                .startsWith("not applied: cn.ftz.negative-list already covers this transfer (none of PERSONAL is on");
        assertThat(assessment.trace()).as("every rule of the pack is still listed").extracting(TraceEntry::rule)
                .contains("cn.pipl.important-data", "cn.pipl.ciio", "cn.pipl.volume-1m", "cn.pipl.exempt-under-100k");
        assertThat(evaluation.reliedOn()).containsExactly("free-trade-zone:CN-SH-LINGANG");
    }

    @Test
    void dataOnTheListFollowsTheGeneralRulesAndTheTraceNamesTheZonesItems() {
        var evaluation = lingangListsSensitive.evaluate(fromLingang().individuals(20_000).sensitive(50).build(),
                YearToDate.NONE);

        assertThat(evaluation.assessment().outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(entry(evaluation.assessment(), "cn.ftz.negative-list").explanation()).isEqualTo(
                "free-trade-zone exemption: SENSITIVE_PERSONAL is on the negative list of CN-SH-LINGANG (Lingang Special "
                        + "Area of the China (Shanghai) Pilot Free Trade Zone) (Test fixture authority, Test fixture "
                        + "negative list No. 1, effective 2026-06-01) (zone items: fixture item 2 (sensitive_personal)): "
                        + "data on the list follows the general rules — does not apply");
        assertThat(entry(evaluation.assessment(), "cn.pipl.sensitive-under-10k").matched()).isTrue();
        assertThat(evaluation.reliedOn()).isEmpty();
    }

    @Test
    void aCiioAndImportantDataKeepTheirSecurityAssessmentAndTheTraceSaysWhy() {
        Assessment ciio = lingangListsSensitive.assess(fromLingang().byCiio().individuals(10).build());
        Assessment important = lingangListsSensitive.assess(fromLingang()
                .of(DataCategory.PERSONAL, DataCategory.IMPORTANT_DATA).individuals(10).build());

        assertThat(entry(ciio, "cn.ftz.negative-list").explanation()).contains("but the exporter is a critical "
                + "information infrastructure operator: this platform does not read Art. 6 as lifting the CAC security "
                + "assessment PIPL Art. 40 requires of a CIIO (conservative)");
        assertThat(entry(ciio, "cn.pipl.ciio").matched()).isTrue();
        assertThat(entry(important, "cn.ftz.negative-list").matched()).isTrue();
        assertThat(entry(important, "cn.ftz.negative-list").explanation())
                .contains("important data still needs a CAC security assessment on this platform (conservative");
        assertThat(entry(important, "cn.pipl.important-data").matched()).isTrue();
        assertThat(important.requiredApprovals()).extracting(Assessment.RequiredApproval::procedure)
                .containsExactly("SECURITY_ASSESSMENT");
    }

    @Test
    void aListNotYetInForceWhenTheTransferStartsExemptsNothing() {
        Assessment early = lingangListsSensitive.assess(fromLingang().individuals(120_000)
                .startingOn(NegativeLists.EFFECTIVE.minusDays(1)).build());

        assertThat(early.outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(entry(early, "cn.ftz.negative-list").explanation())
                .contains("takes effect after the transfer starts (2026-05-31); the general rules apply");
    }

    @Test
    void aListIsPartOfThePolicyVersionAndWithdrawingItRestoresTheShippedVersion() {
        AssessmentEngine otherList = shipped.withNegativeList(LINGANG, NegativeLists.listing(DataCategory.PERSONAL));
        AssessmentEngine withdrawn = lingangListsSensitive.withNegativeList(LINGANG, null);

        assertThat(lingangListsSensitive.policyVersion()).isNotEqualTo(shipped.policyVersion())
                .isNotEqualTo(otherList.policyVersion());
        assertThat(withdrawn.policyVersion()).isEqualTo(shipped.policyVersion());
        assertThat(AssessmentEngine.fromFiles(lingangListsSensitive.files()).policyVersion())
                .as("a stored version loads again to itself").isEqualTo(lingangListsSensitive.policyVersion());
        assertThat(AssessmentEngine.fromFiles(lingangListsSensitive.files()).freeTradeZones().byCode(LINGANG)
                .orElseThrow().negativeList()).isEqualTo(lingangListsSensitive.freeTradeZones().byCode(LINGANG)
                .orElseThrow().negativeList());
        assertThat(lingangListsSensitive.assess(fromLingang().build()).policyVersion())
                .isEqualTo(lingangListsSensitive.policyVersion());
    }

    @Test
    void aVersionStoredBeforeZonesWereDataStillLoadsWithNoZones() {
        PolicyData old = PolicyData.load(path -> path.endsWith("index.yaml")
                ? PolicyDataTests.classpath(path).replace("freeTradeZones: free-trade-zones.yaml\n", "")
                : path.endsWith("free-trade-zones.yaml") ? null : PolicyDataTests.classpath(path));

        assertThat(old.freeTradeZones().zones()).isEmpty();
        assertThat(AssessmentEngine.of(old).assess(fromLingang().individuals(120_000).build()).trace())
                .filteredOn(e -> e.rule().equals("cn.ftz.negative-list")).singleElement()
                .satisfies(e -> assertThat(e.explanation()).contains("not a pilot free trade zone known to this policy version"));
    }

    @Test
    void malformedZonesAndListsAreRefused() {
        Function<String, Function<String, String>> zonesFile = zones -> path -> path.endsWith("free-trade-zones.yaml")
                ? zones : PolicyDataTests.classpath(path);
        String list = "    negativeList: { authority: A, legalReference: L, effective: \"2026-01-01\", entries: %s }\n";

        assertThatThrownBy(() -> PolicyData.load(zonesFile.apply("zones:\n  - { code: CN-SH, name: S, jurisdiction: CN }\n"
                + "  - { code: CN-SH, name: T, jurisdiction: CN }\n")))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("CN-SH is listed twice");
        assertThatThrownBy(() -> PolicyData.load(zonesFile.apply("zones:\n  - { code: DE-BY, name: S, jurisdiction: CN }\n")))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("must start with its jurisdiction CN");
        assertThatThrownBy(() -> PolicyData.load(zonesFile.apply("zones:\n  - { code: Lingang, name: S, jurisdiction: CN }\n")))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("must look like CN-SH or CN-SH-LINGANG");
        assertThatThrownBy(() -> PolicyData.load(zonesFile.apply("zones:\n  - code: CN-SH\n    name: S\n    jurisdiction: CN\n"
                + list.formatted("[{ category: HEALTH }]"))))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("'HEALTH' is not a data category");
        assertThatThrownBy(() -> PolicyData.load(zonesFile.apply("zones:\n  - code: CN-SH\n    name: S\n    jurisdiction: CN\n"
                + list.formatted("[]"))))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("must list at least one data category");
        assertThatThrownBy(() -> shipped.withNegativeList("CN-ZZ", NegativeLists.listing(DataCategory.PERSONAL)))
                .isInstanceOf(PolicyDataException.class).hasMessageContaining("no free trade zone CN-ZZ");
    }

    private static TraceEntry entry(Assessment assessment, String rule) {
        List<TraceEntry> entries = assessment.trace().stream().filter(e -> e.rule().equals(rule)).toList();
        assertThat(entries).as("trace entries of " + rule).hasSize(1);
        return entries.getFirst();
    }
}
