package org.cbdf.platform.testing.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The architecture every service shares, as ArchUnit rules over its root package ({@code org.cbdf.dispute}): features
 * are the packages right below the root ({@code org.cbdf.dispute.cases}), each holding its domain and, nested, its
 * adapters ({@code cases.web}, {@code cases.messaging}); {@code <root>.events} is the service's published language
 * (its {@code -events} module). A service's {@code ModularityTests} declares the ones it follows, one field each:
 *
 * <pre>{@code
 * private static final ServiceArchitecture DISPUTE = ServiceArchitecture.of("org.cbdf.dispute");
 * @ArchTest static final ArchRule domainDoesNotKnowItsAdapters = DISPUTE.domainDoesNotKnowItsAdapters();
 * }</pre>
 *
 * and {@link #rules()} lists all of them, for a service that follows every one.
 */
public final class ServiceArchitecture {

    /** The adapter packages a feature nests: what the outside world talks to, translated to the domain. */
    public static final Set<String> ADAPTERS = Set.of("web", "messaging");

    private static final String PLATFORM = "org.cbdf.platform";

    private static final List<String> HTTP_EXCEPTIONS = List.of("org.springframework.web.server.ResponseStatusException",
            "org.springframework.web.ErrorResponseException", "org.springframework.web.ErrorResponse");

    private static final List<String> WEB_COMPONENTS = List.of("org.springframework.web.bind.annotation.RestController",
            "org.springframework.stereotype.Controller", "org.springframework.web.bind.annotation.ControllerAdvice",
            "org.springframework.web.bind.annotation.RestControllerAdvice");

    private final String root;
    private final String service;

    private ServiceArchitecture(String root) {
        this.root = Objects.requireNonNull(root, "root");
        this.service = root.substring(root.lastIndexOf('.') + 1);
    }

    /** The rules for the service whose classes live under {@code rootPackage} ({@code org.cbdf.<service>}). */
    public static ServiceArchitecture of(String rootPackage) {
        if (!rootPackage.startsWith("org.cbdf.") || rootPackage.startsWith(PLATFORM)) {
            throw new IllegalArgumentException("a service's root package is org.cbdf.<service>, not " + rootPackage);
        }
        return new ServiceArchitecture(rootPackage);
    }

    /** Every rule, for a service that follows them all. */
    public List<ArchRule> rules() {
        return List.of(featuresAreFreeOfCycles(), domainDoesNotKnowItsAdapters(), adaptersDoNotDependOnEachOther(),
                onlyMessagingAdaptersKnowOtherServicesEvents(), domainThrowsNoHttpExceptions(),
                eventsLeaveOnlyThroughTheOutbox(), noJavaClassNameOnTheWire());
    }

    public ArchRule featuresAreFreeOfCycles() {
        return SlicesRuleDefinition.slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a feature that needs another is built on it; two that need each other are one feature");
    }

    /** The classes of a feature that are neither adapters nor its published language: its domain. */
    public DescribedPredicate<JavaClass> domain() {
        return DescribedPredicate.describe("domain of a feature of " + root, (JavaClass type) -> {
            Optional<String[]> path = pathBelowRoot(type.getPackageName());
            return path.isPresent() && path.get().length >= 1 && !path.get()[0].equals("events")
                    && adapterOf(path.get()).isEmpty();
        });
    }

    public ArchRule domainDoesNotKnowItsAdapters() {
        return noClasses().that(domain()).should().dependOnClassesThat(adapter())
                .because("the domain is what the adapters translate to, not the other way round");
    }

    /**
     * Nothing depends on an adapter but the adapter itself: not the domain, not the feature's other adapter, not
     * another feature (the service's root, where the application and its configuration live, may wire them).
     */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return classes().that(insideTheServiceBelowItsRoot()).should(new ArchCondition<JavaClass>(
                "not depend on an adapter (web, messaging) other than their own") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String own = adapterPackage(type.getPackageName()).orElse(null);
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    adapterPackage(target.getPackageName()).filter(adapter -> !adapter.equals(own))
                            .ifPresent(adapter -> events.add(SimpleConditionEvent.violated(dependency,
                                    dependency.getDescription())));
                }
            }
        }).because("web and messaging adapters of one feature, and other features, meet in the domain: an adapter is "
                + "an entry point that Spring wires, so changing one never ripples into another");
    }

    /** Another service's events ({@code org.cbdf.<other>.events}) are translated by the messaging adapters only. */
    public ArchRule onlyMessagingAdaptersKnowOtherServicesEvents() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + "..messaging..")
                .should().dependOnClassesThat(otherServicesEvents())
                .because("another service's wire types are its published language: a consumer's messaging adapter "
                        + "maps them to its own domain's words, so that the producer's next version changes one "
                        + "adapter, not the domain, the web API and the database");
    }

    public ArchRule domainThrowsNoHttpExceptions() {
        DescribedPredicate<JavaClass> httpException = DescribedPredicate.describe("are HTTP exceptions or HTTP status",
                (JavaClass type) -> HTTP_EXCEPTIONS.stream().anyMatch(name -> assignableTo(name).test(type))
                        || resideInAPackage("org.springframework.web..").test(type)
                        || type.getName().equals("org.springframework.http.HttpStatus")
                        || type.getName().equals("org.springframework.http.HttpStatusCode"));
        return noClasses().that(domain()).and(not(webComponent())).should().dependOnClassesThat(httpException)
                .because("a domain refuses in its own words (org.cbdf.platform.web.Refusal: invalid, not allowed, not "
                        + "found, conflict, stale); platform web's ApiProblems answers every refusal with its problem "
                        + "document, the same in every service");
    }

    public ArchRule eventsLeaveOnlyThroughTheOutbox() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.cloud.stream.function.StreamBridge")
                .because("an event is written to the outbox in the transaction of its cause and published after "
                        + "commit by platform messaging's one relay: a StreamBridge.send from a service is a dual write");
    }

    /**
     * Events are identified by their logical, versioned type ({@code dispute.opened.v1}), never by a Java class name:
     * no class-name type info in JSON, no Spring Kafka JSON type headers, no {@code Class.getName()} in what the
     * messaging adapters and the published language write.
     */
    public ArchRule noJavaClassNameOnTheWire() {
        return classes().that().resideInAPackage(root + "..").should(new ArchCondition<JavaClass>(
                "not put a Java class name on the wire") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getName();
                    if (target.startsWith("org.springframework.kafka.support.serializer.")
                            || target.startsWith("org.springframework.kafka.support.mapping.")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " (Spring Kafka's JSON serde writes the class name in a type header)"));
                    }
                }
                typeInfoByClassName(type).ifPresent(where -> events.add(SimpleConditionEvent.violated(type,
                        where + " is annotated @JsonTypeInfo(use = CLASS): the JSON would name a Java class")));
                if (writesTheWire(type.getPackageName())) {
                    for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                        if (call.getTargetOwner().isEquivalentTo(Class.class) && Set.of("getName", "getSimpleName",
                                "getCanonicalName", "getTypeName").contains(call.getName())) {
                            events.add(SimpleConditionEvent.violated(call, call.getDescription()
                                    + " (a messaging adapter or published language writing a class name)"));
                        }
                    }
                }
            }
        }).because("a consumer in another service, language or version must understand the event without our "
                + "classes; renaming a class must not change the wire");
    }

    private boolean writesTheWire(String packageName) {
        return packageName.startsWith(root + ".events") || packageName.contains(".messaging")
                && packageName.startsWith(root + ".");
    }

    private static Optional<String> typeInfoByClassName(JavaClass type) {
        if (usesClassNames(type.getAnnotations())) {
            return Optional.of(type.getName());
        }
        return type.getAllMembers().stream().filter(member -> usesClassNames(member.getAnnotations()))
                .map(member -> member.getFullName()).findFirst();
    }

    private static boolean usesClassNames(Set<? extends JavaAnnotation<?>> annotations) {
        return annotations.stream()
                .filter(annotation -> annotation.getRawType().getName().endsWith(".annotation.JsonTypeInfo"))
                .anyMatch(annotation -> annotation.get("use").map(String::valueOf)
                        .filter(use -> use.endsWith("CLASS")).isPresent());
    }

    private DescribedPredicate<JavaClass> insideTheServiceBelowItsRoot() {
        return DescribedPredicate.describe("reside below " + root,
                (JavaClass type) -> pathBelowRoot(type.getPackageName()).filter(path -> path.length >= 1).isPresent());
    }

    private DescribedPredicate<JavaClass> adapter() {
        return DescribedPredicate.describe("are adapters (web, messaging) of " + root,
                (JavaClass type) -> adapterPackage(type.getBaseComponentType().getPackageName()).isPresent());
    }

    private DescribedPredicate<JavaClass> otherServicesEvents() {
        return DescribedPredicate.describe("are another service's events (org.cbdf.<service>.events..)",
                (JavaClass type) -> {
                    String[] parts = type.getBaseComponentType().getPackageName().split("\\.");
                    return parts.length >= 4 && parts[0].equals("org") && parts[1].equals("cbdf")
                            && !parts[2].equals(service) && !parts[2].equals("platform") && parts[3].equals("events");
                });
    }

    private static DescribedPredicate<JavaClass> webComponent() {
        return DescribedPredicate.describe("web components (controllers, controller advice)",
                (JavaClass type) -> WEB_COMPONENTS.stream().anyMatch(name -> annotatedWith(name).test(type)));
    }

    /** {@code org.cbdf.dispute.cases.web.x} → {@code org.cbdf.dispute.cases.web}, for an adapter's classes. */
    private Optional<String> adapterPackage(String packageName) {
        return pathBelowRoot(packageName).flatMap(path -> adapterOf(path).map(depth ->
                root + "." + String.join(".", List.of(path).subList(0, depth + 1))));
    }

    /** The index of the adapter segment (web, messaging) of a feature's package path, if it is an adapter's. */
    private static Optional<Integer> adapterOf(String[] path) {
        for (int i = 1; i < path.length; i++) {
            if (ADAPTERS.contains(path[i])) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private Optional<String[]> pathBelowRoot(String packageName) {
        if (packageName.equals(root)) {
            return Optional.of(new String[0]);
        }
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        return Optional.of(packageName.substring(root.length() + 1).split("\\."));
    }
}
