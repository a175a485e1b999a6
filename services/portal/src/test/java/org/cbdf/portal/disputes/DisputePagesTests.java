package org.cbdf.portal.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.cbdf.portal.FakeServices;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Disputes in the portal: the user's cases, a case's whole record, and exactly the steps the dispute API would
 * take from the user in the case's state, sent as the API takes them, votes and acceptances confirmed first,
 * refusals shown at the form.
 */
public class DisputePagesTests extends PortalWebTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aRegulatorSeesItsCasesWithTriggerStatusDeadlineCountdownAndItsPart() throws Exception {
        var negotiated = Disputes.appeal().deadline(Instant.now().plus(Duration.ofDays(3).plusHours(5).plusMinutes(30)),
                "NEGOTIATION");
        var onPanel = Disputes.appeal().parties("BR", "DE").escalatedTo("CN", "FR", "JP");
        services.answer("GET", "/api/v1/disputes", 200, Disputes.page(2, negotiated, onPanel));
        var regulator = PortalUsers.regulator("CN");

        Document page = page(mvc.perform(get("/disputes").with(regulator.session())).andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/disputes")).singleElement().satisfies(request -> {
            assertThat(request.query()).isEqualTo("size=20");
            assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken());
        });
        assertThat(page.select("#disputes tbody tr").eachAttr("data-dispute-id")).containsExactly(negotiated.id(), onPanel.id());
        Element first = page.selectFirst("tr[data-dispute-id=" + negotiated.id() + "]");
        assertThat(first.select("td.trigger").text()).isEqualTo("Appeal of a rejection");
        assertThat(first.select(".status").text()).isEqualTo("Open");
        assertThat(first.select("td.part").text()).isEqualTo("Party");
        assertThat(first.select(".countdown").text()).isEqualTo("3 days 5 hours left");
        assertThat(first.select(".deadline-kind").text()).isEqualTo("Negotiation ends (then a panel decides)");
        assertThat(first.select("a.dispute-link").attr("href")).isEqualTo("/disputes/" + negotiated.id());
        assertThat(page.selectFirst("tr[data-dispute-id=" + onPanel.id() + "]").select("td.part").text())
                .isEqualTo("Chair of the panel");
        assertThat(page.select("#dispute-results").attr("hx-trigger")).isEqualTo("every 60s");
        assertThat(page.select("#nav-disputes").attr("aria-current")).isEqualTo("page");
    }

    @Test
    void theNextPageFollowsTheCursorTheDisputeApiHandedOut() throws Exception {
        var newer = Disputes.appeal();
        var older = Disputes.appeal();
        services.answerByQuery("GET", "/api/v1/disputes", query -> query.contains("cursor=Y3Vyc29yLTE")
                ? Disputes.page(30, older) : Disputes.page("Y3Vyc29yLTE", 30, newer));
        var regulator = PortalUsers.regulator("CN");

        Document first = page(mvc.perform(get("/disputes").with(regulator.session())).andExpect(status().isOk())
                .andReturn());
        String next = first.select("#next-page").attr("href");
        Document second = page(mvc.perform(get(next).with(regulator.session())).andExpect(status().isOk()).andReturn());

        assertThat(next).isEqualTo("/disputes?cursor=Y3Vyc29yLTE");
        assertThat(first.select("#first-page")).isEmpty();
        assertThat(services.requests("GET", "/api/v1/disputes")).extracting(FakeServices.Recorded::query)
                .containsExactly("size=20", "size=20&cursor=Y3Vyc29yLTE");
        assertThat(second.select("#disputes tbody tr").eachAttr("data-dispute-id")).containsExactly(older.id());
        assertThat(second.select("#next-page")).as("the last page").isEmpty();
        assertThat(second.select("#first-page").attr("href")).isEqualTo("/disputes");
        assertThat(second.select("#dispute-results").attr("hx-get")).as("reloads the page it shows")
                .isEqualTo("/disputes/results?cursor=Y3Vyc29yLTE");
    }

    @Test
    void aCasePageShowsItsWholeRecord() throws Exception {
        var dispute = Disputes.appeal().rules("cn.pipl.volume-1m", "eu.gdpr.art46")
                .statement("acme-cn", "enterprise-cn", "The CAC notice covers all processing.", "cac-notice.pdf", HASH)
                .proposal(1, "APPROVE_WITH_CONDITIONS", List.of("No onward analytics"), "DE", "DE");
        services.dispute(dispute.json());

        Document page = casePage(dispute.id(), PortalUsers.regulator("CN"));

        assertThat(page.select("#dispute-status").text()).isEqualTo("Negotiation");
        assertThat(page.select("#dispute-trigger").text()).isEqualTo("Appeal of a rejection");
        assertThat(page.select("#dispute-parties li").eachText())
                .containsExactly("the regulator of CN", "the regulator of DE", "acme-cn (the exporter)");
        assertThat(page.select("#dispute-rules code").eachText()).containsExactly("cn.pipl.volume-1m", "eu.gdpr.art46");
        assertThat(page.select("#deadline-kind").text()).isEqualTo("Negotiation ends (then a panel decides)");
        Element statement = page.selectFirst("#statements li[data-number=1]");
        assertThat(statement.text()).contains("acme-cn", "enterprise-cn", "The CAC notice covers all processing.");
        assertThat(statement.select(".attachment-name").text()).isEqualTo("cac-notice.pdf");
        assertThat(statement.select("code.sha256").text()).isEqualTo(HASH);
        assertThat(page.select("#proposal-resolution").text()).isEqualTo("Approve with conditions");
        assertThat(page.select("#proposal-conditions li").eachText()).containsExactly("No onward analytics");
        assertThat(page.select("#proposal-accepted").text()).contains("Accepted by: DE", "not yet by CN");
        assertThat(page.select("#no-panel").text()).isEqualTo("The case has not been escalated to a panel.");
        assertThat(page.select("#timeline li").eachAttr("data-step"))
                .containsExactly("OPENED", "STATEMENT_FILED", "AGREEMENT_PROPOSED");
        assertThat(page.select("#timeline li[data-step=STATEMENT_FILED] strong").text()).isEqualTo("Statement filed");
        assertThat(page.select("#dispute-transfer").attr("href")).isEqualTo("/transfers/" + dispute.transferId());
    }

    @Test
    void theOutcomeAndThePanelWithItsVotesAreShown() throws Exception {
        var decided = Disputes.appeal().escalatedTo("SG", "FR", "JP").vote("SG", "UPHOLD").vote("FR", "UPHOLD")
                .status("DECIDED");
        var closed = Disputes.appeal().proposal(1, "OVERTURN", List.of(), "DE", "DE", "CN").resolvedByAgreement("OVERTURN", List.of());
        services.dispute(decided.json()).dispute(closed.json());

        Document panelPage = casePage(decided.id(), PortalUsers.auditor());
        Document agreed = casePage(closed.id(), PortalUsers.regulator("CN"));

        assertThat(panelPage.select("#panel-members li").eachText()).containsExactly("SG (chair)", "FR", "JP");
        assertThat(panelPage.select("#votes tr[data-jurisdiction=SG]").text()).contains("Uphold the disputed decision", "regulator-sg");
        assertThat(agreed.select("#outcome-resolution").text()).isEqualTo("Overturn the disputed decision");
        assertThat(agreed.select("#outcome-decided-by").text()).isEqualTo("by agreement of the parties");
        assertThat(agreed.select("#dispute-no-deadline").text()).isEqualTo("No deadline runs: the case is closed.");
        assertThat(agreed.select("#dispute-steps form")).isEmpty();
        assertThat(agreed.select("#no-steps").text()).startsWith("The case is closed");
    }

    @Test
    void eachUserIsOfferedExactlyTheStepsTheDisputeApiWouldTakeFromIt() throws Exception {
        var open = Disputes.appeal();
        var proposedByGermany = Disputes.appeal().proposal(1, "UPHOLD", List.of(), "DE", "DE");
        var beforeThePanel = Disputes.appeal().escalatedTo("FR", "SG", "JP");
        var chairVoted = Disputes.appeal().escalatedTo("FR", "SG", "JP").vote("FR", "UPHOLD");
        var extended = Disputes.appeal().escalatedTo("FR", "SG", "JP").vote("FR", "UPHOLD").extended();
        services.dispute(open.json()).dispute(proposedByGermany.json()).dispute(beforeThePanel.json())
                .dispute(chairVoted.json()).dispute(extended.json());

        assertThat(forms(open, PortalUsers.regulator("CN")))
                .containsExactly("statement-form", "proposal-form", "escalation-form");
        assertThat(forms(proposedByGermany, PortalUsers.regulator("CN")))
                .containsExactly("statement-form", "proposal-form", "accept-form", "escalation-form");
        assertThat(forms(proposedByGermany, PortalUsers.regulator("DE")))
                .containsExactly("statement-form", "proposal-form", "escalation-form");
        assertThat(forms(open, PortalUsers.enterprise())).containsExactly("statement-form", "escalation-form");
        assertThat(forms(beforeThePanel, PortalUsers.regulator("CN"))).containsExactly("statement-form");
        assertThat(forms(beforeThePanel, PortalUsers.regulator("SG"))).containsExactly("vote-form");
        assertThat(forms(beforeThePanel, PortalUsers.regulator("FR"))).containsExactly("vote-form", "extension-form");
        assertThat(forms(chairVoted, PortalUsers.regulator("FR"))).containsExactly("extension-form");
        assertThat(forms(extended, PortalUsers.regulator("FR"))).isEmpty();

        Document auditor = casePage(open.id(), PortalUsers.auditor());
        assertThat(auditor.select("#dispute-steps")).isEmpty();
        assertThat(auditor.select("#read-only").text()).isEqualTo("Auditors read disputes; they take no part in them.");
        assertThat(auditor.select("#dispute-state-at-link").attr("href")).isEqualTo("/audit/disputes/" + open.id() + "/state");
    }

    @Test
    void everyStepFormHasItsCsrfTokenAndALabelForEveryControl() throws Exception {
        var dispute = Disputes.appeal().proposal(1, "UPHOLD", List.of(), "DE", "DE");
        services.dispute(dispute.json());

        Document page = casePage(dispute.id(), PortalUsers.regulator("CN"));

        assertThat(page.select("#dispute-steps form")).hasSize(4);
        for (Element form : page.select("#dispute-steps form")) {
            assertThat(form.attr("method")).isEqualTo("post");
            assertThat(form.select("input[name=_csrf]").val()).as(form.id()).isNotBlank();
            for (Element control : form.select("textarea, input:not([type=hidden]), select")) {
                assertThat(page.select("label[for=" + control.id() + "]")).as(form.id() + " " + control.id()).isNotEmpty();
            }
        }
        assertThat(page.select("#proposal-form input[type=radio]").eachAttr("value"))
                .containsExactly("UPHOLD", "OVERTURN", "APPROVE_WITH_CONDITIONS");
        assertThat(page.select("#attachment-file-field").hasAttr("hidden")).isTrue();
    }

    @Test
    void aStatementIsFiledWithItsEvidenceAsTheDisputeApiTakesIt() throws Exception {
        var dispute = Disputes.appeal();
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/statements", 201,
                dispute.json().toString());
        var regulator = PortalUsers.regulator("CN");

        MvcResult filed = mvc.perform(post("/disputes/" + dispute.id() + "/statements").with(regulator.session()).with(csrf())
                        .param("text", "  The assessment covers the importer's processing.  ")
                        .param("attachments", HASH.toUpperCase() + "  cac-notice.pdf\n\n" + HASH + " *minutes 2026-10.pdf\n"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/disputes/" + dispute.id()))
                .andExpect(flash().attribute("recorded", "statements"))
                .andReturn();

        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/statements")).singleElement()
                .satisfies(request -> {
                    assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken());
                    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                            {"text": "The assessment covers the importer's processing.",
                             "attachments": [{"name": "cac-notice.pdf", "sha256": "%s"},
                                             {"name": "minutes 2026-10.pdf", "sha256": "%s"}]}
                            """.formatted(HASH, HASH)));
                });
        Document after = page(mvc.perform(get("/disputes/" + dispute.id()).with(regulator.session())
                .flashAttrs(filed.getFlashMap())).andExpect(status().isOk()).andReturn());
        assertThat(after.select("#step-recorded").text()).isEqualTo("Your statement has been filed.");
    }

    @Test
    void whatTheDisputeApiWouldRefuseIsShownAtItsFieldAndNothingIsSent() throws Exception {
        var dispute = Disputes.appeal();
        services.dispute(dispute.json());
        var regulator = PortalUsers.regulator("CN");

        Document badLine = page(mvc.perform(post("/disputes/" + dispute.id() + "/statements").with(regulator.session())
                        .with(csrf()).param("text", "Our statement.").param("attachments", HASH + "  fine.pdf\nabc123  short.pdf"))
                .andExpect(status().isBadRequest()).andReturn());
        Document noText = page(mvc.perform(post("/disputes/" + dispute.id() + "/statements").with(regulator.session())
                        .with(csrf()).param("text", "  ").param("attachments", ""))
                .andExpect(status().isBadRequest()).andReturn());
        Document conditionsWithUphold = page(mvc.perform(post("/disputes/" + dispute.id() + "/proposals")
                        .with(regulator.session()).with(csrf()).param("resolution", "UPHOLD").param("conditions", "Encrypt"))
                .andExpect(status().isBadRequest()).andReturn());
        Document noConditions = page(mvc.perform(post("/disputes/" + dispute.id() + "/proposals")
                        .with(regulator.session()).with(csrf()).param("resolution", "APPROVE_WITH_CONDITIONS").param("conditions", "\n"))
                .andExpect(status().isBadRequest()).andReturn());
        Document noReason = page(mvc.perform(post("/disputes/" + dispute.id() + "/escalation")
                        .with(regulator.session()).with(csrf()).param("reason", ""))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(badLine.select("#statement-attachments-error").text())
                .isEqualTo("Line 2: begin with the file's SHA-256, 64 hexadecimal characters, as sha256sum prints it.");
        assertThat(badLine.select("#statement-attachments").attr("aria-invalid")).isEqualTo("true");
        assertThat(badLine.select("#statement-text").text()).isEqualTo("Our statement.");
        assertThat(badLine.select("#step-problem").text()).contains("Nothing was sent");
        assertThat(noText.select("#statement-text-error").text()).isEqualTo("Write the statement.");
        assertThat(conditionsWithUphold.select("#proposal-conditions-error").text()).startsWith("Conditions go only with");
        assertThat(conditionsWithUphold.select("#proposal-resolution-UPHOLD").hasAttr("checked")).isTrue();
        assertThat(noConditions.select("#proposal-conditions-error").text()).isEqualTo("Give at least one condition, one per line.");
        assertThat(noReason.select("#escalation-reason-error").text()).isEqualTo("Give the reason.");
        assertThat(services.requests()).noneMatch(request -> request.method().equals("POST"));
    }

    @Test
    void aVoteIsConfirmedBeforeItIsSentAndChangingItKeepsWhatWasChosen() throws Exception {
        var dispute = Disputes.appeal().escalatedTo("FR", "SG", "JP");
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/votes", 201,
                dispute.vote("SG", "APPROVE_WITH_CONDITIONS").json().toString());
        var member = PortalUsers.regulator("SG");
        String votes = "/disputes/" + dispute.id() + "/votes";

        Document confirmation = page(mvc.perform(post(votes).with(member.session()).with(csrf()).param("action", "review")
                        .param("resolution", "APPROVE_WITH_CONDITIONS").param("conditions", "Annual audit\nNo onward transfer"))
                .andExpect(status().isOk()).andReturn());
        Document changing = page(mvc.perform(post(votes).with(member.session()).with(csrf()).param("action", "edit")
                        .param("resolution", "APPROVE_WITH_CONDITIONS").param("conditions", "Annual audit", "No onward transfer"))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/votes")).isEmpty();
        assertThat(confirmation.select("#confirm-title").text()).isEqualTo("Confirm your vote");
        assertThat(confirmation.select("#summary-resolution").text()).isEqualTo("Approve with conditions");
        assertThat(confirmation.select("#summary-conditions li").eachText()).containsExactly("Annual audit", "No onward transfer");
        assertThat(confirmation.select("#confirm-step-form input[name=_csrf]").val()).isNotBlank();
        assertThat(changing.select("#vote-resolution-APPROVE_WITH_CONDITIONS").hasAttr("checked")).isTrue();
        assertThat(changing.select("#vote-conditions").val()).isEqualTo("Annual audit\nNo onward transfer");

        Element confirm = confirmation.selectFirst("#confirm-step-form");
        mvc.perform(post(votes).with(member.session()).with(csrf()).param("action", "confirm")
                        .param("resolution", confirm.select("input[name=resolution]").val())
                        .param("conditions", confirm.select("input[name=conditions]").eachAttr("value").toArray(String[]::new)))
                .andExpect(status().isFound()).andExpect(flash().attribute("recorded", "votes"));

        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/votes")).singleElement()
                .satisfies(request -> {
                    assertThat(request.authorization()).isEqualTo("Bearer " + member.accessToken());
                    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                            "{\"resolution\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": [\"Annual audit\", \"No onward transfer\"]}"));
                });
    }

    @Test
    void acceptingTheCurrentProposalIsConfirmedAndNamesItsNumber() throws Exception {
        var dispute = Disputes.appeal().proposal(2, "APPROVE_WITH_CONDITIONS", List.of("No onward analytics"), "DE", "DE");
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/acceptances", 200,
                dispute.resolvedByAgreement("APPROVE_WITH_CONDITIONS", List.of("No onward analytics")).json().toString());
        var regulator = PortalUsers.regulator("CN");
        String acceptances = "/disputes/" + dispute.id() + "/acceptances";

        Document page = casePage(dispute.id(), regulator);
        String number = page.select("#accept-form input[name=proposal]").val();
        Document confirmation = page(mvc.perform(post(acceptances).with(regulator.session()).with(csrf())
                .param("proposal", number).param("action", "review")).andExpect(status().isOk()).andReturn());
        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/acceptances")).isEmpty();
        assertThat(confirmation.select("#summary-resolution").text()).isEqualTo("Approve with conditions");
        assertThat(confirmation.select("#summary-conditions li").eachText()).containsExactly("No onward analytics");
        assertThat(confirmation.select("#confirm-step").text()).isEqualTo("Confirm acceptance");

        mvc.perform(post(acceptances).with(regulator.session()).with(csrf()).param("action", "confirm")
                        .param("proposal", confirmation.select("#confirm-step-form input[name=proposal]").val()))
                .andExpect(status().isFound()).andExpect(flash().attribute("recorded", "acceptances"));

        assertThat(number).isEqualTo("2");
        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/acceptances")).singleElement()
                .satisfies(request -> assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"proposal\": 2}")));
    }

    @Test
    void aProposalReplacedSinceThePageWasShownIsNotAcceptedBlindly() throws Exception {
        var dispute = Disputes.appeal().proposal(3, "OVERTURN", List.of(), "DE", "DE");
        services.dispute(dispute.json());

        Document page = page(mvc.perform(post("/disputes/" + dispute.id() + "/acceptances")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("proposal", "2").param("action", "confirm"))
                .andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#step-problem").text())
                .isEqualTo("Proposal 2 has been replaced by proposal 3: read it before accepting.");
        assertThat(page.select("#accept-form input[name=proposal]").val()).isEqualTo("3");
        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/acceptances")).isEmpty();
    }

    @Test
    void aStepTheApiRefusesIsShownAtItsFormWithTheCaseAsItIsNow() throws Exception {
        // the case is escalated by its deadline between the page and the post
        var dispute = Disputes.appeal();
        String before = dispute.json().toString();
        var escalated = dispute.escalatedTo("FR", "SG", "JP");
        services.answerFirst("GET", "/api/v1/disputes/" + dispute.id(), 200, before).dispute(escalated.json())
                .answer("POST", "/api/v1/disputes/" + dispute.id() + "/proposals", 409, """
                        {"title": "Not possible now", "status": 409,
                         "detail": "The case is ESCALATED; parties propose an agreement only while it is OPEN or in NEGOTIATION."}
                        """);

        MvcResult result = mvc.perform(post("/disputes/" + dispute.id() + "/proposals")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("resolution", "OVERTURN"))
                .andReturn();

        Document page = page(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        Element problem = page.selectFirst("#step-problem");
        assertThat(problem.attr("role")).isEqualTo("alert");
        assertThat(problem.text()).contains("The dispute service did not record this step.", "Not possible now",
                "only while it is OPEN or in NEGOTIATION");
        assertThat(page.select("#dispute-status").text()).isEqualTo("Before a panel");
        assertThat(page.select("#dispute-steps form").eachAttr("id")).containsExactly("statement-form");
    }

    @Test
    void theApisFieldErrorsAreShownAtTheFieldsTheyName() throws Exception {
        var dispute = Disputes.appeal();
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/statements", 400, """
                {"title": "Invalid request", "status": 400,
                 "errors": [{"field": "attachments[0].sha256", "reason": "must be the lower-case hex SHA-256 of the attachment"}]}
                """);

        Document page = page(mvc.perform(post("/disputes/" + dispute.id() + "/statements")
                        .with(PortalUsers.enterprise().session()).with(csrf()).param("text", "Evidence.")
                        .param("attachments", HASH + "  notice.pdf"))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#statement-attachments-error").text())
                .isEqualTo("attachments[0].sha256: must be the lower-case hex SHA-256 of the attachment");
        assertThat(page.select("#statement-attachments").text()).isEqualTo(HASH + "  notice.pdf");
    }

    @Test
    void theChairExtendsOnceWithAnOptionalReason() throws Exception {
        var dispute = Disputes.appeal().escalatedTo("FR", "SG", "JP");
        services.dispute(dispute.json()).answer("POST", "/api/v1/disputes/" + dispute.id() + "/extension", 200,
                dispute.extended().json().toString());

        mvc.perform(post("/disputes/" + dispute.id() + "/extension").with(PortalUsers.regulator("FR").session())
                .with(csrf()).param("reason", "")).andExpect(status().isFound());
        mvc.perform(post("/disputes/" + dispute.id() + "/extension").with(PortalUsers.regulator("SG").session())
                .with(csrf()).param("reason", "")).andExpect(status().isConflict());

        assertThat(services.requests("POST", "/api/v1/disputes/" + dispute.id() + "/extension")).singleElement()
                .satisfies(request -> assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{}")));
    }

    @Test
    void aStepNotOpenToTheUserIsNotSentAndAuditorsMayNotPostAtAll() throws Exception {
        var dispute = Disputes.appeal();
        services.dispute(dispute.json());

        Document outsider = page(mvc.perform(post("/disputes/" + dispute.id() + "/votes")
                        .with(PortalUsers.regulator("CN").session()).with(csrf()).param("resolution", "UPHOLD"))
                .andExpect(status().isConflict()).andReturn());
        mvc.perform(post("/disputes/" + dispute.id() + "/statements").with(PortalUsers.auditor().session()).with(csrf())
                .param("text", "x")).andExpect(status().isForbidden());
        mvc.perform(post("/disputes/" + dispute.id() + "/statements").with(PortalUsers.regulator("CN").session())
                .param("text", "x")).andExpect(status().isForbidden());
        mvc.perform(get("/disputes").with(PortalUsers.policyAdmin().session())).andExpect(status().isForbidden());

        assertThat(outsider.select("#step-problem").text()).isEqualTo("This step is not open to you in this case now (it is Open).");
        assertThat(services.requests()).noneMatch(request -> request.method().equals("POST"));
    }

    @Test
    void aCaseThatIsNotTheUsersIsNotFound() throws Exception {
        String unknown = Disputes.appeal().id();

        mvc.perform(get("/disputes/" + unknown).with(PortalUsers.regulator("SG").session())).andExpect(status().isNotFound());
        mvc.perform(post("/disputes/" + unknown + "/statements").with(PortalUsers.regulator("SG").session()).with(csrf())
                .param("text", "x")).andExpect(status().isNotFound());
        mvc.perform(get("/disputes/not-a-case").with(PortalUsers.regulator("SG").session())).andExpect(status().isNotFound());
    }

    @Test
    void aPanelMemberIsNotLinkedToATransferItCannotRead() throws Exception {
        var dispute = Disputes.appeal().escalatedTo("FR", "SG", "JP");
        services.dispute(dispute.json());

        Document member = casePage(dispute.id(), PortalUsers.regulator("SG"));
        Document party = casePage(dispute.id(), PortalUsers.regulator("DE"));

        assertThat(member.select("#dispute-transfer")).isEmpty();
        assertThat(member.select("#dispute-transfer-id").text()).isEqualTo(dispute.transferId());
        assertThat(member.select("#dispute-part").text()).isEqualTo("Member of the panel");
        assertThat(party.select("#dispute-transfer").attr("href")).isEqualTo("/transfers/" + dispute.transferId());
    }

    @Test
    void theStateReloadsEveryMinuteAndOnEachStepTheLiveStreamReportsAndSaysWhenTheCaseMovedOn() throws Exception {
        var dispute = Disputes.appeal().statement("CN", "regulator-cn", "First.", null, null);
        services.dispute(dispute.json());
        var regulator = PortalUsers.regulator("DE");

        Document page = casePage(dispute.id(), regulator);
        String url = page.select("#dispute-state").attr("hx-get");
        Document unchanged = Jsoup.parseBodyFragment(mvc.perform(get(url).header("HX-Request", "true")
                .with(regulator.session())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        services.dispute(dispute.statement("DE", "regulator-de", "Second.", null, null).json());
        Document moved = Jsoup.parseBodyFragment(mvc.perform(get(url).header("HX-Request", "true")
                .with(regulator.session())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(url).isEqualTo("/disputes/" + dispute.id() + "/state?shown=2");
        assertThat(page.select("#dispute-state").attr("hx-trigger")).isEqualTo("every 60s, dispute-step from:body");
        assertThat(unchanged.select("#dispute-changed")).isEmpty();
        assertThat(moved.select("#dispute-changed").text()).contains("This case has taken a step since this page was shown.");
        assertThat(moved.select("#dispute-state").attr("hx-get")).isEqualTo(url);
        assertThat(moved.select("#statement-form")).isEmpty();
    }

    @Test
    void theDisputePagesSpeakChinese() throws Exception {
        var dispute = Disputes.appeal().escalatedTo("FR", "SG", "JP");
        services.dispute(dispute.json());

        Document page = page(mvc.perform(get("/disputes/" + dispute.id()).param("lang", "zh-CN")
                .with(PortalUsers.regulator("FR").session())).andExpect(status().isOk()).andReturn());

        assertThat(page.select("#dispute-status").text()).isEqualTo("专家组审理中");
        assertThat(page.select("#deadline-kind").text()).isEqualTo("三分之二多数裁决期限");
        assertThat(page.select("#vote-form > fieldset > legend").text()).isEqualTo("您的投票（FR）");
        assertThat(page.select("#panel-members li").first().text()).isEqualTo("FR（主席）");
        assertThat(page.select(".countdown").text()).startsWith("剩余 29 天");
    }

    private List<String> forms(Disputes dispute, PortalUsers.TestUser user) throws Exception {
        return casePage(dispute.id(), user).select("#dispute-steps form").eachAttr("id");
    }

    private Document casePage(String id, PortalUsers.TestUser user) throws Exception {
        return page(mvc.perform(get("/disputes/" + id).with(user.session())).andExpect(status().isOk()).andReturn());
    }

    /** The page as a browser's DOM would have it; every text on it found in the messages (none shown as ??key??). */
    public static Document page(MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString();
        assertThat(html).doesNotContain("??");
        return Jsoup.parse(html);
    }
}
