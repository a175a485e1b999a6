package org.cbdf.portal.apis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.portal.FakeServices;
import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * What counts against a service's circuit: no answer, or a server error; a refusal or an expired token is the service
 * working. Calls through {@link ServiceCalls} to {@link FakeServices}, a circuit that opens once half of the last 4
 * calls failed.
 */
class ServiceCallsTests {

    static final FakeServices services = FakeServices.INSTANCE;
    static final PortalUser ADMIN = new PortalUser("admin", List.of("POLICY_ADMIN"), null, null, "token-of-admin");
    static final String CHANGE = "/api/v1/adequacy-decisions/eu-gb";

    ServiceCircuits circuits;
    ServiceCalls calls;

    @BeforeEach
    void callsWithASmallCircuit() {
        services.reset();
        var properties = new PortalProperties(services.baseUri(), services.baseUri(), services.baseUri(),
                services.baseUri(), null, new PortalProperties.Calls(Duration.ofSeconds(2), Duration.ofSeconds(5), null,
                        new PortalProperties.CircuitBreaker(50, 4, 4, Duration.ofHours(1), 1)), null);
        circuits = new ServiceCircuits(properties, new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
        calls = new ServiceCalls(properties, circuits);
    }

    @Test
    void refusalsAndExpiredTokensAreTheServiceWorkingAndNeverOpenItsCircuit() {
        services.answer("PUT", CHANGE, 409, "{\"status\": 409, \"title\": \"Nothing to change\"}")
                .answer("GET", "/api/v1/adequacy-decisions", 401, "{\"status\": 401}");

        for (int call = 0; call < 8; call++) {
            assertThat(change()).isInstanceOf(ServiceCalls.Outcome.Refused.class);
            assertThatThrownBy(() -> calls.get(Downstream.POLICY, services.baseUri().resolve("/api/v1/adequacy-decisions"),
                    ADMIN)).isInstanceOf(SessionExpired.class);
        }

        assertThat(circuits.state(Downstream.POLICY)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(services.requests("PUT", CHANGE)).hasSize(8);
    }

    @Test
    void serverErrorsOpenTheCircuitAndThenTheServiceIsNotCalled() {
        services.answer("PUT", CHANGE, 500, "{\"status\": 500, \"title\": \"Internal Server Error\"}");

        for (int call = 0; call < 4; call++) {
            ServiceCalls.Outcome outcome = change();
            assertThat(outcome).isInstanceOfSatisfying(ServiceCalls.Outcome.Refused.class,
                    refused -> assertThat(ServiceCalls.shownStatus(refused.problem()).value()).isEqualTo(502));
        }

        assertThat(circuits.state(Downstream.POLICY)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(this::change).isInstanceOfSatisfying(ServiceUnavailable.class, unavailable -> {
            assertThat(unavailable.reason()).isEqualTo(ServiceUnavailable.Reason.CIRCUIT_OPEN);
            assertThat(unavailable.reason().status().value()).isEqualTo(503);
            assertThat(unavailable.mayHaveBeenRecorded()).as("it was not called").isFalse();
        });
        assertThat(services.requests("PUT", CHANGE)).hasSize(4);
        assertThat(circuits.state(Downstream.DISPUTE)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aReadAnsweredWithAServerErrorIsTheServiceUnavailableAsABadGateway() {
        services.answer("GET", "/api/v1/disputes", 503, "{\"status\": 503}");

        assertThatThrownBy(() -> calls.get(Downstream.DISPUTE, services.baseUri().resolve("/api/v1/disputes"), ADMIN))
                .isInstanceOfSatisfying(ServiceUnavailable.class, unavailable -> {
                    assertThat(unavailable.service()).isEqualTo(Downstream.DISPUTE);
                    assertThat(unavailable.reason()).isEqualTo(ServiceUnavailable.Reason.SERVER_ERROR);
                    assertThat(unavailable.reason().status().value()).isEqualTo(502);
                });
        assertThat(circuits.state(Downstream.DISPUTE)).as("one failure of four").isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private ServiceCalls.Outcome change() {
        return calls.send(Downstream.POLICY, HttpMethod.PUT, services.baseUri().resolve(CHANGE), ADMIN,
                MediaType.APPLICATION_JSON, java.util.Map.of("status", "SUSPENDED", "reason", "test"));
    }
}
