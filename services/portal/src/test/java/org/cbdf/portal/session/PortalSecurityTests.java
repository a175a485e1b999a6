package org.cbdf.portal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.transfers.Transfers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponentsBuilder;

/** Login, logout and the headers, against a Keycloak that is not there (the portal starts without it). */
class PortalSecurityTests extends PortalWebTests {

    @Test
    void aPageWithoutASessionSendsTheBrowserToLogInAndFromThereToTheIssuersLoginPage() throws Exception {
        mvc.perform(get("/transfers"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", endsWith("/oauth2/authorization/keycloak")));

        String login = mvc.perform(get("/oauth2/authorization/keycloak")).andExpect(status().isFound())
                .andReturn().getResponse().getHeader("Location");
        assertThat(login).startsWith(PortalUsers.ISSUER + "/protocol/openid-connect/auth?")
                .contains("code_challenge_method=S256", "redirect_uri=http://localhost:8080/login/oauth2/code/keycloak");
    }

    @Test
    void noUrlThePortalHandsOutCarriesTheHostTheClientSent() throws Exception {
        RequestPostProcessor evil = request -> {
            request.setServerName("evil.example"); // what Tomcat reports for "Host: evil.example"
            request.addHeader("Host", "evil.example");
            request.addHeader("X-Forwarded-Host", "evil.example");
            request.addHeader("Forwarded", "host=evil.example;proto=https");
            return request;
        };
        var regulator = PortalUsers.regulator("CN");
        services.transferList(0);

        List<MockHttpServletResponse> answers = List.of(
                mvc.perform(get("/transfers").with(evil)).andExpect(status().isFound()).andReturn().getResponse(),
                mvc.perform(get("/oauth2/authorization/keycloak").with(evil)).andExpect(status().isFound())
                        .andReturn().getResponse(),
                mvc.perform(get("/inbox").with(evil).with(regulator.session())).andExpect(status().isOk())
                        .andReturn().getResponse(),
                mvc.perform(post("/logout").with(evil).with(regulator.session()).with(csrf()))
                        .andExpect(status().isFound()).andReturn().getResponse());

        for (MockHttpServletResponse answer : answers) {
            for (String name : answer.getHeaderNames()) {
                assertThat(answer.getHeaders(name)).as(name).noneMatch(value -> value.contains("evil.example"));
            }
            assertThat(answer.getContentAsString()).doesNotContain("evil.example");
        }
        assertThat(answers.get(1).getHeader("Location"))
                .contains("redirect_uri=http://127.0.0.1:8080/login/oauth2/code/keycloak");
        assertThat(UriComponentsBuilder.fromUriString(answers.get(3).getHeader("Location")).build().getQueryParams()
                .getFirst("post_logout_redirect_uri")).isEqualTo("http://127.0.0.1:8080/");
    }

    @Test
    void anEventStreamOrAnHtmxRequestWithoutASessionIsUnauthorizedNotRedirected() throws Exception {
        mvc.perform(get("/live").param("transfer", Transfers.awaitingChina().id()).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Location"));
        mvc.perform(get("/transfers/" + Transfers.awaitingChina().id() + "/state").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void loggingOutEndsTheKeycloakSessionWithTheIdTokenAsHint() throws Exception {
        var regulator = PortalUsers.regulator("CN");

        String location = mvc.perform(post("/logout").with(regulator.session()).with(csrf()))
                .andExpect(status().isFound()).andReturn().getResponse().getHeader("Location");

        var logout = UriComponentsBuilder.fromUriString(location).build();
        assertThat(location).startsWith(PortalUsers.ISSUER + "/protocol/openid-connect/logout?");
        assertThat(logout.getQueryParams().getFirst("id_token_hint")).isEqualTo(regulator.idToken());
        assertThat(logout.getQueryParams().getFirst("post_logout_redirect_uri")).isEqualTo("http://localhost:8080/");
    }

    @Test
    void loggingOutNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/logout").with(PortalUsers.regulator("CN").session())).andExpect(status().isForbidden());
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicy() throws Exception {
        String csp = mvc.perform(get("/transfers")).andReturn().getResponse().getHeader("Content-Security-Policy");

        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        mvc.perform(get("/transfers")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void theLiveScriptIsServedFromThePortalItself() throws Exception {
        String script = mvc.perform(get("/js/live.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();

        assertThat(script).contains("new EventSource(url)", "transfer-status");
    }

    @Test
    void theAttachmentScriptIsServedFromThePortalItselfAndHashesInTheBrowser() throws Exception {
        String script = mvc.perform(get("/js/attachments.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();

        assertThat(script).contains("crypto.subtle.digest('SHA-256'", "data-hash-into").doesNotContain("fetch(", "XMLHttpRequest");
    }

    @Test
    void noTemplateCarriesInlineScriptStyleOrEventHandlersTheCspWouldBlock() throws Exception {
        try (var templates = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/templates"))) {
            for (var template : templates.toList()) {
                String html = java.nio.file.Files.readString(template);
                assertThat(html).as(template.toString())
                        .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                        .doesNotContainPattern("\\sstyle=")
                        .doesNotContainPattern("<style")
                        .doesNotContainPattern("\\son[a-z]+=")
                        .doesNotContain("javascript:");
            }
        }
    }

    @Test
    void theForbiddenPageSaysTheInboxIsForRegulators() throws Exception {
        String page = mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/inbox").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Your role does not allow this.", "The inbox is for regulators");
    }
}
