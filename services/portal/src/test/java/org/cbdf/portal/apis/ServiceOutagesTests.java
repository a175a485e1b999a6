package org.cbdf.portal.apis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cbdf.portal.FakeServices;
import org.cbdf.portal.policy.PolicyAdministrationTests;
import org.cbdf.portal.session.PortalUsers;
import org.cbdf.portal.transfers.Transfers;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Services that do not answer: the policy, audit and transfer services are played by a server that takes every
 * request and never answers, the dispute service by a port nobody listens on. The portal answers within its
 * timeouts with a page that names the service and says what became of the request, and after repeated failures it
 * stops calling a service (its circuit opens) and says so at once. Timeouts here are short (400 ms), and a circuit
 * opens after 3 calls of which 2 failed.
 */
@SpringBootTest(properties = {
        "cbdf.portal.calls.connect-timeout=500ms",
        "cbdf.portal.calls.read-timeout=400ms",
        "cbdf.portal.calls.export-timeout=600ms",
        "cbdf.portal.calls.circuit-breaker.minimum-calls=3",
        "cbdf.portal.calls.circuit-breaker.sliding-window=3",
        "cbdf.portal.calls.circuit-breaker.failure-rate-threshold=50",
        "cbdf.portal.calls.circuit-breaker.open-for=1h" })
@AutoConfigureMockMvc
public class ServiceOutagesTests {

    /** Far more than the timeouts, far less than a hung request: what "answers within the timeout" allows. */
    public static final Duration PROMPTLY = Duration.ofSeconds(5);

    static final SilentService silent = new SilentService();
    static final URI NOBODY_LISTENS = nobodyListens();

    @Autowired
    MockMvc mvc;
    @Autowired
    ServiceCircuits circuits;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("cbdf.portal.transfer-service", () -> silent.baseUri().toString());
        registry.add("cbdf.portal.policy-service", () -> silent.baseUri().toString());
        registry.add("cbdf.portal.audit-service", () -> silent.baseUri().toString());
        registry.add("cbdf.portal.dispute-service", NOBODY_LISTENS::toString);
        registry.add("cbdf.portal.oidc.issuer-uri", () -> PortalUsers.ISSUER);
    }

    @AfterAll
    static void stopSilentService() {
        silent.stop();
    }

    @Test
    void aServiceThatNeverAnswersIsAGatewayTimeoutWithinTheTimeoutAndRepeatedFailuresOpenItsCircuit() throws Exception {
        var admin = PortalUsers.policyAdmin();

        for (int call = 1; call <= 3; call++) {
            long started = System.nanoTime();
            MvcResult result = mvc.perform(get("/policy/adequacy-decisions").with(admin.session())).andReturn();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(result.getResponse().getStatus()).isEqualTo(504);
            Document page = PolicyAdministrationTests.page(result);
            assertThat(page.select("#service-unavailable").text()).isEqualTo("The policy service is unavailable");
            assertThat(page.select("#unavailable-reason").text())
                    .isEqualTo("The policy service did not answer within 0.4 seconds, so the portal stopped waiting.");
            assertThat(page.select("#unavailable-recorded").text()).isEqualTo("Nothing was recorded or changed. Try again in a moment.");
            assertThat(page.select("#try-again").attr("href")).isEqualTo("/policy/adequacy-decisions");
        }
        int reached = 3;
        await().atMost(PROMPTLY).until(() -> silent.requests("/api/v1/adequacy-decisions") == reached);
        assertThat(circuits.state(Downstream.POLICY)).isEqualTo(CircuitBreaker.State.OPEN);

        MvcResult open = mvc.perform(get("/policy/adequacy-decisions").with(admin.session()).param("lang", "zh-CN"))
                .andReturn();

        assertThat(open.getResponse().getStatus()).isEqualTo(503);
        assertThat(open.getResponse().getHeader("Retry-After")).isEqualTo("3600");
        Document page = PolicyAdministrationTests.page(open);
        assertThat(page.select("#service-unavailable").text()).isEqualTo("政策服务暂时不可用");
        assertThat(page.select("#unavailable-reason").text()).startsWith("政策服务刚才多次失败");
        assertThat(silent.requests("/api/v1/adequacy-decisions")).as("the open circuit did not call the service")
                .isEqualTo(reached);
        assertThat(circuits.state(Downstream.TRANSFER)).as("the other services' circuits stay closed")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aServiceNobodyListensForIsABadGatewayAndAChangeSentToItIsSaidNotToBeRecorded() throws Exception {
        var regulator = PortalUsers.regulator("CN");
        String dispute = "/disputes/" + java.util.UUID.randomUUID();

        MvcResult read = mvc.perform(get(dispute).with(regulator.session())).andReturn();
        MvcResult change = mvc.perform(post(dispute + "/escalation").with(regulator.session()).with(csrf())
                .param("reason", "No agreement in sight")).andReturn();

        assertThat(read.getResponse().getStatus()).isEqualTo(502);
        assertThat(PolicyAdministrationTests.page(read).select("#unavailable-reason").text())
                .isEqualTo("The portal could not connect to the dispute service.");
        assertThat(change.getResponse().getStatus()).isEqualTo(502);
        Document page = PolicyAdministrationTests.page(change);
        assertThat(page.select("#service-unavailable").text()).isEqualTo("The dispute service is unavailable");
        assertThat(page.select("#unavailable-recorded").text()).startsWith(
                "Nothing was recorded: your change did not reach the dispute service.");
        assertThat(page.select("#try-again")).as("a form's post is not repeated").isEmpty();
    }

    @Test
    void aChangeThatGotNoAnswerInTimeIsSaidToBeOfUnknownFateAndTheExportDownloadTimesOutToo() throws Exception {
        var auditor = PortalUsers.auditor();

        long started = System.nanoTime();
        MvcResult sign = mvc.perform(post("/audit/checkpoints").with(auditor.session()).with(csrf())).andReturn();
        MvcResult export = mvc.perform(get("/audit/export").param("from", "0").with(auditor.session())).andReturn();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY.multipliedBy(2));
        assertThat(sign.getResponse().getStatus()).isEqualTo(504);
        assertThat(PolicyAdministrationTests.page(sign).select("#unavailable-recorded").text()).isEqualTo(
                "The portal cannot tell whether the audit service recorded your change before it stopped answering. "
                        + "Look at the page again before repeating it, so that nothing is recorded twice.");
        assertThat(export.getResponse().getStatus()).isEqualTo(504);
        assertThat(export.getResponse().getContentType()).startsWith("text/html");
        await().atMost(PROMPTLY).until(() -> silent.requests("/api/v1/audit/checkpoints") == 1
                && silent.requests("/api/v1/audit/export") == 1);
    }

    @Test
    void theLiveStreamOfATransferServiceThatDoesNotAnswerEndsWithAGatewayTimeout() throws Exception {
        String transfer = Transfers.awaitingChina().id();

        long started = System.nanoTime();
        MvcResult live = mvc.perform(get("/live").param("transfer", transfer + "@3")
                .with(PortalUsers.regulator("CN").session())).andReturn();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(live.getResponse().getStatus()).isEqualTo(504);
        await().atMost(PROMPTLY).until(() -> silent.requests("/api/v1/transfers/" + transfer + "/events") == 1);
    }

    private static URI nobodyListens() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // the port is free again once closed: connections to it are refused
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every request, records its path, and never answers until the tests are over. */
    static final class SilentService {

        private final HttpServer server;
        private final List<String> paths = new CopyOnWriteArrayList<>();
        private final CountDownLatch over = new CountDownLatch(1);

        SilentService() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                paths.add(exchange.getRequestURI().getPath());
                FakeServices.holdUntil(over, exchange);
            });
            server.start();
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        long requests(String path) {
            return paths.stream().filter(path::equals).count();
        }

        void stop() {
            over.countDown();
            server.stop(0);
        }
    }
}
