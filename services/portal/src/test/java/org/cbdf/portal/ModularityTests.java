package org.cbdf.portal;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;
import org.cbdf.portal.audit.CheckpointVerification;

/**
 * The portal's shape: pages by feature ({@code transfers}, {@code disputes}, {@code policy}, {@code audit}), the
 * browsers' live streams ({@code live}), the signed-in user ({@code session}), the services' API clients
 * ({@code apis}) and what every page shares ({@code web}). Of the platform's shared rules ({@link ServiceArchitecture})
 * those that speak of the portal's kind of code: features free of cycles, no event published around the outbox, no
 * class name on the wire. The others presume a domain with nested web and messaging adapters; the portal has neither
 * a domain nor messaging — every feature is a web adapter over the services' APIs — so they would hold vacuously or
 * forbid what the portal is (controllers, HTTP clients, the transfer API's decisions from its published language).
 */
@AnalyzeClasses(packages = "org.cbdf.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    private static final ServiceArchitecture PORTAL = ServiceArchitecture.of("org.cbdf.portal");

    private static final String[] PAGES = {"org.cbdf.portal.transfers..", "org.cbdf.portal.disputes..",
            "org.cbdf.portal.policy..", "org.cbdf.portal.audit.."};

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = PORTAL.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox = PORTAL.eventsLeaveOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule noJavaClassNameOnTheWire = PORTAL.noJavaClassNameOnTheWire();

    @ArchTest
    static final ArchRule onlyTheApiClientsTalkHttpToTheServices = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.portal.apis..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.springframework.web.client..",
                    "org.springframework.http.client..")
            .because("every call to a service goes through its client in apis, with the user's token, the timeouts "
                    + "and the service's circuit breaker; a page or a relay with an HTTP client of its own would have none");

    @ArchTest
    static final ArchRule apiClientsKnowNoPages = noClasses()
            .that().resideInAPackage("org.cbdf.portal.apis..")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.portal.transfers..", "org.cbdf.portal.disputes..",
                    "org.cbdf.portal.policy..", "org.cbdf.portal.audit..", "org.cbdf.portal.live..",
                    "org.cbdf.portal.web..")
            .because("a client speaks the API's language (its paths, its names); what a page makes of it is the page's");

    @ArchTest
    static final ArchRule pagesDoNotReachIntoTheLiveStreams = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.portal.live..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.portal.live..")
            .because("the relays are an entry point of their own (GET /live…): a page's controller only names the "
                    + "stream in its template, it never holds a relay or a browser's stream");

    @ArchTest
    static final ArchRule pagesDoNotDependOnEachOther = classes()
            .that().resideInAnyPackage(PAGES)
            .should(new ArchCondition<JavaClass>("not depend on another feature's pages") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                        JavaClass target = dependency.getTargetClass().getBaseComponentType();
                        String feature = feature(target.getPackageName());
                        if (feature != null && !feature.equals(feature(type.getPackageName()))
                                && !belongToAnyOf(CheckpointVerification.class).test(target)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            })
            .because("each feature's pages read their own service's API; the one thing shared is the audit's "
                    + "verification of a timeline, which a transfer's page shows");

    /** {@code transfers} for {@code org.cbdf.portal.transfers…}; null outside the page features. */
    private static String feature(String packageName) {
        for (String feature : List.of("transfers", "disputes", "policy", "audit")) {
            if (packageName.equals("org.cbdf.portal." + feature) || packageName.startsWith("org.cbdf.portal." + feature + ".")) {
                return feature;
            }
        }
        return null;
    }

    @ArchTest
    static final ArchRule onlyTheSessionKnowsOAuth = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.portal.session..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security.oauth2..")
            .because("a handler takes the signed-in user as a PortalUser parameter (PortalUserResolver): the login, the "
                    + "authorized client and the token's claims stay in one place");

    @ArchTest
    static final ArchRule sharedPartsKnowNoFeature = noClasses()
            .that().resideInAnyPackage("org.cbdf.portal.web..", "org.cbdf.portal.session..")
            .should().dependOnClassesThat().resideInAnyPackage(PAGES)
            .because("what every page shares cannot depend on one of them");
}
