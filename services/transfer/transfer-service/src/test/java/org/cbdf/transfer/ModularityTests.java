package org.cbdf.transfer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * Features ({@code requests}: the transfer and its lifecycle; {@code live}: the status streams) do not form cycles;
 * a feature's domain does not know its adapters, HTTP or other services' wire types; a feature's web and messaging
 * adapters do not know each other. {@code live} follows {@code requests}, never the reverse.
 */
@AnalyzeClasses(packages = "org.cbdf.transfer", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = SlicesRuleDefinition.slices()
            .matching("org.cbdf.transfer.(*)..").should().beFreeOfCycles()
            .because("a feature that needs another's types is built on it; two that need each other are one");

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.transfer..web..",
                    "org.cbdf.transfer..messaging..")
            .because("the domain is what the adapters translate to, not the other way round");

    @ArchTest
    static final ArchRule domainDoesNotReadOtherServicesEvents = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.policy.events..", "org.cbdf.dispute.events..")
            .because("the messaging adapter translates the policy's and the dispute's events into the domain's own "
                    + "types (Assessment, a resolution), so that their wire changing changes the adapter alone");

    @ArchTest
    static final ArchRule domainDoesNotSpeakHttp = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
                    "jakarta.servlet..")
            .because("the domain refuses in its own words (Refusal); the API decides what a refusal looks like on HTTP");

    @ArchTest
    static final ArchRule onlyMessagingReadsOtherServicesEvents = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.transfer..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.policy.events..", "org.cbdf.dispute.events..")
            .because("what arrives from other services is read in one place, where it is checked and translated");

    @ArchTest
    static final ArchRule webDoesNotDependOnMessaging = noClasses()
            .that().resideInAPackage("org.cbdf.transfer..web..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.transfer..messaging..")
            .because("adapters meet in the domain, never directly");

    @ArchTest
    static final ArchRule messagingDoesNotDependOnWeb = noClasses()
            .that().resideInAPackage("org.cbdf.transfer..messaging..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.transfer..web..")
            .because("adapters meet in the domain, never directly");

    @ArchTest
    static final ArchRule requestsDoNotDependOnLive = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.requests..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.transfer.live..")
            .because("the streams follow the transfers (TransferChangeListener); a transfer does not know who listens");

    @ArchTest
    static final ArchRule liveUsesTheDomainNotItsAdapters = noClasses()
            .that().resideInAPackage("org.cbdf.transfer.live..")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.transfer.requests.web..",
                    "org.cbdf.transfer.requests.messaging..")
            .because("one feature never reaches into another's adapters");
}
