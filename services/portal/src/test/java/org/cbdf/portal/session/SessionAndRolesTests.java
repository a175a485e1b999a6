package org.cbdf.portal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.disputes.Disputes;
import org.cbdf.portal.transfers.Transfers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * A clear page when the session expired (a page, an htmx request, a form) or the role does not allow an area,
 * and a navigation that offers each role exactly the areas its APIs serve it.
 */
class SessionAndRolesTests extends PortalWebTests {

    /** Each area's entry in the navigation and its address. */
    static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("nav-inbox", "/inbox");
        AREAS.put("nav-transfers", "/transfers");
        AREAS.put("nav-disputes", "/disputes");
        AREAS.put("nav-audit-log", "/audit/events");
        AREAS.put("nav-ledger", "/audit");
        AREAS.put("nav-adequacy", "/policy/adequacy-decisions");
        AREAS.put("nav-agreements", "/policy/recognition-agreements");
        AREAS.put("nav-rule-packs", "/policy/rule-packs");
        AREAS.put("nav-reviews", "/policy/reviews");
    }

    @Test
    void anApiThatNoLongerTakesTheTokenEndsTheSessionAndThePageSaysSo() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.answer("GET", "/api/v1/transfers/" + transfer.id(), 401, "{\"title\": \"Unauthorized\", \"status\": 401}");
        MockHttpSession session = new MockHttpSession();

        String html = mvc.perform(get("/transfers/" + transfer.id() + "?lang=en").session(session)
                        .with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();

        Document page = Jsoup.parse(html);
        assertThat(page.select("#session-expired").text()).isEqualTo("Your session has expired");
        assertThat(page.select("#log-in-again").attr("href")).isEqualTo("/transfers/" + transfer.id() + "?lang=en");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void anHtmxRequestIsToldToReloadThePageRatherThanSwapAnErrorIn() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.answer("GET", "/api/v1/transfers/" + transfer.id(), 401, "{\"status\": 401}");
        MockHttpSession session = new MockHttpSession();

        var response = mvc.perform(get("/transfers/" + transfer.id() + "/state").header("HX-Request", "true")
                        .session(session).with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isUnauthorized()).andExpect(header().string("HX-Refresh", "true"))
                .andReturn().getResponse();

        assertThat(response.getContentAsString()).isEmpty();
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aFormWhoseStepFoundTheSessionExpiredIsNotRepeatedOnLoggingInAgain() throws Exception {
        var dispute = Disputes.appeal();
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/statements", 401,
                "{\"status\": 401}");

        String html = mvc.perform(post("/disputes/" + dispute.id() + "/statements").param("text", "Our statement.")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();

        assertThat(Jsoup.parse(html).select("#log-in-again").attr("href")).isEqualTo("/");
    }

    @Test
    void theSessionExpiredPageSpeaksChinese() throws Exception {
        services.answer("GET", "/api/v1/disputes", 401, "{\"status\": 401}");

        String html = mvc.perform(get("/disputes").param("lang", "zh-CN").with(PortalUsers.auditor().session()))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();

        assertThat(Jsoup.parse(html).select("#session-expired").text()).isEqualTo("您的会话已过期");
        assertThat(Jsoup.parse(html).select("#log-in-again").text()).isEqualTo("重新登录");
    }

    @Test
    void eachRoleIsOfferedExactlyTheAreasItsApisServeItAndIsRefusedTheOthers() throws Exception {
        serveEveryArea();
        Map<PortalUsers.TestUser, List<String>> entries = new LinkedHashMap<>();
        entries.put(PortalUsers.regulator("CN"), List.of("nav-inbox", "nav-transfers", "nav-disputes", "nav-reviews"));
        entries.put(PortalUsers.enterprise(), List.of("nav-transfers", "nav-disputes"));
        entries.put(PortalUsers.auditor(), List.of("nav-transfers", "nav-disputes", "nav-audit-log", "nav-ledger",
                "nav-reviews"));
        entries.put(PortalUsers.policyAdmin(), List.of("nav-adequacy", "nav-agreements", "nav-rule-packs", "nav-reviews"));

        for (var user : entries.entrySet()) {
            String home = mvc.perform(get("/").with(user.getKey().session())).andExpect(status().isFound())
                    .andReturn().getResponse().getRedirectedUrl();
            Document landing = Jsoup.parse(mvc.perform(get(home).with(user.getKey().session()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(landing.select("header nav a").eachAttr("id")).as(user.getKey().username())
                    .containsExactlyElementsOf(user.getValue());
            for (var area : AREAS.entrySet()) {
                int expected = user.getValue().contains(area.getKey()) ? 200 : 403;
                mvc.perform(get(area.getValue()).with(user.getKey().session()))
                        .andExpect(result -> assertThat(result.getResponse().getStatus())
                                .as(user.getKey().username() + " " + area.getValue()).isEqualTo(expected));
            }
        }
    }

    @Test
    void eachRoleLandsOnItsOwnStartPage() throws Exception {
        assertThat(landing(PortalUsers.regulator("DE"))).isEqualTo("/inbox");
        assertThat(landing(PortalUsers.enterprise())).isEqualTo("/transfers");
        assertThat(landing(PortalUsers.auditor())).isEqualTo("/transfers");
        assertThat(landing(PortalUsers.policyAdmin())).isEqualTo("/policy/adequacy-decisions");
    }

    @Test
    void theForbiddenPageSaysWhomEachAreaIsFor() throws Exception {
        assertThat(forbidden("/policy/rule-packs/CN")).contains("administered by policy administrators");
        assertThat(forbidden("/audit/export")).contains("The audit views (the ledger, its export, the state at an instant) are for auditors.");
        assertThat(forbidden("/transfers")).contains("the transfer service shows a policy administrator none");
        assertThat(forbidden("/disputes/x/statements")).contains("auditors read them and take no part");
        assertThat(Jsoup.parse(forbidden("/audit")).select("#error-home").attr("href")).isEqualTo("/");
    }

    private String forbidden(String path) throws Exception {
        return mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
    }

    private String landing(PortalUsers.TestUser user) throws Exception {
        return mvc.perform(get("/").with(user.session())).andExpect(status().isFound()).andReturn().getResponse()
                .getRedirectedUrl();
    }

    private static void serveEveryArea() {
        services.transferList(0).answer("GET", "/api/v1/disputes", 200, Disputes.page(0))
                .answer("GET", "/api/v1/adequacy-decisions", 200, "[]")
                .answer("GET", "/api/v1/recognition-agreements", 200, "[]")
                .answer("GET", "/api/v1/rule-packs", 200, "[]")
                .answer("GET", "/api/v1/adequacy-reviews", 200, "[]");
    }
}
