package org.cbdf.policy.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.observability.QueryGauges;
import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.testing.TestTokens;
import org.cbdf.platform.testing.TopicRecorder;
import org.cbdf.policy.SharedServiceContext;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.policy.events.Outcome;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adequacy review procedure through its API, against the real broker and database, with the shared clock the
 * tests move (the scheduler is off: {@link ReviewProcedure#runDueSteps()} is called when the clock says a step is
 * due). Every review, flag and instrument event a test causes is checked against its JSON Schema; a review's events
 * carry gap-free versions. Each test reviews its own subjects, so the tests do not depend on each other's order.
 */
class AdequacyReviewIntegrationTests extends SharedServiceContext {

    static TopicRecorder policyEvents;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReviewProcedure procedure;
    @Autowired
    QueryGauges gauges;
    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void record() {
        policyEvents = TopicRecorder.of(PolicyEvents.TOPIC);
    }

    @AfterAll
    static void close() {
        policyEvents.close();
    }

    @Test
    void anInitialReviewHearsOpinionsUntilTheirDeadlineIsAdoptedAndEveryAssessmentThenCitesIt() {
        String brazil = TestTokens.regulator("BR");
        Map<String, Object> argentina = Map.of("subject", Map.of("kind", "JURISDICTION", "jurisdiction", "AR"),
                "reason", "ANPD adequacy assessment of Argentina");

        // who may open, and what
        assertProblem(call("POST", "/api/v1/adequacy-reviews", TestTokens.enterprise("acme-br", "BR"), argentina), 403);
        assertProblem(call("POST", "/api/v1/adequacy-reviews", TestTokens.auditor(), argentina), 403);
        assertProblem(call("POST", "/api/v1/adequacy-reviews", brazil, with(argentina, "authority", "GB")), 403);
        assertFields(call("POST", "/api/v1/adequacy-reviews", TestTokens.policyAdmin(), argentina), "authority");
        assertFields(call("POST", "/api/v1/adequacy-reviews", brazil, Map.of("subject", Map.of("kind", "PLANET"))),
                "subject.kind");
        assertFields(call("POST", "/api/v1/adequacy-reviews", brazil, Map.of("subject", Map.of("kind", "JURISDICTION",
                "jurisdiction", "XX", "sector", "BANKS"))), "subject.jurisdiction", "subject.sector");

        Response opened = call("POST", "/api/v1/adequacy-reviews", brazil, argentina);
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.body().path("id").asString();
        assertThat(opened.location()).endsWith("/api/v1/adequacy-reviews/" + id);
        assertThat(opened.body().path("status").asString()).isEqualTo("DRAFT");
        assertThat(opened.body().path("kind").asString()).isEqualTo("INITIAL");
        assertThat(opened.body().path("consultedBy").valueStream().map(JsonNode::asString)).containsExactly("BR");
        assertThat(criteria(opened.body())).containsExactly("rule-of-law", "supervisory-authority",
                "international-commitments", "onward-transfers", "data-subject-rights");
        Response again = call("POST", "/api/v1/adequacy-reviews", brazil, argentina);
        assertConflict(again, "DRAFT");
        assertThat(again.body().path("detail").asString()).contains(id);

        // a draft is seen by its participants only
        assertThat(call("GET", path(id), TestTokens.regulator("DE"), null).status()).isEqualTo(404);
        assertThat(call("GET", path(id), TestTokens.enterprise("acme-br", "BR"), null).status()).isEqualTo(404);
        assertThat(call("GET", path(id), TestTokens.auditor(), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/adequacy-reviews", TestTokens.regulator("DE"), null).body().valueStream()
                .map(r -> r.path("id").asString())).doesNotContain(id);
        assertProblem(call("GET", "/api/v1/adequacy-reviews/not-a-review-id", brazil, null), 404);

        assertThat(call("PUT", path(id) + "/findings/rule-of-law", TestTokens.regulator("DE"), finding("x")).status())
                .isEqualTo(404);
        assertProblem(call("PUT", path(id) + "/findings/rule-of-law", TestTokens.auditor(), finding("x")), 403);
        assertFields(call("PUT", path(id) + "/findings/rule-of-law", brazil, Map.of("finding", "Courts are "
                + "independent", "rating", "SUPERB")), "rating");
        assertConflict(call("POST", path(id) + "/opinion-requests", brazil, Map.of("from", List.of("FR", "JP"))), "DRAFT");
        recordFindings(id, brazil, criteria(opened.body()));

        Response requested = call("POST", path(id) + "/opinion-requests", brazil, Map.of("from", List.of("FR", "JP")));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.body().path("status").asString()).isEqualTo("OPINIONS_REQUESTED");
        String deadline = requested.body().path("opinions").path("deadline").asString();
        assertThat(OffsetDateTime.parse(deadline).toInstant()).isEqualTo(procedure.now().plus(Duration.ofDays(28)));

        assertThat(call("GET", path(id), TestTokens.regulator("FR"), null).status()).as("named for an opinion")
                .isEqualTo(200);
        assertThat(call("POST", path(id) + "/opinions", TestTokens.regulator("DE"), favourable()).status())
                .isEqualTo(404);
        assertThat(call("POST", path(id) + "/opinions", TestTokens.regulator("FR"), favourable()).status()).isEqualTo(201);
        Response early = call("POST", path(id) + "/adoption", brazil, Map.of("reason", "adequate"));
        assertConflict(early, "OPINIONS_REQUESTED");
        assertThat(early.body().path("detail").asString()).contains("JP");
        assertProblem(call("POST", path(id) + "/adoption", TestTokens.regulator("FR"), Map.of("reason", "mine")), 403);

        // the deadline passes: JP's opinion is missing, the review is overdue until BR concludes
        CLOCK.advance(Duration.ofDays(28).plusHours(1));
        JsonNode overdue = call("GET", path(id), TestTokens.regulator("JP"), null).body();
        assertThat(overdue.path("overdue").valueStream().map(JsonNode::asString)).containsExactly("OPINIONS");
        assertThat(overdue.path("opinions").path("missing").valueStream().map(JsonNode::asString)).containsExactly("JP");
        assertThat(procedure.runDueSteps().opinionDeadlines()).isPositive();
        assertConflict(call("POST", path(id) + "/opinions", TestTokens.regulator("JP"), favourable()), "OPINIONS_REQUESTED");

        Response adopted = call("POST", path(id) + "/adoption", brazil, Map.of("conditions",
                List.of("The AAIP reports yearly on onward transfers"), "legalReference", "ANPD Resolution 7/2027",
                "reason", "Argentina's law is essentially equivalent"));
        assertThat(adopted.status()).as(adopted.text()).isEqualTo(200);
        assertThat(adopted.body().path("status").asString()).isEqualTo("IN_FORCE");
        assertThat(adopted.body().path("instrument").path("id").asString()).isEqualTo("br-ar");
        assertThat(LocalDate.parse(adopted.body().path("reviewDate").asString()))
                .isEqualTo(CLOCK.today().plus(Period.ofYears(4)));
        String policyVersion = adopted.body().path("conclusion").path("policyVersion").asString();

        AdequacyDecisionChanged change = decisionChange("br-ar", id);
        assertThat(change.previousStatus()).as("a new decision").isNull();
        assertThat(change.status()).isEqualTo("ACTIVE");
        assertThat(change.policyVersion()).isEqualTo(policyVersion);
        assertThat(change.conditions()).containsExactly("The AAIP reports yearly on onward transfers");
        JsonNode decision = call("GET", "/api/v1/adequacy-decisions/br-ar", TestTokens.enterprise("acme-br", "BR"), null)
                .body();
        assertThat(decision.path("review").asString()).isEqualTo(id);
        assertThat(decision.path("citation").asString()).isEqualTo("ANPD Resolution 7/2027");
        assertThat(call("GET", path(id), TestTokens.enterprise("acme-br", "BR"), null).status()).as("adopted: public")
                .isEqualTo(200);

        // every assessment from now on cites the review
        String transferId = submit("BR", aTransfer().from("BR").to("AR").relyingOn(Mechanism.ADEQUACY)
                .startingOn(CLOCK.today().plusDays(1)).build());
        AssessmentCompleted assessed = assessment(transferId, 1);
        assertThat(assessed.assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(assessed.assessment().policyVersion()).isEqualTo(policyVersion);
        assertThat(trace(assessed, "br.lgpd.anpd-adequacy")).contains("adequacy review " + id)
                .contains("subject to the conditions: The AAIP reports yearly on onward transfers");

        assertThat(reviewEvents(id)).extracting(CloudEvent::getType).containsExactly(
                PolicyEvents.ADEQUACY_REVIEW_OPENED_V1, PolicyEvents.ADEQUACY_REVIEW_OPINIONS_REQUESTED_V1,
                PolicyEvents.ADEQUACY_REVIEW_OPINION_FILED_V1, PolicyEvents.ADEQUACY_REVIEW_DEADLINE_MISSED_V1,
                PolicyEvents.ADEQUACY_REVIEW_CONCLUDED_V1);
        assertThat(payload(reviewEvents(id).get(3))).contains("\"missing\":[\"JP\"]");
        assertThat(reviewEvents(id)).extracting(e -> e.getExtension(CloudEventExtensions.READERS))
                .as("who may read the review in the audit ledger: its participants while a draft, everyone adopted")
                .containsExactly("BR", "BR,FR,JP", "BR,FR,JP", "BR,FR,JP", null);
    }

    @Test
    void aRejectedReviewChangesNothingInThePolicy() {
        String britain = TestTokens.regulator("GB");
        JsonNode opened = open(britain, Map.of("kind", "JURISDICTION", "jurisdiction", "KR"));
        String id = opened.path("id").asString();
        recordFindings(id, britain, criteria(opened));
        assertThat(call("PUT", path(id) + "/findings/onward-transfers", britain, Map.of("finding",
                "No rules for onward transfers", "rating", "NOT_EQUIVALENT")).status()).isEqualTo(200);
        call("POST", path(id) + "/opinion-requests", britain, Map.of("from", List.of("SG")));
        assertThat(call("POST", path(id) + "/opinions", TestTokens.regulator("SG"), Map.of("position", "UNFAVOURABLE",
                "text", "Onward transfers are unprotected")).status()).isEqualTo(201);
        long versions = jdbc.sql("select count(*) from policy_version").query(Long.class).single();

        Response notEquivalent = call("POST", path(id) + "/adoption", britain, Map.of("reason", "adequate"));
        assertConflict(notEquivalent, "OPINIONS_REQUESTED");
        assertThat(notEquivalent.body().path("detail").asString()).contains("NOT_EQUIVALENT: onward-transfers");
        assertFields(call("POST", path(id) + "/rejection", britain, Map.of()), "reason");
        Response rejected = call("POST", path(id) + "/rejection", britain, Map.of("reason",
                "Onward transfers are not protected"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body().path("status").asString()).isEqualTo("REJECTED");

        assertThat(jdbc.sql("select count(*) from policy_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(call("GET", "/api/v1/adequacy-decisions", TestTokens.auditor(), null).body().valueStream()
                .map(d -> d.path("id").asString())).doesNotContain("gb-kr");
        assertThat(call("GET", path(id), TestTokens.enterprise("acme-gb", "GB"), null).status()).isEqualTo(404);
        assertConflict(call("POST", path(id) + "/adoption", britain, Map.of("reason", "changed our mind")), "REJECTED");
        assertThat(payload(reviewEvents(id).getLast())).contains("\"status\":\"REJECTED\"");
        assertThat(reviewEvents(id).getLast().getExtension(CloudEventExtensions.READERS))
                .as("a rejected review stays with its participants, not KR").isEqualTo("GB,SG");
        assertThat(call("POST", "/api/v1/adequacy-reviews", britain, Map.of("subject", Map.of("kind", "JURISDICTION",
                "jurisdiction", "KR"), "reason", "a new law")).status()).as("the subject can be reviewed again")
                .isEqualTo(201);
    }

    @Test
    void revocationCascadesToLiveTransfersAndIsFlaggedToTheRecognisingJurisdictionWhichDecidesItself() {
        String brazil = TestTokens.regulator("BR");
        String britain = TestTokens.regulator("GB");
        String brazilsReview = adoptedReview(brazil, Map.of("kind", "JURISDICTION", "jurisdiction", "UY"), "JP")
                .path("id").asString();

        // Britain recognises Brazil's review instead of running its own, with its own conditions
        assertProblem(call("POST", "/api/v1/adequacy-reviews", britain, Map.of("recognises",
                UUID.randomUUID().toString())), 404);
        Response recognising = call("POST", "/api/v1/adequacy-reviews", britain, Map.of("recognises", brazilsReview,
                "reason", "rely on the ANPD's assessment"));
        assertThat(recognising.status()).as(recognising.text()).isEqualTo(201);
        String britainsReview = recognising.body().path("id").asString();
        assertThat(recognising.body().path("kind").asString()).isEqualTo("RECOGNITION");
        JsonNode linked = recognising.body().path("recognised");
        assertThat(linked.path("authority").asString()).isEqualTo("BR");
        assertThat(linked.path("criteria").valueStream().filter(c -> c.path("finding").isObject()).count())
                .as("the recognised review's findings stay linked").isEqualTo(5);
        Response recognised = call("POST", path(britainsReview) + "/adoption", britain, Map.of("conditions",
                List.of("Keep a UK transfer risk assessment on file"), "reason", "Recognises the ANPD's review"));
        assertThat(recognised.status()).as(recognised.text()).isEqualTo(200);
        assertThat(recognised.body().path("instrument").path("id").asString()).isEqualTo("gb-uy");

        String fromBrazil = submit("BR", aTransfer().from("BR").to("UY").relyingOn(Mechanism.ADEQUACY)
                .startingOn(CLOCK.today().plusDays(1)).build());
        TransferRequest britishRequest = aTransfer().from("GB").to("UY").relyingOn(Mechanism.ADEQUACY)
                .startingOn(CLOCK.today().plusDays(1)).build();
        String fromBritain = submit("GB", britishRequest);
        assertThat(assessment(fromBrazil, 1).assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        AssessmentCompleted british = assessment(fromBritain, 1);
        assertThat(british.assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(trace(british, "gb.ukgdpr.data-bridge")).contains("adequacy review " + britainsReview)
                .contains("Keep a UK transfer risk assessment on file");

        // a court ruling: Brazil revokes its decision through a follow-up review, with immediate effect
        JsonNode followUp = open(brazil, Map.of("kind", "JURISDICTION", "jurisdiction", "UY"));
        assertThat(followUp.path("kind").asString()).isEqualTo("FOLLOW_UP");
        assertThat(followUp.path("follows").asString()).isEqualTo(brazilsReview);
        String revocation = followUp.path("id").asString();
        Response revoked = call("POST", path(revocation) + "/adoption", brazil, Map.of("outcome", "REVOKED",
                "reason", "Supreme Court ruling on public authorities' access"));
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.body().path("status").asString()).isEqualTo("IN_FORCE");
        assertThat(revoked.body().path("conclusion").path("reassessedTransfers").asInt()).isPositive();
        AssessmentCompleted reassessed = assessment(fromBrazil, 2);
        assertThat(reassessed.assessment().outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(reassessed.reason()).contains("adequacy review " + revocation).contains("was PERMITTED");
        assertThat(trace(reassessed, "br.lgpd.anpd-adequacy")).contains("REVOKED").contains("adequacy review " + revocation);
        assertThat(call("GET", path(brazilsReview), brazil, null).body().path("status").asString())
                .isEqualTo("SUPERSEDED");

        // Britain is told, with a deadline, and nothing changes for it until it decides
        List<JsonNode> flags = call("GET", "/api/v1/recognition-flags", britain, null).body().valueStream()
                .filter(f -> f.path("raising").path("recognisingReview").asString().equals(britainsReview)).toList();
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.path("status").asString()).isEqualTo("OPEN");
            assertThat(f.path("raising").path("change").asString()).isEqualTo("REVOKED");
            assertThat(f.path("raising").path("changedInstrument").path("id").asString()).isEqualTo("br-uy");
            assertThat(OffsetDateTime.parse(f.path("deadline").asString()).toInstant())
                    .isEqualTo(procedure.now().plus(Duration.ofDays(28)));
        });
        String flag = flags.getFirst().path("id").asString();
        CloudEvent raised = policyEvents.awaitEvents(aggregate(PolicyEvents.RECOGNITION_FLAG_RAISED_V1, flag), 1)
                .getFirst();
        assertThat(JsonSchemas.problems(raised.getType(), payload(raised))).isEmpty();
        assertThat(raised.getExtension(CloudEventExtensions.JURISDICTIONS)).isEqualTo("GB,BR");
        assertThat(raised.getExtension(CloudEventExtensions.READERS)).as("Brazil does not see Britain's flag")
                .isEqualTo("GB");
        assertThat(call("GET", "/api/v1/adequacy-decisions/gb-uy", britain, null).body().path("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select count(*) from assessment where transfer_id = :t").param("t", fromBritain)
                .query(Long.class).single()).as("not reassessed: never applied silently").isEqualTo(1);
        assertThat(call("POST", "/api/v1/assessments/evaluate", TestTokens.auditor(), britishRequest).body()
                .path("outcome").asString()).isEqualTo("PERMITTED");

        assertThat(call("GET", "/api/v1/recognition-flags/" + flag, brazil, null).status()).isEqualTo(404);
        assertProblem(call("GET", "/api/v1/recognition-flags", TestTokens.enterprise("acme-gb", "GB"), null), 403);
        assertThat(call("POST", "/api/v1/recognition-flags/" + flag + "/resolution", brazil, Map.of("decision",
                "REVOKE", "reason", "not mine")).status()).isEqualTo(404);
        assertProblem(call("POST", "/api/v1/recognition-flags/" + flag + "/resolution", TestTokens.auditor(),
                Map.of("decision", "MAINTAIN", "reason", "x")), 403);
        assertFields(call("POST", "/api/v1/recognition-flags/" + flag + "/resolution", britain, Map.of("decision",
                "IGNORE")), "decision", "reason");

        Response decided = call("POST", "/api/v1/recognition-flags/" + flag + "/resolution", britain, Map.of(
                "decision", "SUSPEND", "reason", "The ANPD's findings no longer hold; our own review follows"));
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        assertThat(decided.body().path("status").asString()).isEqualTo("RESOLVED");
        String britainsFollowUp = decided.body().path("resolution").path("followUpReview").asString();
        assertThat(call("GET", "/api/v1/adequacy-decisions/gb-uy", britain, null).body().path("status").asString())
                .isEqualTo("SUSPENDED");
        AssessmentCompleted britishReassessed = assessment(fromBritain, 2);
        assertThat(britishReassessed.assessment().outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(britishReassessed.reason()).contains("adequacy review " + britainsFollowUp);
        JsonNode britainsOwn = call("GET", path(britainsFollowUp), britain, null).body();
        assertThat(britainsOwn.path("trigger").asString()).isEqualTo("RECOGNITION_FLAG");
        assertThat(britainsOwn.path("conclusion").path("outcome").asString()).isEqualTo("SUSPENDED");
        assertConflict(call("POST", "/api/v1/recognition-flags/" + flag + "/resolution", britain, Map.of("decision",
                "MAINTAIN", "reason", "again")), "RESOLVED");
        CloudEvent resolved = policyEvents.awaitEvents(aggregate(PolicyEvents.RECOGNITION_FLAG_RESOLVED_V1, flag), 1)
                .getFirst();
        assertThat(JsonSchemas.problems(resolved.getType(), payload(resolved))).isEmpty();
        assertThat(resolved.getExtension(CloudEventExtensions.AGGREGATE_VERSION)).hasToString("2");
        assertThat(resolved.getExtension(CloudEventExtensions.READERS)).isEqualTo("GB");
        reviewEvents(revocation);
        reviewEvents(britainsFollowUp);
    }

    @Test
    void thePeriodicReviewIsOpenedAheadOfTheReviewDateAndAnOverdueOneShowsInTheApiAndTheGauge() {
        String britain = TestTokens.regulator("GB");
        JsonNode adopted = adoptedReview(britain, Map.of("kind", "JURISDICTION", "jurisdiction", "NZ"), "JP");
        String id = adopted.path("id").asString();
        LocalDate reviewDate = LocalDate.parse(adopted.path("reviewDate").asString());
        LocalDate leadStart = reviewDate.minus(procedure.rules().periodicReviewLead());

        CLOCK.moveTo(leadStart.minusDays(1));
        procedure.runDueSteps();
        assertThat(followUpsOf(id)).as("not yet due").isEmpty();

        CLOCK.moveTo(leadStart);
        assertThat(procedure.runDueSteps().periodicReviewsOpened()).isPositive();
        procedure.runDueSteps();
        List<JsonNode> followUps = followUpsOf(id);
        assertThat(followUps).as("opened once").singleElement().satisfies(f -> {
            assertThat(f.path("trigger").asString()).isEqualTo("PERIODIC");
            assertThat(f.path("kind").asString()).isEqualTo("FOLLOW_UP");
            assertThat(f.path("status").asString()).isEqualTo("DRAFT");
            assertThat(f.path("dueBy").asString()).isEqualTo(reviewDate.toString());
            assertThat(f.path("instrument").path("id").asString()).isEqualTo("gb-nz");
        });
        String followUp = followUps.getFirst().path("id").asString();
        CloudEvent notice = reviewEvents(followUp).getFirst();
        assertThat(notice.getType()).isEqualTo(PolicyEvents.ADEQUACY_REVIEW_OPENED_V1);
        assertThat(payload(notice)).contains("\"trigger\":\"PERIODIC\"");
        assertThat(String.valueOf(notice.getExtension(CloudEventExtensions.JURISDICTIONS))).isEqualTo("GB,NZ");

        // the review date passes with the follow-up still open: overdue, in the API and in the gauge
        CLOCK.moveTo(reviewDate.plusDays(1));
        List<JsonNode> overdue = call("GET", "/api/v1/adequacy-reviews?overdue=true", TestTokens.policyAdmin(), null)
                .body().valueStream().toList();
        assertThat(overdue).filteredOn(r -> r.path("id").asString().equals(id)).singleElement()
                .satisfies(r -> assertThat(r.path("overdue").valueStream().map(JsonNode::asString))
                        .containsExactly("REVIEW_DATE"));
        assertThat(call("GET", "/api/v1/adequacy-reviews?overdue=true", TestTokens.enterprise("acme-gb", "GB"), null)
                .body().valueStream().map(r -> r.path("id").asString())).as("in force: public").contains(id);
        long pastReviewDate = overdue.stream().filter(r -> r.path("overdue").valueStream()
                .anyMatch(reason -> reason.asString().equals("REVIEW_DATE"))).count();
        gauges.refreshNow();
        assertThat(meters.get("cbdf.adequacy.reviews.overdue").tag("kind", "review-date").gauge().value())
                .isEqualTo((double) pastReviewDate).isGreaterThanOrEqualTo(1);

        // the follow-up is adopted: it supersedes the review, which is no longer overdue
        recordFindings(followUp, britain, criteria(call("GET", path(followUp), britain, null).body()));
        call("POST", path(followUp) + "/opinion-requests", britain, Map.of("from", List.of("JP")));
        call("POST", path(followUp) + "/opinions", TestTokens.regulator("JP"), favourable());
        Response renewed = call("POST", path(followUp) + "/adoption", britain, Map.of("reason", "still adequate"));
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(LocalDate.parse(renewed.body().path("reviewDate").asString()))
                .isEqualTo(CLOCK.today().plus(Period.ofYears(4)));
        JsonNode superseded = call("GET", path(id), britain, null).body();
        assertThat(superseded.path("status").asString()).isEqualTo("SUPERSEDED");
        assertThat(superseded.path("supersededBy").asString()).isEqualTo(followUp);
        assertThat(superseded.path("overdue").isEmpty()).isTrue();
        assertThat(payload(reviewEvents(id).getLast())).contains("\"status\":\"SUPERSEDED\"");
        assertThat(call("GET", "/api/v1/adequacy-decisions/gb-nz", britain, null).body().path("review").asString())
                .isEqualTo(followUp);
        gauges.refreshNow();
        assertThat(meters.get("cbdf.adequacy.reviews.overdue").tag("kind", "review-date").gauge().value())
                .isEqualTo((double) pastReviewDate - 1);
    }

    @Test
    void mutualAdequacyIsShownOnceBothDirectionsAreInForce() {
        Predicate<JsonNode> brazilBritain = m -> m.path("between").valueStream().map(JsonNode::asString).toList()
                .equals(List.of("BR", "GB"));
        JsonNode map = call("GET", "/api/v1/adequacy-recognition-map", TestTokens.enterprise("acme-br", "BR"), null).body();
        assertThat(map.path("mutual").valueStream().filter(m -> m.path("between").valueStream().map(JsonNode::asString)
                .toList().equals(List.of("EU", "JP")))).singleElement()
                .satisfies(m -> assertThat(m.path("agreement").asString()).isEqualTo("eu-jp-mutual-adequacy"));

        adoptedReview(TestTokens.regulator("GB"), Map.of("kind", "JURISDICTION", "jurisdiction", "BR"), "FR");
        assertThat(call("GET", "/api/v1/adequacy-recognition-map", TestTokens.regulator("GB"), null).body().path("mutual")
                .valueStream().filter(brazilBritain)).as("one direction only").isEmpty();

        adoptedReview(TestTokens.regulator("BR"), Map.of("kind", "JURISDICTION", "jurisdiction", "GB"), "FR");
        JsonNode mutual = call("GET", "/api/v1/adequacy-recognition-map", TestTokens.auditor(), null).body();
        assertThat(mutual.path("mutual").valueStream().filter(brazilBritain)).singleElement().satisfies(m ->
                assertThat(m.path("decisions").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("br-gb",
                        "gb-br"));

        JsonNode docs = call("GET", "/v3/api-docs", TestTokens.auditor(), null).body();
        assertThat(docs.path("paths").propertyNames()).as("every step is described").contains(
                "/api/v1/adequacy-reviews", "/api/v1/adequacy-reviews/{id}", "/api/v1/adequacy-reviews/{id}/findings/{criterion}",
                "/api/v1/adequacy-reviews/{id}/opinion-requests", "/api/v1/adequacy-reviews/{id}/opinions",
                "/api/v1/adequacy-reviews/{id}/adoption", "/api/v1/adequacy-reviews/{id}/rejection",
                "/api/v1/adequacy-recognition-map", "/api/v1/recognition-flags", "/api/v1/recognition-flags/{id}",
                "/api/v1/recognition-flags/{id}/resolution", "/api/v1/adequacy-review-criteria");
    }

    @Test
    void aStandardRecognisedByReferenceBecomesTheAgreementSingaporesRulesAccept() {
        String brazil = TestTokens.regulator("BR");
        Response covered = call("POST", "/api/v1/adequacy-reviews", TestTokens.regulator("SG"), Map.of("subject",
                Map.of("kind", "CERTIFICATION", "certifications", List.of("GLOBAL_CBPR"))));
        assertConflict(covered, "ACTIVE");
        assertThat(covered.body().path("detail").asString()).contains("sg-cbpr");

        JsonNode standard = adoptedReview(brazil, Map.of("kind", "CERTIFICATION", "certifications",
                List.of("EUROPRIVACY"), "description", "the EuroPriSe scheme"), "JP");
        assertThat(criteria(standard)).as("the standard criteria").contains("binding-commitments");
        assertThat(standard.path("instrument").path("id").asString()).isEqualTo("br-europrivacy");

        String singapore = TestTokens.regulator("SG");
        Response opened = call("POST", "/api/v1/adequacy-reviews", singapore, Map.of("recognises",
                standard.path("id").asString()));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String id = opened.body().path("id").asString();
        Response adopted = call("POST", path(id) + "/adoption", singapore, Map.of("reason", "Equivalent to the PDPA"));
        assertThat(adopted.status()).as(adopted.text()).isEqualTo(200);
        assertThat(adopted.body().path("instrument").path("id").asString()).isEqualTo("sg-europrivacy");
        assertThat(adopted.body().path("consultedBy").valueStream().map(JsonNode::asString)).containsExactly("SG");
        CloudEvent agreement = policyEvents.awaitEvents(e -> PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1.equals(
                e.getType()) && payload(e).contains("\"reviewId\":\"" + id + "\""), 1).getFirst();
        assertThat(JsonSchemas.problems(agreement.getType(), payload(agreement))).isEmpty();
        assertThat(json.readValue(payload(agreement), RecognitionAgreementChanged.class).previousStatus()).isNull();

        String transferId = submit("SG", aTransfer().from("SG").to("US").certified(Certification.EUROPRIVACY)
                .relyingOn(Mechanism.NONE).startingOn(CLOCK.today().plusDays(1)).build());
        AssessmentCompleted assessed = assessment(transferId, 1);
        assertThat(assessed.assessment().outcome()).isEqualTo(Outcome.PERMITTED);
        assertThat(trace(assessed, "sg.pdpa.recognised-certification")).contains("EUROPRIVACY")
                .contains("adequacy review " + id);
        JsonNode map = call("GET", "/api/v1/adequacy-recognition-map", singapore, null).body();
        assertThat(map.path("standards").valueStream().map(s -> s.path("agreement").asString())).contains("sg-europrivacy");
        assertThat(map.path("byReference").valueStream().filter(r -> r.path("review").asString().equals(id)))
                .singleElement().satisfies(r -> assertThat(r.path("recognised").asString()).isEqualTo("BR"));
        reviewEvents(id);
    }

    @Test
    void theReviewCriteriaAreVersionedPolicyDataAndAnOpenReviewKeepsItsOwn() {
        JsonNode shipped = call("GET", "/api/v1/adequacy-review-criteria", TestTokens.enterprise("acme", "CN"), null)
                .body();
        assertThat(shipped.path("jurisdiction").size()).isEqualTo(5);
        JsonNode before = open(TestTokens.regulator("JP"), Map.of("kind", "JURISDICTION", "jurisdiction", "AU"));

        Map<String, Object> changed = new LinkedHashMap<>();
        List<JsonNode> jurisdiction = new ArrayList<>(shipped.path("jurisdiction").valueStream().toList());
        changed.put("jurisdiction", List.of(jurisdiction.get(0), Map.of("id", "data-localisation", "title",
                "No data localisation requirements", "citation", "Test fixture criterion")));
        changed.put("standard", shipped.path("standard"));
        changed.put("reason", "integration test fixture");
        assertProblem(call("PUT", "/api/v1/adequacy-review-criteria", TestTokens.regulator("JP"), changed), 403);
        assertFields(call("PUT", "/api/v1/adequacy-review-criteria", TestTokens.policyAdmin(), Map.of("jurisdiction",
                List.of(Map.of("id", "Bad Id")), "standard", List.of())), "jurisdiction[0].id", "jurisdiction[0].title",
                "jurisdiction[0].citation", "standard", "reason");
        Response put = call("PUT", "/api/v1/adequacy-review-criteria", TestTokens.policyAdmin(), changed);
        try {
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            CloudEvent event = policyEvents.awaitEvents(e -> PolicyEvents.REVIEW_CRITERIA_CHANGED_V1.equals(e.getType())
                    && payload(e).contains(put.body().path("policyVersion").asString()), 1).getFirst();
            assertThat(JsonSchemas.problems(event.getType(), payload(event))).isEmpty();
            JsonNode after = open(TestTokens.regulator("JP"), Map.of("kind", "JURISDICTION", "jurisdiction", "CL"));
            assertThat(criteria(after)).containsExactly("rule-of-law", "data-localisation");
            assertThat(criteria(call("GET", path(before.path("id").asString()), TestTokens.regulator("JP"), null).body()))
                    .as("opened before: its own criteria").hasSize(5);
        } finally {
            Map<String, Object> restore = new LinkedHashMap<>();
            restore.put("jurisdiction", shipped.path("jurisdiction"));
            restore.put("standard", shipped.path("standard"));
            restore.put("reason", "restored after the test");
            assertThat(call("PUT", "/api/v1/adequacy-review-criteria", TestTokens.policyAdmin(), restore).status())
                    .isEqualTo(200);
        }
    }

    // --- the procedure, step by step -----------------------------------------------------------------------------

    /** Opened, every criterion found essentially equivalent, an opinion from {@code opinionFrom}, adopted ADEQUATE. */
    private JsonNode adoptedReview(String token, Map<String, Object> subject, String opinionFrom) {
        JsonNode opened = open(token, subject);
        String id = opened.path("id").asString();
        recordFindings(id, token, criteria(opened));
        assertThat(call("POST", path(id) + "/opinion-requests", token, Map.of("from", List.of(opinionFrom))).status())
                .isEqualTo(200);
        assertThat(call("POST", path(id) + "/opinions", TestTokens.regulator(opinionFrom), favourable()).status())
                .isEqualTo(201);
        Response adopted = call("POST", path(id) + "/adoption", token, Map.of("reason", "essentially equivalent"));
        assertThat(adopted.status()).as(adopted.text()).isEqualTo(200);
        assertThat(adopted.body().path("status").asString()).isEqualTo("IN_FORCE");
        return adopted.body();
    }

    private JsonNode open(String token, Map<String, Object> subject) {
        Response opened = call("POST", "/api/v1/adequacy-reviews", token, Map.of("subject", subject));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.body();
    }

    private void recordFindings(String id, String token, List<String> criteria) {
        for (String criterion : criteria) {
            Response recorded = call("PUT", path(id) + "/findings/" + criterion, token, Map.of("finding",
                    "Met: " + criterion, "rating", "ESSENTIALLY_EQUIVALENT", "evidence", Map.of("text", "The statute",
                            "links", List.of("https://example.org/law"), "documents", List.of(Map.of("name", "law.pdf",
                                    "sha256", "0123456789abcdef".repeat(4))))));
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(200);
        }
    }

    private static Map<String, Object> finding(String text) {
        return Map.of("finding", text, "rating", "ESSENTIALLY_EQUIVALENT");
    }

    private static Map<String, Object> favourable() {
        return Map.of("position", "FAVOURABLE", "text", "Essentially equivalent");
    }

    private static List<String> criteria(JsonNode review) {
        return review.path("criteria").valueStream().map(c -> c.path("id").asString()).toList();
    }

    private List<JsonNode> followUpsOf(String id) {
        return call("GET", "/api/v1/adequacy-reviews", TestTokens.policyAdmin(), null).body().valueStream()
                .map(r -> call("GET", path(r.path("id").asString()), TestTokens.policyAdmin(), null).body())
                .filter(r -> r.path("follows").asString().equals(id)).toList();
    }

    private static String path(String id) {
        return "/api/v1/adequacy-reviews/" + id;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    // --- events ------------------------------------------------------------------------------------------------

    /** The review's events, once their versions 1..n are all on the topic; each valid against its schema. */
    private List<CloudEvent> reviewEvents(String reviewId) {
        long expected = jdbc.sql("select version from adequacy_review where id = cast(:id as uuid)").param("id", reviewId)
                .query(Long.class).single();
        List<CloudEvent> events = policyEvents.awaitEvents(e -> PolicyEvents.ADEQUACY_REVIEW_AGGREGATE_TYPE.equals(
                String.valueOf(e.getExtension(CloudEventExtensions.AGGREGATE_TYPE)))
                && reviewId.equals(String.valueOf(e.getExtension(CloudEventExtensions.AGGREGATE_ID))), (int) expected);
        assertThat(events).extracting(e -> Long.parseLong(String.valueOf(e.getExtension(
                CloudEventExtensions.AGGREGATE_VERSION)))).as("gap-free versions").containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
        events.forEach(e -> assertThat(JsonSchemas.problems(e.getType(), payload(e))).as(payload(e)).isEmpty());
        return events;
    }

    private AdequacyDecisionChanged decisionChange(String decisionId, String reviewId) {
        CloudEvent event = policyEvents.awaitEvents(aggregate(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, decisionId)
                .and(e -> payload(e).contains("\"reviewId\":\"" + reviewId + "\"")), 1).getFirst();
        assertThat(JsonSchemas.problems(event.getType(), payload(event))).as(payload(event)).isEmpty();
        return json.readValue(payload(event), AdequacyDecisionChanged.class);
    }

    private AssessmentCompleted assessment(String transferId, int version) {
        CloudEvent event = policyEvents.awaitEvents(aggregate(PolicyEvents.ASSESSMENT_COMPLETED_V1, transferId)
                .and(e -> String.valueOf(version).equals(String.valueOf(e.getExtension(
                        CloudEventExtensions.AGGREGATE_VERSION)))), 1).getFirst();
        assertThat(JsonSchemas.problems(event.getType(), payload(event))).isEmpty();
        return json.readValue(payload(event), AssessmentCompleted.class);
    }

    private static String trace(AssessmentCompleted assessed, String rule) {
        return assessed.assessment().trace().stream().filter(e -> e.rule().equals(rule)).findFirst().orElseThrow()
                .explanation();
    }

    private static Predicate<CloudEvent> aggregate(String type, String aggregateId) {
        return e -> type.equals(e.getType())
                && aggregateId.equals(String.valueOf(e.getExtension(CloudEventExtensions.AGGREGATE_ID)));
    }

    private static String payload(CloudEvent event) {
        return new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    private String submit(String origin, TransferRequest request) {
        String transferId = "tr-" + UUID.randomUUID();
        byte[] data = json.writeValueAsBytes(new TransferSubmitted(transferId, "acme-" + origin.toLowerCase(), "alice",
                CLOCK.instant(), request));
        TopicRecorder.publish(TransferEvents.TOPIC, transferId, CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withType(TransferEvents.SUBMITTED_V1)
                .withSource(URI.create("urn:cbdf:transfer-service")).withSubject(transferId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json")
                .withExtension(CloudEventExtensions.AGGREGATE_ID, transferId)
                .withExtension(CloudEventExtensions.AGGREGATE_TYPE, TransferEvents.AGGREGATE_TYPE)
                .withExtension(CloudEventExtensions.AGGREGATE_VERSION, 1).withData(data).build());
        return transferId;
    }

    // --- HTTP --------------------------------------------------------------------------------------------------

    record Response(int status, String text, JsonNode body, String contentType, String location) {
    }

    private Response call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text, text == null || text.isBlank() ? json.nullNode()
                    : json.readTree(text), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** A 409 problem naming the state it refused in. */
    private static void assertConflict(Response response, String currentStatus) {
        assertProblem(response, 409);
        assertThat(response.body().path("currentStatus").asString()).isEqualTo(currentStatus);
    }

    private static void assertFields(Response response, String... fields) {
        assertProblem(response, 400);
        assertThat(response.body().path("errors").findValuesAsString("field")).containsExactly(fields);
    }
}
