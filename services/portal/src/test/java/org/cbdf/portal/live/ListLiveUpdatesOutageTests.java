package org.cbdf.portal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.apis.Downstream;
import org.cbdf.portal.apis.ServiceCircuits;
import org.cbdf.portal.apis.ServiceOutagesTests;
import org.cbdf.portal.session.PortalUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A list's live stream when the transfer service fails: its timeouts and its circuit breaker apply as to every call of
 * the portal (a context of its own: 400 ms to answer, and the circuit opens once the last 2 calls both failed).
 */
@SpringBootTest(properties = {
        "cbdf.portal.calls.read-timeout=400ms",
        "cbdf.portal.calls.circuit-breaker.minimum-calls=2",
        "cbdf.portal.calls.circuit-breaker.sliding-window=2",
        "cbdf.portal.calls.circuit-breaker.failure-rate-threshold=100",
        "cbdf.portal.calls.circuit-breaker.open-for=1h" })
class ListLiveUpdatesOutageTests extends PortalWebTests {

    @Autowired
    ServiceCircuits circuits;
    @Autowired
    TransferFeeds feeds;
    @Autowired
    LiveRelay<TransferFeeds.Visible> lists;

    @AfterEach
    void answerTheSilentConnections() {
        services.reset();
    }

    @Test
    void noAnswerInTimeIsAGatewayTimeoutAServerErrorABadGatewayAndThenTheOpenCircuitAnswersAtOnceWithRetryAfter()
            throws Exception {
        var stream = services.transferStream().answerNothing();
        var regulator = PortalUsers.regulator("CN");

        long started = System.nanoTime();
        MvcResult timedOut = open(regulator);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ServiceOutagesTests.PROMPTLY);
        assertThat(timedOut.getResponse().getStatus()).isEqualTo(504);

        stream.refuseWith(500);
        assertThat(open(regulator).getResponse().getStatus()).isEqualTo(502);
        assertThat(circuits.state(Downstream.TRANSFER)).isEqualTo(CircuitBreaker.State.OPEN);

        MvcResult open = open(regulator);
        assertThat(open.getResponse().getStatus()).isEqualTo(503);
        assertThat(open.getResponse().getHeader("Retry-After")).isEqualTo("3600");
        assertThat(services.requests("GET", "/api/v1/transfers/stream")).as("the open circuit did not call the service")
                .hasSize(2);
        assertThat(lists.following()).as("no slot kept by a stream that did not open").isZero();
    }

    private MvcResult open(PortalUsers.TestUser user) throws Exception {
        return mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM).with(user.session())).andReturn();
    }
}
