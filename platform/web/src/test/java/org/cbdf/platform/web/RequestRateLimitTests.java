package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The token buckets on a clock the test moves: 2 requests per second, bursts of 5. */
class RequestRateLimitTests {

    final AtomicLong now = new AtomicLong(Duration.ofDays(1).toNanos());
    final RequestRateLimit limit = new RequestRateLimit(
            new RateLimitProperties(true, 2, 5, List.of("/actuator/health/**", "/actuator/prometheus")), now::get);

    @Test
    void aClientGetsItsBurstThenA429WithRetryAfterAndAProblemDocument() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call(token("govctl", "alice")).getStatus()).as("request %d of the burst", i + 1).isEqualTo(200);
        }

        MockHttpServletResponse refused = call(token("govctl", "alice"));

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429", "\"title\":\"Too Many Requests\"",
                "2 requests per second (bursts of 5)");
    }

    @Test
    void retryAfterSaysHowLongUntilTheNextRequestIsAllowed() throws Exception {
        var slow = new RequestRateLimit(new RateLimitProperties(true, 1, 1, List.of()), now::get);
        assertThat(call(slow, token("govctl", "alice")).getStatus()).isEqualTo(200);
        now.addAndGet(Duration.ofMillis(100).toNanos());

        MockHttpServletResponse refused = call(slow, token("govctl", "alice"));

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).as("0.9 s rounded up").isEqualTo("1");
        now.addAndGet(Duration.ofMillis(900).toNanos() - 1);
        assertThat(call(slow, token("govctl", "alice")).getStatus()).as("1 ns early").isEqualTo(429);
        now.addAndGet(1);
        assertThat(call(slow, token("govctl", "alice")).getStatus()).isEqualTo(200);
    }

    @Test
    void everyClientHasItsOwnBucket() throws Exception {
        exhaust(token("govctl", "alice"));

        assertThat(call(token("govctl", "alice")).getStatus()).isEqualTo(429);
        assertThat(call(token("govctl", "bob")).getStatus()).as("another user").isEqualTo(200);
        assertThat(call(token("portal", "alice")).getStatus()).as("the same user through another client")
                .isEqualTo(200);
        assertThat(call(anonymous("10.0.0.1")).getStatus()).as("no token: counted by address").isEqualTo(200);
    }

    @Test
    void callersWithoutATokenAreCountedByTheirAddress() throws Exception {
        exhaust(anonymous("10.0.0.1"));

        assertThat(call(anonymous("10.0.0.1")).getStatus()).isEqualTo(429);
        assertThat(call(anonymous("10.0.0.2")).getStatus()).isEqualTo(200);
        MockHttpServletRequest anonymousAuthentication = anonymous("10.0.0.1");
        anonymousAuthentication.setUserPrincipal(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(call(anonymousAuthentication).getStatus()).as("Spring Security's anonymous user is no client")
                .isEqualTo(429);
    }

    @Test
    void theBucketRefillsAtTheConfiguredRate() throws Exception {
        exhaust(token("govctl", "alice"));
        assertThat(call(token("govctl", "alice")).getStatus()).isEqualTo(429);

        now.addAndGet(Duration.ofMillis(500).toNanos()); // one token at 2 per second

        assertThat(call(token("govctl", "alice")).getStatus()).isEqualTo(200);
        assertThat(call(token("govctl", "alice")).getStatus()).isEqualTo(429);

        now.addAndGet(Duration.ofSeconds(10).toNanos()); // long enough to fill up, not beyond the burst

        exhaust(token("govctl", "alice"));
        assertThat(call(token("govctl", "alice")).getStatus()).isEqualTo(429);
    }

    @Test
    void healthMetricsAndPreflightsAreNeverLimited() throws Exception {
        exhaust(anonymous("10.0.0.1"));

        for (int i = 0; i < 20; i++) {
            assertThat(call(anonymous("10.0.0.1", "GET", "/actuator/health/readiness")).getStatus()).isEqualTo(200);
            assertThat(call(anonymous("10.0.0.1", "GET", "/actuator/prometheus")).getStatus()).isEqualTo(200);
            assertThat(call(anonymous("10.0.0.1", "OPTIONS", "/api/v1/transfers")).getStatus()).isEqualTo(200);
        }
        assertThat(call(anonymous("10.0.0.1", "GET", "/actuator/metrics")).getStatus()).isEqualTo(429);
    }

    private void exhaust(MockHttpServletRequest request) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call(copy(request)).getStatus()).isEqualTo(200);
        }
    }

    private MockHttpServletResponse call(MockHttpServletRequest request) throws Exception {
        return call(limit, request);
    }

    private static MockHttpServletResponse call(RequestRateLimit filter, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest copy(MockHttpServletRequest request) {
        MockHttpServletRequest copy = new MockHttpServletRequest(request.getMethod(), request.getRequestURI());
        copy.setRemoteAddr(request.getRemoteAddr());
        copy.setUserPrincipal(request.getUserPrincipal());
        return copy;
    }

    private static MockHttpServletRequest token(String azp, String subject) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/transfers");
        request.setRemoteAddr("10.0.0.1");
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject(subject).claim("azp", azp).build();
        request.setUserPrincipal(new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_AUDITOR")));
        return request;
    }

    private static MockHttpServletRequest anonymous(String address) {
        return anonymous(address, "GET", "/v3/api-docs");
    }

    private static MockHttpServletRequest anonymous(String address, String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        return request;
    }
}
