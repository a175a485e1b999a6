package org.cbdf.dispute;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * Features ({@code parties}, {@code cases}) do not form cycles; a feature's domain does not know its adapters;
 * one feature never reaches into another's adapters. {@code cases} may use {@code parties} (a dispute's parties
 * come from its transfer), never the reverse.
 */
@AnalyzeClasses(packages = "org.cbdf.dispute", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = SlicesRuleDefinition.slices()
            .matching("org.cbdf.dispute.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = noClasses()
            .that().resideInAnyPackage("org.cbdf.dispute.parties", "org.cbdf.dispute.cases")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.dispute..web..", "org.cbdf.dispute..messaging..")
            .because("the domain is what the adapters translate to, not the other way round");

    @ArchTest
    static final ArchRule partiesDoNotDependOnCases = noClasses()
            .that().resideInAPackage("org.cbdf.dispute.parties..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.dispute.cases..");

    @ArchTest
    static final ArchRule adaptersStayWithinTheirFeature = noClasses()
            .that().resideInAPackage("org.cbdf.dispute.cases..")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.dispute.parties.web..",
                    "org.cbdf.dispute.parties.messaging..");
}
