package org.cbdf.dispute;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;

/**
 * The platform's shared rules ({@link ServiceArchitecture}: features free of cycles, a domain that knows neither its
 * adapters nor HTTP nor another service's wire types, adapters that meet only in the domain, events only through the
 * outbox, no class name on the wire), and the dispute service's own: {@code cases} may use {@code parties} (a
 * dispute's parties come from its transfer), never the reverse.
 */
@AnalyzeClasses(packages = "org.cbdf.dispute", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    private static final ServiceArchitecture DISPUTE = ServiceArchitecture.of("org.cbdf.dispute");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = DISPUTE.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = DISPUTE.domainDoesNotKnowItsAdapters();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = DISPUTE.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule onlyMessagingAdaptersKnowOtherServicesEvents = DISPUTE.onlyMessagingAdaptersKnowOtherServicesEvents();

    @ArchTest
    static final ArchRule domainThrowsNoHttpExceptions = DISPUTE.domainThrowsNoHttpExceptions();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox = DISPUTE.eventsLeaveOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule noJavaClassNameOnTheWire = DISPUTE.noJavaClassNameOnTheWire();

    @ArchTest
    static final ArchRule partiesDoNotDependOnCases = noClasses()
            .that().resideInAPackage("org.cbdf.dispute.parties..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.dispute.cases..")
            .because("a dispute's parties come from its transfer, whether or not a dispute is ever opened on it");
}
