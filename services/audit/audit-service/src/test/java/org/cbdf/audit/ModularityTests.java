package org.cbdf.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's shared rules ({@link ServiceArchitecture}, every one of them) over the audit service: features
 * ({@code ledger}, {@code checkpoint}, {@code export}, {@code reconstruction}) free of cycles, a domain that knows
 * neither its adapters nor HTTP nor another service's wire types, adapters ({@code ledger.web}, {@code ledger.messaging},
 * {@code checkpoint.web}, {@code export.web}, {@code reconstruction.web}) that meet only in the domain, events only
 * through the outbox, no class name on the wire; and the audit service's own: its controllers and stream bindings live
 * in those adapters, so that the shared rules keep applying to them.
 */
@AnalyzeClasses(packages = "org.cbdf.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    private static final ServiceArchitecture AUDIT = ServiceArchitecture.of("org.cbdf.audit");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = AUDIT.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = AUDIT.domainDoesNotKnowItsAdapters();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = AUDIT.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule onlyMessagingAdaptersKnowOtherServicesEvents = AUDIT.onlyMessagingAdaptersKnowOtherServicesEvents();

    @ArchTest
    static final ArchRule domainThrowsNoHttpExceptions = AUDIT.domainThrowsNoHttpExceptions();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox = AUDIT.eventsLeaveOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule noJavaClassNameOnTheWire = AUDIT.noJavaClassNameOnTheWire();

    @ArchTest
    static final ArchRule controllersAreWebAdapters = classes().that().areAnnotatedWith(RestController.class)
            .should().resideInAPackage("org.cbdf.audit.*.web")
            .because("a controller is its feature's web adapter: in the domain, the rules on adapters would not see it");

    @ArchTest
    static final ArchRule streamBindingsAreMessagingAdapters = classes().that().resideInAPackage("org.cbdf.audit..")
            .and().haveSimpleNameEndingWith("Streams")
            .should().resideInAPackage("org.cbdf.audit.*.messaging")
            .because("a feature's Spring Cloud Stream bindings and their handler are its messaging adapter");
}
