package org.cbdf.portal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.RequestDispatcher;
import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.disputes.DisputePagesTests;
import org.cbdf.portal.session.PortalUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The adequacy reviews, read-only: the list with its deadlines and overdue marks (and the overdue filter passed to
 * the policy API), one review's criteria, opinions, conclusion and timeline, the recognition map with mutual
 * adequacy marked; regulators, policy administrators and auditors only, in both languages.
 */
class AdequacyReviewPagesTests extends PortalWebTests {

    static final String REVIEW_ID = "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b";
    static final String FOLLOW_UP_ID = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** {@code AdequacyReviewView.Summary} as the API sends it: opinions missing after their deadline. */
    static final String SUMMARY = """
            {"id": "%s", "kind": "INITIAL", "trigger": "REQUEST", "status": "OPINIONS_REQUESTED", "authority": "EU",
             "subject": {"kind": "JURISDICTION", "jurisdiction": "KR", "sector": "COMMERCIAL_ORGANISATIONS",
                         "certifications": [], "modelClauses": null, "description": "Korea's PIPA"},
             "instrument": {"type": "adequacy-decision", "id": "eu-kr"}, "recognises": null,
             "opinionsDeadline": "2026-11-20T00:00:00Z", "missingOpinions": ["JP", "GB"], "outcome": null,
             "entryIntoForce": null, "reviewDate": null, "dueBy": "2027-03-01", "overdue": ["OPINIONS"],
             "openedAt": "2026-10-01T09:00:00Z"}""".formatted(REVIEW_ID);
    /** A decision in force past its review date. */
    static final String FOLLOW_UP_SUMMARY = """
            {"id": "%s", "kind": "FOLLOW_UP", "trigger": "PERIODIC", "status": "IN_FORCE", "authority": "GB",
             "subject": {"kind": "CERTIFICATION", "jurisdiction": null, "sector": null,
                         "certifications": ["APEC_CBPR", "GLOBAL_CBPR"], "modelClauses": null, "description": null},
             "instrument": {"type": "recognition-agreement", "id": "gb-cbpr"}, "recognises": null,
             "opinionsDeadline": null, "missingOpinions": [], "outcome": "ADEQUATE",
             "entryIntoForce": "2022-01-01", "reviewDate": "2026-01-01", "dueBy": null, "overdue": ["REVIEW_DATE"],
             "openedAt": "2021-10-01T09:00:00Z"}""".formatted(FOLLOW_UP_ID);

    /** {@code AdequacyReviewView} as the API sends it: a finding with evidence, one opinion filed, one missing. */
    static final String REVIEW = """
            {"id": "%s", "kind": "INITIAL", "trigger": "REQUEST", "status": "OPINIONS_REQUESTED", "authority": "EU",
             "subject": {"kind": "JURISDICTION", "jurisdiction": "KR", "sector": "COMMERCIAL_ORGANISATIONS",
                         "certifications": [], "modelClauses": null, "description": "Korea's PIPA, private sector"},
             "instrument": {"type": "adequacy-decision", "id": "eu-kr"}, "follows": null, "recognises": null,
             "recognised": null, "recognisedInstrument": null,
             "criteria": [
               {"id": "rule-of-law", "title": "Rule of law and access by public authorities",
                "citation": "GDPR Art. 45(2)(a)", "description": "Respect for human rights",
                "finding": {"criterion": "rule-of-law", "finding": "Access is limited by statute",
                            "rating": "EQUIVALENT_WITH_CONDITIONS",
                            "evidence": {"text": "PIPC report 2025", "links": ["https://example.org/pipc"],
                                         "documents": [{"name": "pipc-2025.pdf", "sha256": "%s"}]},
                            "recordedBy": "eu-reviewer", "recordedAt": "2026-10-05T10:00:00Z"}},
               {"id": "supervisory-authority", "title": "Independent supervisory authority",
                "citation": "GDPR Art. 45(2)(b)", "description": "Enforcement powers", "finding": null}],
             "criteriaPolicyVersion": "sha256:criteria",
             "opinions": {"requestedFrom": ["JP", "GB"], "deadline": "2026-11-20T00:00:00Z", "deadlinePassed": true,
                          "missing": ["GB"],
                          "filed": [{"jurisdiction": "JP", "position": "FAVOURABLE_WITH_CONDITIONS",
                                     "text": "Agree, with onward-transfer safeguards",
                                     "conditions": ["Onward transfers under contract"],
                                     "filedBy": "jp-regulator", "filedAt": "2026-11-10T08:00:00Z"}]},
             "conclusion": null, "reviewDate": null, "supersededBy": null, "dueBy": "2027-03-01",
             "overdue": ["OPINIONS"], "consultedBy": ["EU"], "reason": "Request of the Commission",
             "openedBy": "eu-reviewer", "openedAt": "2026-10-01T09:00:00Z",
             "timeline": [{"at": "2026-10-01T09:00:00Z", "step": "OPENED", "by": "eu-reviewer", "detail": "initial review"},
                          {"at": "2026-11-21T00:00:00Z", "step": "DEADLINE_MISSED", "by": "platform", "detail": "GB"}],
             "version": 5}""".formatted(REVIEW_ID, SHA);

    /** The same review concluded and in force. */
    static final String CONCLUDED = REVIEW.replace("\"OPINIONS_REQUESTED\"", "\"IN_FORCE\"").replace("\"conclusion\": null",
            """
            "conclusion": {"outcome": "ADEQUATE", "scope": "COMMERCIAL_ORGANISATIONS",
              "conditions": ["Annual report to the Commission"], "entryIntoForce": "2026-12-01",
              "reviewDate": "2030-12-01", "validUntil": null, "legalReference": "Decision (EU) 2026/123",
              "reason": "Essentially equivalent", "policyVersion": "sha256:v2", "reassessedTransfers": 4,
              "concludedBy": "eu-reviewer", "concludedAt": "2026-11-25T12:00:00Z"}""");

    /** {@code RecognitionMap}: EU–JP mutual adequacy, GB recognising EU's review of KR, SG's CBPR. */
    static final String MAP = """
            {"adequacy": [
               {"authority": "EU", "destinations": ["JP"], "decision": "eu-jp", "status": "ACTIVE", "scope": null,
                "review": null, "reviewDate": null},
               {"authority": "JP", "destinations": ["EEA"], "decision": "jp-eea", "status": "ACTIVE", "scope": null,
                "review": null, "reviewDate": null},
               {"authority": "EU", "destinations": ["KR"], "decision": "eu-kr", "status": "ACTIVE",
                "scope": "COMMERCIAL_ORGANISATIONS", "review": "%s", "reviewDate": "2030-12-01"}],
             "mutual": [{"between": ["EU", "JP"], "decisions": ["eu-jp", "jp-eea"], "agreement": "eu-jp-mutual-adequacy"}],
             "byReference": [{"recognising": "GB", "recognised": "EU", "review": "%s", "recognisedReview": "%s",
                              "instrument": {"type": "adequacy-decision", "id": "gb-kr"},
                              "recognisedInstrument": {"type": "adequacy-decision", "id": "eu-kr"},
                              "subject": {"kind": "JURISDICTION", "jurisdiction": "KR", "sector": null,
                                          "certifications": [], "modelClauses": null, "description": null}}],
             "standards": [{"accepting": "SG", "certifications": ["APEC_CBPR", "GLOBAL_CBPR"], "destinations": [],
                            "agreement": "sg-cbpr", "name": "Singapore recognises APEC and Global CBPR",
                            "status": "ACTIVE", "review": null}]}""".formatted(REVIEW_ID, FOLLOW_UP_ID, REVIEW_ID);

    @Test
    void theReviewsListShowsEachReviewsDeadlinesAndWhatIsOverdueWithTheUsersToken() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews", 200, "[" + SUMMARY + "," + FOLLOW_UP_SUMMARY + "]");
        var regulator = PortalUsers.regulator("DE");

        Document page = page(mvc.perform(get("/policy/reviews").with(regulator.session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/adequacy-reviews")).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + regulator.accessToken());
            assertThat(request.query()).isNull();
        });
        assertThat(page.select("#reviews tbody tr").eachAttr("data-id")).containsExactly(REVIEW_ID, FOLLOW_UP_ID);
        Element kr = page.selectFirst("tr[data-id=" + REVIEW_ID + "]");
        assertThat(kr.select("a.review-link").text()).isEqualTo("KR (COMMERCIAL_ORGANISATIONS)");
        assertThat(kr.select("a.review-link").attr("href")).isEqualTo("/policy/reviews/" + REVIEW_ID);
        assertThat(kr.select(".authority").text()).isEqualTo("EU");
        assertThat(kr.select(".review-status").text()).isEqualTo("Opinions requested");
        assertThat(kr.select(".opinions-deadline").text()).isEqualTo("2026-11-20 00:00 UTC");
        assertThat(kr.select(".missing-opinions").text()).isEqualTo("JP, GB");
        assertThat(kr.select(".overdue-mark").text()).isEqualTo("Opinions overdue");
        Element cbpr = page.selectFirst("tr[data-id=" + FOLLOW_UP_ID + "]");
        assertThat(cbpr.select("a.review-link").text()).isEqualTo("certification APEC_CBPR, GLOBAL_CBPR");
        assertThat(cbpr.select(".review-status").text()).isEqualTo("In force");
        assertThat(cbpr.select(".review-date").text()).isEqualTo("2026-01-01");
        assertThat(cbpr.select(".overdue-mark").text()).isEqualTo("Review date passed");
        assertThat(page.select("#overdue-only").hasAttr("checked")).isFalse();
        assertThat(page.select("label[for=overdue-only]")).isNotEmpty();
        assertThat(page.select("#nav-reviews").attr("aria-current")).isEqualTo("page");
    }

    @Test
    void theOverdueFilterIsPassedToThePolicyApi() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews", 200, "[" + SUMMARY + "]");

        Document page = page(mvc.perform(get("/policy/reviews").param("overdue", "true")
                .with(PortalUsers.auditor().session())).andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/adequacy-reviews")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("overdue=true"));
        assertThat(page.select("#overdue-only").hasAttr("checked")).isTrue();
        assertThat(page.select("#reviews tbody tr")).hasSize(1);
    }

    @Test
    void noOverdueReviewIsSaidSo() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews", 200, "[]");

        Document page = page(mvc.perform(get("/policy/reviews?overdue=true").with(PortalUsers.policyAdmin().session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(page.select("#reviews")).isEmpty();
        assertThat(page.select("#reviews-empty").text()).isEqualTo("No adequacy review is overdue.");
    }

    @Test
    void aReviewShowsItsCriteriaFindingsEvidenceOpinionsAndTimeline() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews/" + REVIEW_ID, 200, REVIEW);
        var admin = PortalUsers.policyAdmin();

        Document page = page(mvc.perform(get("/policy/reviews/" + REVIEW_ID).with(admin.session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/adequacy-reviews/" + REVIEW_ID)).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + admin.accessToken()));
        assertThat(page.select("#review-subject").text()).isEqualTo("KR (COMMERCIAL_ORGANISATIONS) Korea's PIPA, private sector");
        assertThat(page.select("#review-authority").text()).isEqualTo("EU");
        assertThat(page.select("#review-status").text()).isEqualTo("Opinions requested");
        assertThat(page.select("#review-instrument").text()).isEqualTo("eu-kr");
        assertThat(page.select("#criteria li.criterion").eachAttr("data-id"))
                .containsExactly("rule-of-law", "supervisory-authority");
        Element law = page.selectFirst("li.criterion[data-id=rule-of-law]");
        assertThat(law.select(".criterion-title").text()).isEqualTo("Rule of law and access by public authorities");
        assertThat(law.select(".criterion-citation").text()).isEqualTo("GDPR Art. 45(2)(a)");
        assertThat(law.select(".finding").text()).isEqualTo("Access is limited by statute");
        assertThat(law.select(".rating").text()).isEqualTo("Equivalent with conditions");
        assertThat(law.select(".evidence-text").text()).isEqualTo("PIPC report 2025");
        assertThat(law.select(".evidence-links a").attr("href")).isEqualTo("https://example.org/pipc");
        assertThat(law.select(".document-name").text()).isEqualTo("pipc-2025.pdf");
        assertThat(law.select(".document-sha256").text()).isEqualTo(SHA);
        assertThat(page.selectFirst("li.criterion[data-id=supervisory-authority]").select(".no-finding").text())
                .isEqualTo("No finding yet.");
        assertThat(page.select("#opinions-requested-from").text()).isEqualTo("JP, GB");
        assertThat(page.select("#opinions-deadline").text()).isEqualTo("2026-11-20 00:00 UTC");
        assertThat(page.select("#opinions-deadline-passed").text()).isEqualTo("deadline passed");
        assertThat(page.select("#opinions-missing").text()).isEqualTo("GB");
        Element jp = page.selectFirst("#opinions-filed tr[data-jurisdiction=JP]");
        assertThat(jp.select(".position").text()).isEqualTo("Favourable with conditions");
        assertThat(jp.select(".opinion-text").text()).isEqualTo("Agree, with onward-transfer safeguards");
        assertThat(jp.select(".opinion-conditions li").eachText()).containsExactly("Onward transfers under contract");
        assertThat(page.select("#conclusion-none").text()).isEqualTo("Not concluded yet.");
        assertThat(page.select("#review-timeline li").eachText()).containsExactly(
                "2026-10-01 09:00 UTC OPENED eu-reviewer initial review",
                "2026-11-21 00:00 UTC DEADLINE_MISSED platform GB");
    }

    @Test
    void aConcludedReviewShowsItsConclusion() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews/" + REVIEW_ID, 200, CONCLUDED);

        Document page = page(mvc.perform(get("/policy/reviews/" + REVIEW_ID).with(PortalUsers.regulator("JP").session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(page.select("#conclusion-outcome").text()).isEqualTo("Adequate");
        assertThat(page.select("#conclusion-scope").text()).isEqualTo("COMMERCIAL_ORGANISATIONS");
        assertThat(page.select("#conclusion-conditions li").eachText()).containsExactly("Annual report to the Commission");
        assertThat(page.select("#conclusion-entry").text()).isEqualTo("2026-12-01");
        assertThat(page.select("#conclusion-review-date").text()).isEqualTo("2030-12-01");
        assertThat(page.select("#conclusion-reference").text()).isEqualTo("Decision (EU) 2026/123");
        assertThat(page.select("#conclusion-reassessed").text()).isEqualTo("4");
        assertThat(page.select("#conclusion-none")).isEmpty();
    }

    @Test
    void aReviewTheApiDoesNotShowIsNotFound() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews/" + REVIEW_ID, 404, "{\"title\": \"Not found\", \"status\": 404}");

        mvc.perform(get("/policy/reviews/" + REVIEW_ID).with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/policy/reviews/not-a-uuid").with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isNotFound());

        assertThat(services.requests()).noneMatch(request -> request.path().contains("not-a-uuid"));
    }

    @Test
    void theRecognitionMapShowsEachSectionAndMarksMutualAdequacy() throws Exception {
        services.answer("GET", "/api/v1/adequacy-recognition-map", 200, MAP);
        var auditor = PortalUsers.auditor();

        Document page = page(mvc.perform(get("/policy/recognition-map").with(auditor.session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(services.requests("GET", "/api/v1/adequacy-recognition-map")).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + auditor.accessToken()));
        assertThat(page.select("#map-adequacy tbody tr").eachAttr("data-decision")).containsExactly("eu-jp", "jp-eea", "eu-kr");
        assertThat(page.select("#map-adequacy tr.mutual").eachAttr("data-decision")).containsExactly("eu-jp", "jp-eea");
        assertThat(page.selectFirst("tr[data-decision=eu-kr]").select(".mutual-mark")).isEmpty();
        assertThat(page.selectFirst("tr[data-decision=eu-kr]").select("a").attr("href")).isEqualTo("/policy/reviews/" + REVIEW_ID);
        assertThat(page.selectFirst("tr[data-decision=eu-kr]").text()).contains("COMMERCIAL_ORGANISATIONS", "Active", "2030-12-01");
        assertThat(page.select("#map-mutual tbody tr").text()).isEqualTo("EU ⇄ JP mutual adequacy eu-jp, jp-eea eu-jp-mutual-adequacy");
        Element byReference = page.selectFirst("#map-by-reference tbody tr");
        assertThat(byReference.text()).contains("GB", "EU", "KR", "gb-kr ← eu-kr");
        assertThat(byReference.select("a.own-review").attr("href")).isEqualTo("/policy/reviews/" + FOLLOW_UP_ID);
        assertThat(byReference.select("a.recognised-review").attr("href")).isEqualTo("/policy/reviews/" + REVIEW_ID);
        assertThat(page.select("#map-standards tbody tr").text())
                .contains("SG", "Singapore recognises APEC and Global CBPR", "APEC_CBPR, GLOBAL_CBPR", "sg-cbpr", "Active");
        assertThat(page.select("#nav-reviews").attr("aria-current")).isEqualTo("page");
    }

    @Test
    void regulatorsPolicyAdministratorsAndAuditorsAreOfferedTheReviewsAndEnterprisesAreRefused() throws Exception {
        services.answer("GET", "/api/v1/adequacy-reviews", 200, "[]").answer("GET", "/api/v1/transfers", 200,
                "{\"content\":[],\"page\":0,\"size\":200,\"totalElements\":0}");
        for (var user : List.of(PortalUsers.regulator("CN"), PortalUsers.policyAdmin(), PortalUsers.auditor())) {
            Document page = page(mvc.perform(get("/policy/reviews").with(user.session())).andExpect(status().isOk()).andReturn());
            assertThat(page.select("#nav-reviews").attr("href")).as(user.username()).isEqualTo("/policy/reviews");
        }
        var enterprise = PortalUsers.enterprise();
        Document transfers = page(mvc.perform(get("/transfers").with(enterprise.session())).andExpect(status().isOk()).andReturn());
        assertThat(transfers.select("#nav-reviews")).isEmpty();
        for (String path : List.of("/policy/reviews", "/policy/reviews/" + REVIEW_ID, "/policy/recognition-map")) {
            mvc.perform(get(path).with(enterprise.session())).andExpect(status().isForbidden());
        }
        assertThat(services.requests()).noneMatch(request -> request.path().contains("adequacy-re")
                && request.authorization().equals("Bearer " + enterprise.accessToken()));
        // the other policy pages stay the policy administrators'
        mvc.perform(get("/policy/adequacy-decisions").with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theForbiddenPageSaysWhomTheReviewsAreFor() throws Exception {
        for (String path : List.of("/policy/reviews", "/policy/recognition-map")) {
            Document page = Jsoup.parse(mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                            .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path).accept(MediaType.TEXT_HTML))
                    .andReturn().getResponse().getContentAsString());
            assertThat(page.select("#error-detail").eachText()).containsExactly(
                    "Adequacy reviews and the recognition map are shown to regulators, policy administrators and auditors.");
        }
    }

    @Test
    void everyPageSpeaksChineseWithNoKeyMissing() throws Exception {
        String everyStatus = String.join(",", Stream.of("DRAFT", "OPINIONS_REQUESTED", "ADOPTED", "IN_FORCE",
                "REJECTED", "SUPERSEDED").map(s -> SUMMARY.replace("\"OPINIONS_REQUESTED\"", "\"" + s + "\"")).toList());
        String otherOpinions = Stream.of("FAVOURABLE", "UNFAVOURABLE").map(position -> """
                {"jurisdiction": "KR-%s", "position": "%s", "text": "t", "conditions": [], "filedBy": "x",
                 "filedAt": "2026-11-10T08:00:00Z"},""".formatted(position, position)).collect(Collectors.joining());
        services.answer("GET", "/api/v1/adequacy-reviews", 200, "[" + everyStatus + "," + FOLLOW_UP_SUMMARY + "]")
                .answer("GET", "/api/v1/adequacy-recognition-map", 200, MAP);
        // one review page per kind, rating and outcome
        List<List<String>> variants = List.of(List.of("INITIAL", "EQUIVALENT_WITH_CONDITIONS", "ADEQUATE"),
                List.of("FOLLOW_UP", "NOT_EQUIVALENT", "SUSPENDED"), List.of("RECOGNITION", "ESSENTIALLY_EQUIVALENT", "REVOKED"));
        for (List<String> v : variants) {
            services.answerFirst("GET", "/api/v1/adequacy-reviews/" + REVIEW_ID, 200, CONCLUDED
                    .replace("\"kind\": \"INITIAL\"", "\"kind\": \"" + v.get(0) + "\"")
                    .replace("\"EQUIVALENT_WITH_CONDITIONS\"", "\"" + v.get(1) + "\"")
                    .replace("\"ADEQUATE\"", "\"" + v.get(2) + "\"")
                    .replace("\"filed\": [", "\"filed\": [" + otherOpinions));
        }
        var regulator = PortalUsers.regulator("CN");

        Document list = page(mvc.perform(get("/policy/reviews").param("lang", "zh-CN").with(regulator.session()))
                .andExpect(status().isOk()).andReturn());
        List<Document> reviews = new java.util.ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            reviews.add(page(mvc.perform(get("/policy/reviews/" + REVIEW_ID).param("lang", "zh-CN")
                    .with(regulator.session())).andExpect(status().isOk()).andReturn()));
        }
        Document map = page(mvc.perform(get("/policy/recognition-map").param("lang", "zh-CN").with(regulator.session()))
                .andExpect(status().isOk()).andReturn());

        assertThat(list.select("#nav-reviews").text()).isEqualTo("充分性审查");
        assertThat(list.select(".review-status").eachText())
                .containsExactly("草稿", "已征求意见", "已通过", "已生效", "已否决", "已被取代", "已生效");
        assertThat(list.select(".overdue-mark").eachText()).contains("意见逾期", "已过复审日期");
        assertThat(reviews).extracting(r -> r.select("#review-kind").text()).containsExactly("首次审查", "后续审查", "援引认可");
        assertThat(reviews).extracting(r -> r.select(".rating").text()).containsExactly("附条件等同", "不等同", "实质等同");
        assertThat(reviews).extracting(r -> r.select("#conclusion-outcome").text()).containsExactly("充分", "暂停", "撤销");
        assertThat(reviews.get(0).select("#opinions-filed .position").eachText()).containsExactly("赞成", "反对", "附条件赞成");
        assertThat(reviews.get(0).select("#review-timeline")).isNotEmpty();
        assertThat(map.select("#recognition-map-title").text()).isEqualTo("互认图谱");
        assertThat(map.select("#map-mutual .mutual-mark").text()).isEqualTo("相互充分性");
    }

    static Document page(org.springframework.test.web.servlet.MvcResult result) throws Exception {
        return DisputePagesTests.page(result);
    }
}
