package org.cbdf.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The review procedure sits on top of the policy: it changes decisions and agreements through the policy
 * administration, never the other way round (the administration tells it about changes in-process, by event), and
 * its domain does not know its web adapter. (The engine, policy-engine, checks its own boundaries.)
 */
@AnalyzeClasses(packages = "org.cbdf.policy", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule nothingElseDependsOnTheReviewProcedure = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.policy.review..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.policy.review..")
            .because("the administration tells the reviews about changes by in-process events, so reviews can be "
                    + "taken out without touching the policy");

    @ArchTest
    static final ArchRule reviewDomainDoesNotKnowItsWebAdapter = noClasses()
            .that().resideInAPackage("org.cbdf.policy.review")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.policy.review.web..");
}
