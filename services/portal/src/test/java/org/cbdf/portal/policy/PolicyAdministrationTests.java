package org.cbdf.portal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.disputes.DisputePagesTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * The policy administrator's pages: adequacy decisions and recognition agreements with a confirmed status change
 * (and the policy API's preview of the transfers it would suspend), rule packs read and published, the API's compile
 * errors shown at the rule, line and column.
 */
public class PolicyAdministrationTests extends PortalWebTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String DPF = """
            {"id": "eu-us-dpf", "authority": "EU", "destinations": ["US"], "scope": "DPF_CERTIFIED",
             "citation": "Commission Implementing Decision (EU) 2023/1795", "status": "UNDER_CHALLENGE",
             "adopted": "2023-07-10", "validUntil": null, "note": "Appeal C-703/25 P pending"}""";
    static final String UK = """
            {"id": "eu-gb", "authority": "EU", "destinations": ["GB"], "scope": null,
             "citation": "Commission Implementing Decision (EU) 2021/1772, renewed December 2025", "status": "ACTIVE",
             "validUntil": "2031-12-01", "note": null}""";
    static final String CBPR = """
            {"id": "sg-cbpr", "name": "Singapore recognises APEC and Global CBPR", "parties": ["SG"], "accepting": "SG",
             "destinations": [], "certifications": ["APEC_CBPR", "GLOBAL_CBPR"], "adequacyDecisions": [],
             "citation": "PDPR 2021, reg. 12", "status": "ACTIVE", "validFrom": "2021-02-01", "validUntil": null,
             "note": null}""";
    static final String PACK_YAML = """
            jurisdiction: IN
            name: India (DPDP Act 2023)
            rules:
              - id: in.dpdp.notified-country
                citation: DPDP Act 2023, s.16(1)
                when: "leg.destination in []"
                outcome: PROHIBITED
            """;

    @Test
    void aPolicyAdministratorSeesTheAdequacyDecisionsWithTheirStatusAndValidityAndOnlyItsOwnEntries() throws Exception {
        services.answer("GET", "/api/v1/adequacy-decisions", 200, "[" + DPF + "," + UK + "]");
        var admin = PortalUsers.policyAdmin();

        Document page = page(mvc.perform(get("/policy/adequacy-decisions").with(admin.session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/adequacy-decisions")).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + admin.accessToken()));
        assertThat(page.select("#adequacy-decisions tbody tr").eachAttr("data-id")).containsExactly("eu-us-dpf", "eu-gb");
        Element dpf = page.selectFirst("tr[data-id=eu-us-dpf]");
        assertThat(dpf.select(".policy-status").text()).isEqualTo("Under challenge");
        assertThat(dpf.select("td.validity").text()).isEqualTo("since 2023-07-10, open-ended");
        assertThat(dpf.select("a.instrument-link").attr("href")).isEqualTo("/policy/adequacy-decisions/eu-us-dpf");
        assertThat(page.selectFirst("tr[data-id=eu-gb]").select("td.validity").text()).isEqualTo("until 2031-12-01");
        assertThat(page.select("nav a").eachAttr("id")).containsExactly("nav-adequacy", "nav-agreements", "nav-rule-packs",
                "nav-reviews");
        assertThat(page.select("#nav-adequacy").attr("aria-current")).isEqualTo("page");
    }

    @Test
    void recognitionAgreementsAreListedTheSameWay() throws Exception {
        services.answer("GET", "/api/v1/recognition-agreements", 200, "[" + CBPR + "]");

        Document page = page(mvc.perform(get("/policy/recognition-agreements").with(PortalUsers.policyAdmin().session()))
                .andExpect(status().isOk()).andReturn());

        Element row = page.selectFirst("#recognition-agreements tr[data-id=sg-cbpr]");
        assertThat(row.text()).contains("Singapore recognises APEC and Global CBPR", "SG", "APEC_CBPR, GLOBAL_CBPR",
                "Active", "since 2021-02-01, open-ended");
    }

    /** The policy API's preview of revoking the DPF decision: one transfer prohibited, one needing approval, one passing. */
    static final String DPF_PREVIEW = """
            {"instrument": "adequacy-decision", "id": "eu-us-dpf", "currentStatus": "UNDER_CHALLENGE", "status": "REVOKED",
             "reassesses": true, "policyVersion": "sha256:old", "policyVersionAfter": "sha256:new",
             "transfers": [
              {"transferId": "tr-passes", "organization": "acme-fr", "route": {"origin": "FR", "destination": "US", "onward": []},
               "assessmentVersion": 1, "currentOutcome": "PERMITTED", "outcome": "CONDITIONAL", "suspension": "DOES_NOT_SUSPEND",
               "requiredApprovals": [], "assessedUnder": "sha256:old", "changes": []},
              {"transferId": "tr-prohibited", "organization": "acme-de", "route": {"origin": "DE", "destination": "US", "onward": ["CA", "MX"]},
               "assessmentVersion": 2, "currentOutcome": "PERMITTED", "outcome": "PROHIBITED", "suspension": "SUSPENDS",
               "requiredApprovals": [], "assessedUnder": "sha256:old",
               "changes": [{"rule": "eu.gdpr.art45-adequacy", "jurisdiction": "EU",
                            "before": {"rule": "eu.gdpr.art45-adequacy", "jurisdiction": "EU", "matched": true,
                                       "citation": "GDPR Art. 45", "explanation": "US has the EU adequacy decision eu-us-dpf"},
                            "after": {"rule": "eu.gdpr.art45-adequacy", "jurisdiction": "EU", "matched": false,
                                      "citation": "GDPR Art. 45", "explanation": "eu-us-dpf is REVOKED (CJEU invalidated it)"}},
                           {"rule": "eu.gdpr.art49-derogation", "jurisdiction": "EU", "before": null,
                            "after": {"rule": "eu.gdpr.art49-derogation", "jurisdiction": "EU", "matched": false,
                                      "citation": "GDPR Art. 49", "explanation": "no derogation claimed"}}]},
              {"transferId": "tr-approval", "organization": "acme-de", "route": {"origin": "DE", "destination": "US", "onward": []},
               "assessmentVersion": 1, "currentOutcome": "PERMITTED", "outcome": "REVIEW_REQUIRED", "suspension": "SUSPENDS_IF_ACTIVE",
               "requiredApprovals": [{"jurisdiction": "DE", "procedure": "PRIOR_AUTHORISATION"}], "assessedUnder": "sha256:old",
               "changes": [{"rule": "de.bdsg.prior-authorisation", "jurisdiction": "DE",
                            "before": {"rule": "de.bdsg.prior-authorisation", "jurisdiction": "DE", "matched": false,
                                       "citation": "BDSG", "explanation": "adequacy covers it"},
                            "after": {"rule": "de.bdsg.prior-authorisation", "jurisdiction": "DE", "matched": true,
                                      "citation": "BDSG", "explanation": "the authority must authorise it"}}]}]}""";

    @Test
    void takingADecisionOutOfForceShowsThePreviewOfWhichTransfersItSuspendsBeforeChangingIt() throws Exception {
        services.answer("GET", "/api/v1/adequacy-decisions/eu-us-dpf", 200, DPF)
                .answer("GET", "/api/v1/adequacy-decisions/eu-us-dpf/status-change-preview", 200, DPF_PREVIEW)
                .answer("PUT", "/api/v1/adequacy-decisions/eu-us-dpf", 200, """
                        {"decisionId": "eu-us-dpf", "previousStatus": "UNDER_CHALLENGE", "status": "REVOKED",
                         "reason": "CJEU invalidated it", "policyVersion": "sha256:new", "previousPolicyVersion": "sha256:old",
                         "reassessedTransfers": 3}""");
        var admin = PortalUsers.policyAdmin();
        String change = "/policy/adequacy-decisions/eu-us-dpf/status";

        Document form = page(mvc.perform(get("/policy/adequacy-decisions/eu-us-dpf").with(admin.session()))
                .andExpect(status().isOk()).andReturn());
        Document confirmation = page(mvc.perform(post(change).with(admin.session()).with(csrf())
                        .param("status", "REVOKED").param("reason", "  CJEU invalidated it & more  ").param("action", "review"))
                .andExpect(status().isOk()).andReturn());

        assertThat(form.select("#new-status option").eachAttr("value")).containsExactly("", "ACTIVE", "SUSPENDED", "REVOKED");
        assertThat(form.select("#instrument-note").text()).isEqualTo("Appeal C-703/25 P pending");
        assertThat(form.select("#status-form input[name=_csrf]").val()).isNotBlank();
        assertThat(form.select("label[for=new-status]")).isNotEmpty();
        assertThat(form.select("label[for=change-reason]")).isNotEmpty();
        assertThat(services.requests("GET", "/api/v1/adequacy-decisions/eu-us-dpf/status-change-preview")).singleElement()
                .satisfies(request -> {
                    assertThat(request.authorization()).isEqualTo("Bearer " + admin.accessToken());
                    assertThat(java.net.URLDecoder.decode(request.query(), StandardCharsets.UTF_8))
                            .isEqualTo("status=REVOKED&reason=CJEU invalidated it & more");
                    assertThat(request.query()).contains("reason=CJEU%20invalidated%20it%20%26%20more");
                });
        assertThat(services.requests("PUT", "/api/v1/adequacy-decisions/eu-us-dpf")).isEmpty();
        assertThat(confirmation.select("#summary-change").text()).isEqualTo("Under challenge → Revoked");
        assertThat(confirmation.select("#summary-reason").text()).isEqualTo("CJEU invalidated it & more");
        assertThat(confirmation.select("#suspension-preview").text()).startsWith("When you confirm, the policy service at "
                + "once reassesses every transfer whose latest assessment relies on this adequacy decision.")
                .contains("the 3 transfer(s) relying on it");
        assertThat(confirmation.select("#preview-suspends").text()).startsWith("1 would be prohibited");
        assertThat(confirmation.select("#preview-suspends-if-active").text()).startsWith("1 would need a regulator's approval");
        assertThat(confirmation.select("#preview-not-suspended").text()).startsWith("1 would still pass");

        Element table = confirmation.selectFirst("#preview-transfers");
        assertThat(table.select("thead th").eachAttr("scope")).containsOnly("col").hasSize(7);
        assertThat(table.select("tbody tr").eachAttr("data-transfer")).as("those suspended first")
                .containsExactly("tr-prohibited", "tr-approval", "tr-passes");
        Element prohibited = table.selectFirst("tr[data-transfer=tr-prohibited]");
        assertThat(prohibited.hasClass("suspends")).isTrue();
        assertThat(prohibited.select("th[scope=row]").text()).isEqualTo("tr-prohibited");
        assertThat(prohibited.select(".organization").text()).isEqualTo("acme-de");
        assertThat(prohibited.select(".route").text()).isEqualTo("DE → US (onward: CA, MX)");
        assertThat(prohibited.select(".current-outcome").text()).isEqualTo("Permitted");
        assertThat(prohibited.select(".outcome").text()).isEqualTo("Prohibited");
        assertThat(prohibited.select(".suspension").text()).isEqualTo("Suspended");
        assertThat(prohibited.select("details summary").text()).isEqualTo("2 rule(s) change");
        assertThat(prohibited.select("li.rule-change").eachText()).containsExactly(
                "eu.gdpr.art45-adequacy (EU): applies: yes → no. eu-us-dpf is REVOKED (CJEU invalidated it) (Law: GDPR Art. 45)",
                "eu.gdpr.art49-derogation (EU): applies: not considered → no. no derogation claimed (Law: GDPR Art. 49)");
        assertThat(table.select("tr[data-transfer=tr-approval] .suspension").text())
                .isEqualTo("Suspended if permitted or approved");
        assertThat(table.select("tr[data-transfer=tr-passes] .rule-changes").text()).isEqualTo("none");
        assertThat(table.select("tr[data-transfer=tr-passes] .outcome").text()).isEqualTo("Conditional");

        Element confirm = confirmation.selectFirst("#confirm-status-form");
        MvcResult changed = mvc.perform(post(change).with(admin.session()).with(csrf()).param("action", "confirm")
                        .param("status", confirm.select("input[name=status]").val())
                        .param("reason", confirm.select("input[name=reason]").val()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/policy/adequacy-decisions/eu-us-dpf"))
                .andReturn();

        assertThat(services.requests("GET", "/api/v1/adequacy-decisions/eu-us-dpf/status-change-preview"))
                .as("confirming does not preview again").hasSize(1);
        assertThat(services.requests("PUT", "/api/v1/adequacy-decisions/eu-us-dpf")).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + admin.accessToken());
            assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                    "{\"status\": \"REVOKED\", \"reason\": \"CJEU invalidated it & more\"}"));
        });
        Document after = page(mvc.perform(get("/policy/adequacy-decisions/eu-us-dpf").with(admin.session())
                .flashAttrs(changed.getFlashMap())).andExpect(status().isOk()).andReturn());
        assertThat(after.select("#status-changed").text()).isEqualTo("Changed from Under challenge to Revoked; 3 transfer(s) "
                + "that relied on it were reassessed. Policy version in force: sha256:new.");
    }

    @Test
    void anAgreementNoTransferReliesOnIsSaidToSuspendNoneAndThePreviewReadsInChinese() throws Exception {
        services.answer("GET", "/api/v1/recognition-agreements/sg-cbpr", 200, CBPR)
                .answer("GET", "/api/v1/recognition-agreements/sg-cbpr/status-change-preview", 200, """
                        {"instrument": "recognition-agreement", "id": "sg-cbpr", "currentStatus": "ACTIVE",
                         "status": "SUSPENDED", "reassesses": true, "transfers": []}""")
                .answer("GET", "/api/v1/adequacy-decisions/eu-us-dpf", 200, DPF)
                .answer("GET", "/api/v1/adequacy-decisions/eu-us-dpf/status-change-preview", 200, DPF_PREVIEW);
        var admin = PortalUsers.policyAdmin();

        Document none = page(mvc.perform(post("/policy/recognition-agreements/sg-cbpr/status").with(admin.session())
                .with(csrf()).param("status", "SUSPENDED").param("reason", "CBPR review")).andExpect(status().isOk()).andReturn());
        Document chinese = page(mvc.perform(post("/policy/adequacy-decisions/eu-us-dpf/status").param("lang", "zh-CN")
                .with(admin.session()).with(csrf()).param("status", "SUSPENDED").param("reason", "暂停"))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/recognition-agreements/sg-cbpr/status-change-preview"))
                .singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("status=SUSPENDED&reason=CBPR%20review"));
        assertThat(none.select("#suspension-preview").text()).startsWith(
                "No transfer's latest assessment relies on this recognition agreement now, so the change suspends none");
        assertThat(none.select("#preview-transfers, #preview-summary")).isEmpty();
        assertThat(none.select("#confirm-status")).isNotEmpty();
        assertThat(chinese.select("#preview-transfers caption").text()).isEqualTo("目前依赖它的 3 项申请（将被暂停的排在前面）");
        assertThat(chinese.select("tr[data-transfer=tr-prohibited] .suspension").text()).isEqualTo("将被暂停");
        assertThat(chinese.select("tr[data-transfer=tr-prohibited] .outcome").text()).isEqualTo("禁止");
        assertThat(chinese.select("tr[data-transfer=tr-prohibited] li.rule-change").first().text())
                .contains("是否适用：是 → 否");
    }

    @Test
    void whenThePolicyServiceCannotPreviewTheConfirmationSaysSoAndTheChangeCanStillBeConfirmed() throws Exception {
        services.answer("GET", "/api/v1/adequacy-decisions/eu-gb", 200, UK)
                .answer("GET", "/api/v1/adequacy-decisions/eu-gb/status-change-preview", 409, """
                        {"title": "Nothing to change", "status": 409, "detail": "adequacy decision eu-gb is already SUSPENDED"}""");

        Document page = page(mvc.perform(post("/policy/adequacy-decisions/eu-gb/status")
                .with(PortalUsers.policyAdmin().session()).with(csrf()).param("status", "SUSPENDED")
                .param("reason", "Pending review")).andExpect(status().isOk()).andReturn());

        assertThat(page.select("#preview-problem").attr("role")).isEqualTo("alert");
        assertThat(page.select("#preview-problem").text()).startsWith("The policy service could not preview which "
                + "transfers the change would suspend; nothing was changed.").contains("Nothing to change", "already SUSPENDED");
        assertThat(page.select("#preview-transfers")).isEmpty();
        assertThat(page.select("#confirm-status-form input[name=status]").val()).isEqualTo("SUSPENDED");
        assertThat(services.requests()).noneMatch(request -> request.method().equals("PUT"));
    }

    @Test
    void aChangeThatTakesNothingOutOfForceSaysItSuspendsNoTransfer() throws Exception {
        services.answer("GET", "/api/v1/adequacy-decisions/eu-gb", 200, UK)
                .answer("GET", "/api/v1/recognition-agreements/sg-cbpr", 200, CBPR.replace("ACTIVE", "SUSPENDED"));
        var admin = PortalUsers.policyAdmin();

        Document challenged = page(mvc.perform(post("/policy/adequacy-decisions/eu-gb/status").with(admin.session())
                .with(csrf()).param("status", "UNDER_CHALLENGE").param("reason", "Action brought")).andReturn());
        Document restored = page(mvc.perform(post("/policy/recognition-agreements/sg-cbpr/status").with(admin.session())
                .with(csrf()).param("status", "ACTIVE").param("reason", "Reinstated")).andReturn());

        assertThat(challenged.select("#suspension-preview").text())
                .isEqualTo("This change suspends no transfer: this adequacy decision stays in force, and nothing is reassessed.");
        assertThat(restored.select("#suspension-preview").text()).startsWith(
                "This change suspends no transfer: this recognition agreement comes back into force.");
    }

    @Test
    void aReasonIsRequiredAndTheCurrentStatusIsNoChange() throws Exception {
        services.answer("GET", "/api/v1/adequacy-decisions/eu-gb", 200, UK);
        var admin = PortalUsers.policyAdmin();

        Document noReason = page(mvc.perform(post("/policy/adequacy-decisions/eu-gb/status").with(admin.session())
                .with(csrf()).param("status", "SUSPENDED").param("reason", " ")).andExpect(status().isBadRequest()).andReturn());
        Document same = page(mvc.perform(post("/policy/adequacy-decisions/eu-gb/status").with(admin.session())
                .with(csrf()).param("status", "ACTIVE").param("reason", "x")).andExpect(status().isBadRequest()).andReturn());

        assertThat(noReason.select("#change-reason-error").text()).isEqualTo("Give the reason for the change.");
        assertThat(noReason.select("#change-reason").attr("aria-describedby")).isEqualTo("change-reason-error");
        assertThat(noReason.select("#new-status option[selected]").val()).isEqualTo("SUSPENDED");
        assertThat(same.select("#new-status-error").text()).isEqualTo("It is Active already.");
        assertThat(services.requests()).noneMatch(request -> request.method().equals("PUT"));
    }

    @Test
    void theApisRefusalIsShownAtTheFormWithTheDecisionAsItIsNow() throws Exception {
        services.answerFirst("GET", "/api/v1/adequacy-decisions/eu-gb", 200, UK)
                .answer("GET", "/api/v1/adequacy-decisions/eu-gb", 200, UK.replace("ACTIVE", "SUSPENDED"))
                .answer("PUT", "/api/v1/adequacy-decisions/eu-gb", 409, """
                        {"title": "Nothing to change", "status": 409, "detail": "adequacy decision eu-gb is already SUSPENDED"}""");

        MvcResult result = mvc.perform(post("/policy/adequacy-decisions/eu-gb/status")
                .with(PortalUsers.policyAdmin().session()).with(csrf()).param("action", "confirm")
                .param("status", "SUSPENDED").param("reason", "Pending review")).andReturn();

        Document page = page(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(page.select("#status-problem").text()).contains("The policy service did not make the change.",
                "Nothing to change", "already SUSPENDED");
        assertThat(page.select("#instrument-status").text()).isEqualTo("Suspended");
        assertThat(page.select("#instrument-note").text()).isEqualTo("—");
        assertThat(page.select("#instrument-validity").text()).isEqualTo("until 2031-12-01");
        assertThat(page.select("#change-reason").text()).isEqualTo("Pending review");
    }

    @Test
    void rulePacksAreListedAndAPacksYamlIsShownReadOnlyWithLineNumbers() throws Exception {
        services.answer("GET", "/api/v1/rule-packs", 200, "[" + pack() + "]").answer("GET", "/api/v1/rule-packs/IN", 200, pack());
        var admin = PortalUsers.policyAdmin();

        Document list = page(mvc.perform(get("/policy/rule-packs").with(admin.session())).andExpect(status().isOk()).andReturn());
        Document one = page(mvc.perform(get("/policy/rule-packs/IN").with(admin.session())).andExpect(status().isOk()).andReturn());

        assertThat(list.select("#rule-packs tr[data-pack=IN]").text()).contains("IN", "India (DPDP Act 2023)", "1");
        assertThat(one.select("#pack-rules code").eachText()).containsExactly("in.dpdp.notified-country");
        assertThat(one.select("#pack-yaml-in-force tr")).hasSize(7);
        assertThat(one.select("#pack-yaml-in-force tr").get(5).text()).isEqualTo("6 when: \"leg.destination in []\"");
        assertThat(one.select("#pack-yaml-in-force textarea, #pack-yaml-in-force input")).isEmpty();
        Element upload = one.selectFirst("#upload-form");
        assertThat(upload.attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(upload.select("input[name=_csrf]").val()).isNotBlank();
        assertThat(upload.select("label[for=pack-file]")).isNotEmpty();
        assertThat(upload.select("label[for=pack-yaml]")).isNotEmpty();
    }

    @Test
    void aNewVersionChosenAsAFileIsPublishedAsItsYaml() throws Exception {
        services.answer("GET", "/api/v1/rule-packs/IN", 200, pack()).answer("PUT", "/api/v1/rule-packs/IN", 200, """
                {"jurisdiction": "IN", "rules": ["in.dpdp.notified-country"], "policyVersion": "sha256:new",
                 "previousPolicyVersion": "sha256:old"}""");
        var admin = PortalUsers.policyAdmin();
        String edited = PACK_YAML.replace("in []", "in ['US']");

        MvcResult published = mvc.perform(multipart("/policy/rule-packs/IN")
                        .file(new MockMultipartFile("file", "in.yaml", "application/yaml", edited.getBytes(StandardCharsets.UTF_8)))
                        .param("yaml", "").with(admin.session()).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/policy/rule-packs/IN"))
                .andExpect(flash().attributeExists("published")).andReturn();

        assertThat(services.requests("PUT", "/api/v1/rule-packs/IN")).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + admin.accessToken());
            assertThat(request.contentType()).startsWith("application/yaml");
            assertThat(request.body()).isEqualTo(edited);
        });
        Document after = page(mvc.perform(get("/policy/rule-packs/IN").with(admin.session())
                .flashAttrs(published.getFlashMap())).andExpect(status().isOk()).andReturn());
        assertThat(after.select("#pack-published").text())
                .isEqualTo("Published: 1 rules; policy version in force sha256:new (was sha256:old).");
    }

    @Test
    void aNewVersionPastedIsPublishedAndAFileAndTextTogetherOrNeitherIsNotSent() throws Exception {
        services.answer("GET", "/api/v1/rule-packs/IN", 200, pack()).answer("PUT", "/api/v1/rule-packs/IN", 200,
                "{\"rules\": [], \"policyVersion\": \"sha256:new\", \"previousPolicyVersion\": \"sha256:old\"}");
        var admin = PortalUsers.policyAdmin();

        mvc.perform(post("/policy/rule-packs/IN").param("yaml", PACK_YAML).with(admin.session()).with(csrf()))
                .andExpect(status().isFound());
        Document both = page(mvc.perform(multipart("/policy/rule-packs/IN")
                        .file(new MockMultipartFile("file", "in.yaml", "application/yaml", PACK_YAML.getBytes(StandardCharsets.UTF_8)))
                        .param("yaml", PACK_YAML).with(admin.session()).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());
        Document neither = page(mvc.perform(post("/policy/rule-packs/IN").param("yaml", "  ").with(admin.session()).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());
        Document binary = page(mvc.perform(multipart("/policy/rule-packs/IN")
                        .file(new MockMultipartFile("file", "in.yaml", "application/octet-stream", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}))
                        .with(admin.session()).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(services.requests("PUT", "/api/v1/rule-packs/IN")).singleElement()
                .satisfies(request -> assertThat(request.body()).isEqualTo(PACK_YAML));
        assertThat(both.select("#pack-yaml-error").text()).isEqualTo("Choose a file or paste the YAML, not both.");
        assertThat(neither.select("#pack-yaml-error").text()).isEqualTo("Choose a file or paste the pack's YAML.");
        assertThat(binary.select("#pack-yaml-error").text()).isEqualTo("The file is not UTF-8 text.");
        assertThat(both.select("#upload-problem").text()).isEqualTo("Nothing was sent to the policy service.");
    }

    @Test
    void aPackThatDoesNotCompileIsShownAtTheRuleLineAndColumnTheApiNames() throws Exception {
        String broken = PACK_YAML.replace("in []", "in 42");
        services.answer("GET", "/api/v1/rule-packs/IN", 200, pack()).answer("PUT", "/api/v1/rule-packs/IN", 400, """
                {"type": "about:blank", "title": "Rule does not compile", "status": 400,
                 "detail": "rules[in.dpdp.notified-country].when: line 6, expression line 1 column 17: found no matching overload",
                 "errors": [{"field": "rules[in.dpdp.notified-country].when",
                             "reason": "line 6, expression line 1 column 17: found no matching overload for '@in' applied to '(string, int)'"}],
                 "rule": "in.dpdp.notified-country", "line": 6, "expressionLine": 1, "column": 17}""");

        MvcResult result = mvc.perform(post("/policy/rule-packs/IN").param("yaml", broken)
                .with(PortalUsers.policyAdmin().session()).with(csrf())).andReturn();

        Document page = page(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(page.select("#upload-problem").text()).contains("The policy service refused the pack", "Rule does not compile");
        assertThat(page.select("#rule-problem-at").text())
                .isEqualTo("Rule in.dpdp.notified-country, line 6 of the file: line 1, column 17 of its condition.");
        assertThat(page.select("#rule-problem-errors li").text()).startsWith("rules[in.dpdp.notified-country].when: line 6");
        assertThat(page.select("#rule-problem-link").attr("href")).isEqualTo("#uploaded-line-6");
        Element line = page.selectFirst("#uploaded-line-6");
        assertThat(line.hasClass("error-line")).isTrue();
        assertThat(line.text()).isEqualTo("6 when: \"leg.destination in 42\"");
        assertThat(line.nextElementSibling().id()).isEqualTo("uploaded-line-error");
        assertThat(page.select("#uploaded-line-error").text()).startsWith("↑ Rule in.dpdp.notified-country, column 17 of its condition:")
                .contains("found no matching overload");
        assertThat(page.select("#uploaded-yaml tr.error-line")).hasSize(1);
        assertThat(page.select("#pack-yaml").text()).isEqualTo(broken.strip());
    }

    @Test
    void aPackIdenticalToTheOneInForceIsSaidToBeSo() throws Exception {
        services.answer("GET", "/api/v1/rule-packs/IN", 200, pack()).answer("PUT", "/api/v1/rule-packs/IN", 409, """
                {"title": "Nothing to change", "status": 409, "detail": "the uploaded pack is the one in force"}""");

        Document page = page(mvc.perform(post("/policy/rule-packs/IN").param("yaml", PACK_YAML)
                .with(PortalUsers.policyAdmin().session()).with(csrf())).andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#upload-problem").text()).startsWith("This is the pack in force already: nothing was published.");
        assertThat(page.select("#rule-problem")).isEmpty();
    }

    @Test
    void onlyPolicyAdministratorsReachThePolicyPagesAndOthersAreToldWhy() throws Exception {
        for (var user : List.of(PortalUsers.regulator("CN"), PortalUsers.auditor(), PortalUsers.enterprise())) {
            mvc.perform(get("/policy/adequacy-decisions").with(user.session())).andExpect(status().isForbidden());
            mvc.perform(post("/policy/rule-packs/IN").param("yaml", PACK_YAML).with(user.session()).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/policy/adequacy-decisions/eu-gb/status").with(PortalUsers.policyAdmin().session())
                .param("status", "REVOKED").param("reason", "x").param("action", "confirm")).andExpect(status().isForbidden());
        mvc.perform(get("/policy/adequacy-decisions/no-such-decision").with(PortalUsers.policyAdmin().session()))
                .andExpect(status().isNotFound());
        assertThat(services.requests()).noneMatch(request -> request.method().equals("PUT"));
    }

    private static String pack() {
        return JSON.createObjectNode().put("jurisdiction", "IN").put("name", "India (DPDP Act 2023)")
                .<tools.jackson.databind.node.ObjectNode>set("appliesTo", JSON.createArrayNode().add("IN"))
                .<tools.jackson.databind.node.ObjectNode>set("rules", JSON.createArrayNode().add("in.dpdp.notified-country"))
                .put("yaml", PACK_YAML).toString();
    }

    public static Document page(MvcResult result) throws Exception {
        return DisputePagesTests.page(result);
    }
}
