package org.cbdf.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;

/**
 * The platform's shared rules ({@link ServiceArchitecture}) over the audit service: features ({@code ledger},
 * {@code checkpoint}, {@code export}, {@code reconstruction}) free of cycles, a domain that knows neither its adapters
 * nor HTTP nor another service's wire types, events only through the outbox, no class name on the wire.
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
}
