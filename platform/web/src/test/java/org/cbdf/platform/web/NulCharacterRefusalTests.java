package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class NulCharacterRefusalTests {

    @Test
    void aJsonBodyWithTheNulEscapeOrANulByteHasANul() {
        assertThat(nul("{\"a\":\"x\\u0000y\"}", true)).isTrue();
        assertThat(nul("{\"a\":\"\\u0000\"}", true)).isTrue();
        assertThat(nul("{\"a\":\"x\0y\"}", false)).isTrue();
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        assertThat(nul("{\"a\":\"\\\\u0000\"}", true)).as("the text \\u0000, six characters").isFalse();
        assertThat(nul("{\"a\":\"\\\\\\u0000\"}", true)).as("a backslash, then NUL").isTrue();
        assertThat(nul("{\"a\":\"\\u00001\"}", true)).isTrue();
        assertThat(nul("{\"a\":\"\\u0001\\u1000\"}", true)).isFalse();
        assertThat(nul("{\"a\":\"\\u0000\"}", false)).as("not JSON: no escapes").isFalse();
        assertThat(nul("\\", true)).isFalse();
    }

    @Test
    void aQueryParameterWithNulIsRefusedWithAProblemNamingIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/audit/events");
        request.addParameter("aggregateId", "a\0b");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new NulCharacterRefusal.Parameters().doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"field\":\"aggregateId\"", "\"status\":400");
        assertThat(chain.getRequest()).as("went no further").isNull();
    }

    @Test
    void parametersWithoutNulGoOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/audit/events");
        request.addParameter("aggregateId", "Ω≈ç√ \\u0000");
        MockFilterChain chain = new MockFilterChain();

        new NulCharacterRefusal.Parameters().doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    private static boolean nul(String body, boolean json) {
        return NulCharacterRefusal.containsNul(body.getBytes(StandardCharsets.UTF_8), json);
    }
}
