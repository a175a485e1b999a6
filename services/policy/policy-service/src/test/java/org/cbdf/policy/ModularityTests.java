package org.cbdf.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.cbdf.platform.testing.architecture.ServiceArchitecture;

/**
 * The platform's shared rules ({@link ServiceArchitecture}) but one, and the policy service's own. Not taken as it
 * stands: {@code onlyMessagingAdaptersKnowOtherServicesEvents}. The engine ({@code org.cbdf.policy.rules}, the
 * policy-engine module) assesses the transfer service's {@code TransferRequest} as its input, by design: the request
 * is the contract both sides share, and assessing the producer's request is the engine's job. So whatever hands the
 * engine a request or keeps the one it assessed knows it too: the stored assessment (reassessed under a changed
 * policy), the administration's status-change preview (its route), the dry run's body. Excluding the engine's package
 * would not make the shared rule hold, and its API takes no exception, so the policy service applies it narrowed
 * instead ({@link #onlyMessagingAdaptersKnowOtherServicesEventsButTheRequest}): the request and its parts are allowed
 * everywhere, any other event type of another service (a {@code TransferSubmitted}, the topic's type names) only in a
 * messaging adapter. The features stack up without cycles: {@code versions} (the policy in force and every
 * version stored) under {@code assessment} (assessing transfers under it), under {@code administration} (changing
 * it), under {@code review} (the review procedure, which changes decisions and agreements through the administration
 * and is told about other changes in-process, by event). Every refusal is the platform's {@code Refusal}; stream
 * bindings are {@code *Streams}. The engine (policy-engine) checks its own boundaries.
 */
@AnalyzeClasses(packages = "org.cbdf.policy",
        importOptions = {ImportOption.DoNotIncludeTests.class, ModularityTests.DoNotIncludeTestJars.class})
class ModularityTests {

    /** The engine's test jar (its Object Mothers) is on the test class path as a jar, which DoNotIncludeTests keeps. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final ServiceArchitecture POLICY = ServiceArchitecture.of("org.cbdf.policy");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = POLICY.featuresAreFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowItsAdapters = POLICY.domainDoesNotKnowItsAdapters();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = POLICY.adaptersDoNotDependOnEachOther();

    /**
     * The transfer request the engine assesses: {@code TransferRequest} with its nested records, the enums of its
     * members, and the producer's rules for it ({@code TransferRequestRules}, which the dry run applies to its body).
     */
    private static final Set<String> THE_REQUEST = Set.of("org.cbdf.transfer.events.TransferRequest",
            "org.cbdf.transfer.events.DataCategory", "org.cbdf.transfer.events.Mechanism",
            "org.cbdf.transfer.events.Exemption", "org.cbdf.transfer.events.Safeguard",
            "org.cbdf.transfer.events.Certification", "org.cbdf.transfer.events.TransferRequestRules");

    @ArchTest
    static final ArchRule onlyMessagingAdaptersKnowOtherServicesEventsButTheRequest = noClasses()
            .that().resideInAPackage("org.cbdf.policy..").and().resideOutsideOfPackage("org.cbdf.policy..messaging..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "are another service's events (org.cbdf.<service>.events..) other than the transfer request",
                    (JavaClass type) -> {
                        JavaClass outermost = type.getBaseComponentType();
                        while (outermost.getEnclosingClass().isPresent()) {
                            outermost = outermost.getEnclosingClass().get();
                        }
                        String[] parts = outermost.getPackageName().split("\\.");
                        return parts.length >= 4 && parts[0].equals("org") && parts[1].equals("cbdf")
                                && !parts[2].equals("policy") && !parts[2].equals("platform")
                                && parts[3].equals("events") && !THE_REQUEST.contains(outermost.getName());
                    }))
            .because("the shared rule, but for the engine's input: another service's events are mapped to the policy "
                    + "service's words by the messaging adapter that reads them (a submission becomes a "
                    + "SubmittedTransfer), so the producer's next event version changes one adapter; the transfer "
                    + "request itself is what the engine assesses and an assessment keeps");

    @ArchTest
    static final ArchRule domainThrowsNoHttpExceptions = POLICY.domainThrowsNoHttpExceptions();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox = POLICY.eventsLeaveOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule noJavaClassNameOnTheWire = POLICY.noJavaClassNameOnTheWire();

    @ArchTest
    static final ArchRule nothingElseDependsOnTheReviewProcedure = noClasses()
            .that().resideOutsideOfPackage("org.cbdf.policy.review..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.policy.review..")
            .because("the administration tells the reviews about changes by in-process events, so reviews can be "
                    + "taken out without touching the policy");

    @ArchTest
    static final ArchRule assessingDoesNotKnowChangingThePolicy = noClasses()
            .that().resideInAnyPackage("org.cbdf.policy.assessment..", "org.cbdf.policy.versions..",
                    "org.cbdf.policy.jurisdiction..")
            .should().dependOnClassesThat().resideInAPackage("org.cbdf.policy.administration..")
            .because("an assessment reads the policy in force; only the administration changes it, and it tells the "
                    + "assessment which transfers to reassess");

    @ArchTest
    static final ArchRule versionsKnowOnlyTheEngine = noClasses()
            .that().resideInAPackage("org.cbdf.policy.versions..")
            .should().dependOnClassesThat().resideInAnyPackage("org.cbdf.policy.assessment..",
                    "org.cbdf.policy.jurisdiction..")
            .because("a stored policy version is the engine's files and hash, whatever uses it");

    @ArchTest
    static final ArchRule refusalsAreTheSharedRefusal = noClasses()
            .should().beAssignableTo(org.springframework.web.ErrorResponseException.class)
            .because("a domain refuses in the platform's Refusal kinds and ApiProblems answers them alike in every "
                    + "service; an HTTP exception in the domain is the web adapter's job done in the wrong place");

    @ArchTest
    static final ArchRule streamBindingsAreNamedStreams = classes()
            .that().resideInAPackage("org.cbdf.policy..")
            .and(DescribedPredicate.describe("use Spring Messaging", (JavaClass c) -> c.getDirectDependenciesFromSelf()
                    .stream().anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.springframework.messaging"))))
            .should().haveSimpleNameEndingWith("Streams")
            .because("as in every service, the Spring Cloud Stream functions are declared in *Streams classes that "
                    + "only map and delegate to an *EventHandler");
}
