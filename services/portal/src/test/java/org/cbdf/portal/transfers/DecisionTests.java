package org.cbdf.portal.transfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * A regulator decides on a transfer from its page: the forms only for a jurisdiction whose approval is
 * required and not yet given, a confirmation step, the transfer API's decision endpoint as it is, and its
 * refusals shown next to the form.
 */
class DecisionTests extends PortalWebTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequiredApproverThatHasNotDecidedGetsThreeFormsEachWithCsrfAndALabelForEveryControl() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());

        Document page = transferPage(transfer.id(), PortalUsers.regulator("CN"));

        assertThat(page.select("#decide form").eachAttr("id"))
                .containsExactly("approve-form", "approve-with-conditions-form", "reject-form");
        for (Element form : page.select("#decide form")) {
            assertThat(form.attr("method")).isEqualTo("post");
            assertThat(form.attr("action")).isEqualTo("/transfers/" + transfer.id() + "/decision");
            assertThat(form.select("input[name=_csrf]").val()).isNotBlank();
            for (Element control : form.select("textarea, input:not([type=hidden])")) {
                assertThat(form.select("label[for=" + control.id() + "]")).as(control.id()).isNotEmpty();
            }
            assertThat(form.select("textarea[name=reasons]").hasAttr("required")).isTrue();
        }
        assertThat(page.select("#decide").attr("hx-get")).endsWith("/decide?shown=true");
        assertThat(page.select("#decisions tr[data-jurisdiction=CN] td.pending").text()).isEqualTo("Not decided yet");
        assertThat(page.select("#live-indicator").attr("data-live")).isEqualTo("/live?transfer=" + transfer.id() + "@3");
    }

    @Test
    void noFormIsOfferedToWhomTheApiWouldRefuseIt() throws Exception {
        var awaiting = Transfers.awaitingChina();
        var decidedByChina = Transfers.awaitingChina().approvers("CN", "BR")
                .decided("CN", "APPROVE", "Passed the security assessment.", List.of());
        var approved = Transfers.awaitingChina().status("APPROVED");
        services.transfer(awaiting.json()).transfer(decidedByChina.json()).transfer(approved.json());

        Document destinationsRegulator = transferPage(awaiting.id(), PortalUsers.regulator("DE"));
        Document alreadyDecided = transferPage(decidedByChina.id(), PortalUsers.regulator("CN"));
        Document notAwaiting = transferPage(approved.id(), PortalUsers.regulator("CN"));
        Document auditor = transferPage(awaiting.id(), PortalUsers.auditor());
        Document enterprise = transferPage(awaiting.id(), PortalUsers.enterprise());

        assertThat(destinationsRegulator.select("#decide form")).isEmpty();
        assertThat(destinationsRegulator.select("#not-an-approver").text())
                .isEqualTo("This transfer does not need the approval of DE.");
        assertThat(alreadyDecided.select("#decide form")).isEmpty();
        assertThat(alreadyDecided.select("#decided-note").text()).startsWith("CN has decided on this transfer");
        assertThat(alreadyDecided.select("#decisions tr[data-jurisdiction=BR] td.pending")).isNotEmpty();
        assertThat(notAwaiting.select("#decide form")).isEmpty();
        assertThat(notAwaiting.select("#not-awaiting").text()).isEqualTo("The transfer is Approved: there is nothing to decide now.");
        assertThat(auditor.select("#decide")).isEmpty();
        assertThat(enterprise.select("#decide")).isEmpty();
    }

    @Test
    void approvingWithConditionsIsConfirmedFirstThenSentToTheApiAsItTakesIt() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());
        var regulator = PortalUsers.regulator("CN");

        Document confirmation = page(mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(regulator.session()).with(csrf())
                        .param("decision", "APPROVE_WITH_CONDITIONS").param("action", "review")
                        .param("reasons", "  Security assessment passed.  ")
                        .param("conditions", "Annual re-certification of the importer\n\n  Data stays encrypted at rest \r\n"))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions")).isEmpty();
        assertThat(confirmation.select("#summary-decision").text()).isEqualTo("Approved with conditions");
        assertThat(confirmation.select("#summary-reasons").text()).isEqualTo("Security assessment passed.");
        assertThat(confirmation.select("#summary-conditions li").eachText())
                .containsExactly("Annual re-certification of the importer", "Data stays encrypted at rest");
        Element confirm = confirmation.selectFirst("#confirm-form");
        assertThat(confirm.select("input[name=_csrf]").val()).isNotBlank();
        assertThat(confirm.select("input[name=conditions]").eachAttr("value"))
                .containsExactly("Annual re-certification of the importer", "Data stays encrypted at rest");

        services.answer("POST", "/api/v1/transfers/" + transfer.id() + "/decisions", 200,
                transfer.status("APPROVED").version(4).decided("CN", "APPROVE_WITH_CONDITIONS",
                        "Security assessment passed.", List.of("Annual re-certification of the importer",
                                "Data stays encrypted at rest")).json().toString());
        MvcResult recorded = mvc.perform(post("/transfers/" + transfer.id() + "/decision").with(regulator.session())
                        .with(csrf()).param("action", "confirm").param("decision", "APPROVE_WITH_CONDITIONS")
                        .param("reasons", confirm.select("input[name=reasons]").val())
                        .param("conditions", confirm.select("input[name=conditions]").eachAttr("value").toArray(String[]::new)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/transfers/" + transfer.id()))
                .andExpect(flash().attribute("decided", "APPROVE_WITH_CONDITIONS"))
                .andReturn();

        var sent = services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions");
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken());
            assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                    {"decision": "APPROVE_WITH_CONDITIONS", "reasons": "Security assessment passed.",
                     "conditions": ["Annual re-certification of the importer", "Data stays encrypted at rest"]}
                    """));
        });

        // the page after it: the new status, and the decision among the other regulators'
        services.transfer(transfer.json());
        Document after = page(mvc.perform(get("/transfers/" + transfer.id()).with(regulator.session())
                .flashAttrs(recorded.getFlashMap())).andExpect(status().isOk()).andReturn());
        assertThat(after.select("#decision-recorded").text())
                .isEqualTo("Your decision has been recorded: Approved with conditions.");
        assertThat(after.select("#transfer-status").text()).isEqualTo("Approved");
        Element china = after.selectFirst("#decisions tr[data-jurisdiction=CN]");
        assertThat(china.hasClass("mine")).isTrue();
        assertThat(china.text()).contains("Approved with conditions", "Security assessment passed.",
                "Annual re-certification of the importer", "regulator-cn");
        assertThat(after.select("#decide form")).isEmpty();
    }

    @Test
    void approvingOrRejectingSendsNoConditions() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json()).answer("POST", "/api/v1/transfers/" + transfer.id() + "/decisions", 200,
                transfer.json().toString());

        mvc.perform(post("/transfers/" + transfer.id() + "/decision").with(PortalUsers.regulator("CN").session())
                        .with(csrf()).param("action", "confirm").param("decision", "REJECT")
                        .param("reasons", "The importer's safeguards are insufficient.").param("conditions", "stray text"))
                .andExpect(status().isFound());

        assertThat(services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions"))
                .singleElement().satisfies(request -> assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                        "{\"decision\": \"REJECT\", \"reasons\": \"The importer's safeguards are insufficient.\"}")));
    }

    @Test
    void missingReasonsOrConditionsAreShownAtTheirFieldsAndNothingIsConfirmedOrSent() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());

        Document page = page(mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf())
                        .param("decision", "APPROVE_WITH_CONDITIONS").param("reasons", " ").param("conditions", "\n"))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#confirm-form")).isEmpty();
        assertThat(page.select("#decision-problem").text()).contains("correct the fields marked below");
        assertThat(page.select("#approve-with-conditions-reasons-error").text()).isEqualTo("Give the reasons for your decision.");
        assertThat(page.select("#approve-with-conditions-reasons").attr("aria-describedby"))
                .isEqualTo("approve-with-conditions-reasons-error");
        assertThat(page.select("#conditions-error").text()).isEqualTo("Give at least one condition, one per line.");
        assertThat(page.select("#approve-reasons-error")).isEmpty();
        assertThat(services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions")).isEmpty();
    }

    @Test
    void changingTheDecisionReturnsToTheFormWithWhatWasTyped() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());

        Document page = page(mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("action", "edit")
                        .param("decision", "APPROVE_WITH_CONDITIONS").param("reasons", "Passed.")
                        .param("conditions", "First", "Second"))
                .andExpect(status().isOk()).andReturn());

        assertThat(page.select("#approve-with-conditions-reasons").text()).isEqualTo("Passed.");
        assertThat(page.select("#conditions").val()).isEqualTo("First\nSecond");
        assertThat(page.select("#approve-reasons").text()).isEmpty();
    }

    @Test
    void aConflictFromTheApiIsShownInPlaceWithTheTransferAsItIsNow() throws Exception {
        // a colleague of the same jurisdiction decides between this regulator's page and its confirmation
        var transfer = Transfers.awaitingChina();
        String before = transfer.json().toString();
        var colleagues = transfer.status("APPROVED").version(4).decided("CN", "APPROVE", "Looked fine.", List.of());
        services.answerFirst("GET", "/api/v1/transfers/" + transfer.id(), 200, before).transfer(colleagues.json())
                .answer("POST", "/api/v1/transfers/" + transfer.id() + "/decisions", 409, """
                        {"type": "about:blank", "title": "Already decided", "status": 409, "currentStatus": "APPROVED",
                         "detail": "The regulator of CN has already decided on transfer %s; a decision is taken once."}
                        """.formatted(transfer.id()));

        MvcResult result = mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("action", "confirm")
                        .param("decision", "REJECT").param("reasons", "Insufficient safeguards."))
                .andReturn();

        Document page = page(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        Element problem = page.selectFirst("#decide #decision-problem");
        assertThat(problem.attr("role")).isEqualTo("alert");
        assertThat(problem.text()).contains("The transfer service did not record the decision.", "Already decided",
                "a decision is taken once");
        assertThat(page.select("#transfer-status").text()).isEqualTo("Approved");
        assertThat(page.select("#decisions tr[data-jurisdiction=CN]").text()).contains("Looked fine.");
        assertThat(page.select("#decide form")).isEmpty();
    }

    @Test
    void aRefusalWhileTheFormsStillApplyKeepsWhatWasTyped() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json()).answer("POST", "/api/v1/transfers/" + transfer.id() + "/decisions", 403, """
                {"title": "Not a required approver", "status": 403, "detail": "Transfer does not need the approval of CN."}
                """);

        MvcResult result = mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("action", "confirm")
                        .param("decision", "APPROVE").param("reasons", "Passed."))
                .andExpect(status().isForbidden()).andReturn();

        Document page = page(result);
        assertThat(page.select("#decision-problem").text()).contains("Not a required approver");
        assertThat(page.select("#approve-reasons").text()).isEqualTo("Passed.");
    }

    @Test
    void theApisFieldErrorsAreShownAtTheFieldsTheyName() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json()).answer("POST", "/api/v1/transfers/" + transfer.id() + "/decisions", 400, """
                {"title": "Invalid request", "status": 400, "detail": "conditions[1]: at most 500 characters",
                 "errors": [{"field": "conditions[1]", "reason": "at most 500 characters"}]}
                """);

        MvcResult result = mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("action", "confirm")
                        .param("decision", "APPROVE_WITH_CONDITIONS").param("reasons", "Passed.")
                        .param("conditions", "Short", "Long"))
                .andExpect(status().isBadRequest()).andReturn();

        Document page = page(result);
        assertThat(page.select("#conditions-error").text()).isEqualTo("conditions[1]: at most 500 characters");
        assertThat(page.select("#conditions").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#decision-problem").text()).contains("Invalid request");
    }

    @Test
    void aSecondDecisionOfTheSameJurisdictionIsNotConfirmed() throws Exception {
        var transfer = Transfers.awaitingChina().approvers("CN", "BR").decided("CN", "APPROVE", "Passed.", List.of());
        services.transfer(transfer.json());

        Document page = page(mvc.perform(post("/transfers/" + transfer.id() + "/decision")
                        .with(PortalUsers.regulator("CN").session()).with(csrf())
                        .param("decision", "REJECT").param("reasons", "Changed my mind."))
                .andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#decision-problem").text()).isEqualTo("CN has already decided on this transfer.");
        assertThat(page.select("#confirm-form")).isEmpty();
        assertThat(services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions")).isEmpty();
    }

    @Test
    void onlyRegulatorsMayPostADecisionAndOnlyWithTheCsrfToken() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());

        for (var user : List.of(PortalUsers.enterprise(), PortalUsers.auditor())) {
            mvc.perform(post("/transfers/" + transfer.id() + "/decision").with(user.session()).with(csrf())
                    .param("decision", "APPROVE").param("reasons", "x").param("action", "confirm"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/transfers/" + transfer.id() + "/decision").with(PortalUsers.regulator("CN").session())
                .param("decision", "APPROVE").param("reasons", "x").param("action", "confirm"))
                .andExpect(status().isForbidden());
        assertThat(services.requests("POST", "/api/v1/transfers/" + transfer.id() + "/decisions")).isEmpty();
    }

    @Test
    void theDecisionFormsStayWhileTheyApplyAndAreReplacedOnceTheyDoNot() throws Exception {
        var transfer = Transfers.awaitingChina();
        services.transfer(transfer.json());
        var regulator = PortalUsers.regulator("CN");

        mvc.perform(get("/transfers/" + transfer.id() + "/decide").param("shown", "true").header("HX-Request", "true")
                .with(regulator.session())).andExpect(status().isNoContent());

        services.transfer(transfer.status("REJECTED").version(4).json());
        String fragment = mvc.perform(get("/transfers/" + transfer.id() + "/decide").param("shown", "true")
                        .header("HX-Request", "true").with(regulator.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Document decide = Jsoup.parseBodyFragment(fragment);
        assertThat(decide.select("#decide form")).isEmpty();
        assertThat(decide.select("#not-awaiting").text()).isEqualTo("The transfer is Rejected: there is nothing to decide now.");
        assertThat(decide.select("#decide").attr("hx-get")).endsWith("shown=false");
    }

    @Test
    void theStatePartShowsTheStatusAndDecisionsAlone() throws Exception {
        var transfer = Transfers.awaitingChina().status("APPROVED").version(4)
                .decided("CN", "APPROVE", "Passed.", List.of());
        services.transfer(transfer.json());

        String fragment = mvc.perform(get("/transfers/" + transfer.id() + "/state").header("HX-Request", "true")
                        .with(PortalUsers.regulator("DE").session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        Document state = Jsoup.parseBodyFragment(fragment);
        assertThat(fragment).doesNotContain("<html");
        assertThat(state.select("#transfer-status").text()).isEqualTo("Approved");
        assertThat(state.select("#decisions tr[data-jurisdiction=CN]").text()).contains("Approved", "Passed.");
    }

    @Test
    void beforeTheAssessmentThePageSaysWhoMustApproveIsNotKnownYetAndWaitsForIt() throws Exception {
        var transfer = Transfers.awaitingChina().notAssessed();
        services.transfer(transfer.json());

        Document page = transferPage(transfer.id(), PortalUsers.regulator("CN"));

        assertThat(page.select("#no-decisions").text())
                .isEqualTo("Which regulators must approve is known once the transfer is assessed.");
        assertThat(page.select("#assessment-pending").attr("hx-get")).isEqualTo("/transfers/" + transfer.id() + "/assessment");
        assertThat(page.select("#decide form")).isEmpty();
        assertThat(page.select("#decide").attr("hx-get")).endsWith("/decide?shown=false");
    }

    @Test
    void aTransferThatIsNotTheUsersIsNotFound() throws Exception {
        String unknown = Transfers.awaitingChina().id();

        mvc.perform(get("/transfers/" + unknown).with(PortalUsers.regulator("SG").session()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/transfers/" + unknown + "/decision").with(PortalUsers.regulator("SG").session()).with(csrf())
                .param("decision", "APPROVE").param("reasons", "x")).andExpect(status().isNotFound());
    }

    private Document transferPage(String id, PortalUsers.TestUser user) throws Exception {
        return page(mvc.perform(get("/transfers/" + id).with(user.session())).andExpect(status().isOk()).andReturn());
    }

    private static Document page(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }
}
