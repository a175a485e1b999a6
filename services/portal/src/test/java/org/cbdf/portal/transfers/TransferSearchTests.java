package org.cbdf.portal.transfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The transfers page as an auditor's read-only search (and everyone else's list): the transfer API's filters
 * with the user's token, paged; an id looked up whole or narrowing by part; refused values named at their field.
 */
class TransferSearchTests extends PortalWebTests {

    @Test
    void theSearchIsTheTransferApisFiltersWithTheUsersTokenPaged() throws Exception {
        var approved = Transfers.awaitingChina().status("APPROVED");
        services.transferList("bmV4dC1wYWdl", 120, approved.json());
        var auditor = PortalUsers.auditor();

        Document page = page(mvc.perform(get("/transfers").with(auditor.session()).param("status", "APPROVED")
                .param("destination", "de").param("from", "2026-12-01").param("to", "2027-01-31")
                .param("cursor", "dGhpcy1wYWdl"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(services.requests("GET", "/api/v1/transfers")).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken());
            assertThat(request.query())
                    .isEqualTo("size=50&cursor=dGhpcy1wYWdl&status=APPROVED&destination=DE&from=2026-12-01&to=2027-01-31");
        });
        assertThat(page.select("#transfers tbody tr").eachAttr("data-transfer-id")).containsExactly(approved.id());
        assertThat(page.select("#transfers caption").text()).isEqualTo("1 shown of 120");
        assertThat(page.select("#status option[selected]").val()).isEqualTo("APPROVED");
        assertThat(page.select("#destination").val()).isEqualTo("DE");
        // forwards by the API's cursor, with the same filters; back to the newest
        assertThat(page.select("#first-page").attr("href"))
                .isEqualTo("/transfers?status=APPROVED&destination=DE&from=2026-12-01&to=2027-01-31");
        assertThat(page.select("#next-page").attr("href"))
                .isEqualTo("/transfers?status=APPROVED&destination=DE&from=2026-12-01&to=2027-01-31&cursor=bmV4dC1wYWdl");
        for (Element control : page.select("#transfer-search input, #transfer-search select")) {
            assertThat(page.select("label[for=" + control.id() + "]")).as(control.id()).isNotEmpty();
        }
        assertThat(page.select("#transfer-search").attr("method")).isEqualTo("get");
    }

    @Test
    void aWholeIdIsLookedUpAndPartOfOneNarrowsTheNewest() throws Exception {
        var wanted = Transfers.awaitingChina();
        var other = Transfers.awaitingChina();
        services.transfer(wanted.json()).transferList(2, wanted.json(), other.json());
        var auditor = PortalUsers.auditor();

        Document byId = page(mvc.perform(get("/transfers").param("q", wanted.id()).with(auditor.session()))
                .andReturn().getResponse().getContentAsString());
        Document byPart = page(mvc.perform(get("/transfers").param("q", wanted.id().substring(0, 13).toUpperCase())
                .with(auditor.session())).andReturn().getResponse().getContentAsString());

        assertThat(byId.select("#transfers tbody tr").eachAttr("data-transfer-id")).containsExactly(wanted.id());
        assertThat(byPart.select("#transfers tbody tr").eachAttr("data-transfer-id")).containsExactly(wanted.id());
        assertThat(services.requests("GET", "/api/v1/transfers")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("size=200"));
        assertThat(byPart.select("#next-page, #first-page")).isEmpty();
    }

    @Test
    void valuesTheApiWouldRefuseAreNamedAtTheirFieldAndLeftOut() throws Exception {
        services.transferList(0);

        Document page = page(mvc.perform(get("/transfers").param("destination", "Germany").param("from", "soon")
                .param("q", "xyz!").param("status", "NOT_A_STATUS").with(PortalUsers.auditor().session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(services.requests("GET", "/api/v1/transfers")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("size=50"));
        assertThat(page.select("#destination-error").text()).isEqualTo("Two letters, an ISO 3166-1 country code.");
        assertThat(page.select("#from-error").text()).isEqualTo("A date such as 2026-12-01.");
        assertThat(page.select("#q-error").text()).isEqualTo("A transfer id or part of one: digits, a to f and hyphens.");
        assertThat(page.select("#from").attr("aria-describedby")).isEqualTo("from-error");
        assertThat(page.select("#transfers-empty").text()).isEqualTo("No transfers to show.");
    }

    static Document page(String html) {
        assertThat(html).doesNotContain("??");
        return RegulatorInboxTests.page(html);
    }
}
