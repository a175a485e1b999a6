package org.cbdf.policy.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine is plain Java over the policy data: the policy service runs it, the benchmark and the load harness run
 * it without any container. Maven already keeps the service's packages out (the engine does not depend on the
 * service); these rules keep frameworks out.
 */
@AnalyzeClasses(packages = "org.cbdf.policy.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule theEngineDoesNotDependOnSpring = noClasses()
            .that().resideInAPackage("org.cbdf.policy.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
            .because("the benchmark and the load harness evaluate the rules without a Spring context, and an "
                    + "assessment must not depend on what runs around it");

    @ArchTest
    static final ArchRule theEngineKnowsNoTransportNorStore = noClasses()
            .that().resideInAPackage("org.cbdf.policy.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "java.sql..", "javax.sql..",
                    "org.cbdf.platform..")
            .because("the same request under the same policy version yields the same assessment wherever it is "
                    + "evaluated: nothing of the broker, the database or the platform may enter it");
}
