package org.cbdf.transfer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;

/**
 * The platform's shared rules ({@link ServiceArchitecture}: features free of cycles, a domain that knows neither its
 * adapters nor HTTP nor another service's wire types, adapters that meet only in the domain, events only through the
 * outbox, no class name on the wire), and the transfer service's own: {@code live} (the status streams, an adapter
 * of server-sent events and nothing else) follows {@code requests}, never the reverse.
 */
@AnalyzeClasses(packages = "org.cbdf.transfer", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    private static final ServiceArchitecture TRANSFER = ServiceArchitecture.of("org.cbdf.transfer");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = TRANSFER.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = TRANSFER.domainDoesNotKnowItsAdapters();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = TRANSFER.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule onlyMessagingAdaptersKnowOtherServicesEvents =
            TRANSFER.onlyMessagingAdaptersKnowOtherServicesEvents();

    @ArchTest
    static final ArchRule domainThrowsNoHttpExceptions = TRANSFER.domainThrowsNoHttpExceptions();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox = TRANSFER.eventsLeaveOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule noJavaClassNameOnTheWire = TRANSFER.noJavaClassNameOnTheWire();

    @ArchTest
    static final ArchRule requestsDoNotKnowWhoFollowsThem = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.transfer.live..")
            .because("the status streams follow the transfers (TransferChangeListener); a transfer does not know who "
                    + "listens, so a stream can change or go without touching the lifecycle");

    @ArchTest
    static final ArchRule theDomainSpeaksNoHttp = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "jakarta.servlet..")
            .because("the domain refuses in its own words (TransferRefusals, a Refusal); what a refusal looks like on "
                    + "HTTP is the API's to say");
}
