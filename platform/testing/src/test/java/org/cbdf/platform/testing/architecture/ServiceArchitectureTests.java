package org.cbdf.platform.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.cbdf.other.events.ThingHappened;
import org.cbdf.sample.billing.Invoice;
import org.cbdf.sample.orders.Order;
import org.cbdf.sample.orders.messaging.OrderEventHandler;
import org.cbdf.sample.orders.web.OrderView;
import org.junit.jupiter.api.Test;

/** The shared rules on a sample service: a well-behaved feature ({@code orders}) passes, a bad one is named. */
class ServiceArchitectureTests {

    private static final ServiceArchitecture SAMPLE = ServiceArchitecture.of("org.cbdf.sample");

    private static final JavaClasses WELL_BEHAVED = new ClassFileImporter().importClasses(Order.class,
            OrderEventHandler.class, OrderView.class, ThingHappened.class);

    private static final JavaClasses WITH_INVOICE = new ClassFileImporter().importClasses(Order.class,
            OrderEventHandler.class, OrderView.class, ThingHappened.class, Invoice.class);

    @Test
    void aServiceThatFollowsTheRulesPassesThemAll() {
        for (ArchRule rule : SAMPLE.rules()) {
            assertThat(rule.evaluate(WELL_BEHAVED).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    @Test
    void aDomainTypeUsingAnotherFeaturesWebAdapterIsNamed() {
        assertViolation(SAMPLE.domainDoesNotKnowItsAdapters(), "Invoice", "OrderView");
        assertViolation(SAMPLE.adaptersDoNotDependOnEachOther(), "Invoice", "OrderView");
    }

    @Test
    void aDomainTypeUsingAnotherServicesEventIsNamed() {
        assertViolation(SAMPLE.onlyMessagingAdaptersKnowOtherServicesEvents(), "Invoice", "ThingHappened");
    }

    @Test
    void jsonNamingAJavaClassIsNamed() {
        assertViolation(SAMPLE.noJavaClassNameOnTheWire(), "Invoice", "JsonTypeInfo");
    }

    @Test
    void everyRuleSaysWhy() {
        assertThat(SAMPLE.rules()).allSatisfy(rule -> assertThat(rule.getDescription()).contains(", because "));
    }

    @Test
    void aRootPackageIsAServicesOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceArchitecture.of("org.cbdf.platform.web"));
    }

    private static void assertViolation(ArchRule rule, String... named) {
        EvaluationResult result = rule.evaluate(WITH_INVOICE);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(named);
    }
}
