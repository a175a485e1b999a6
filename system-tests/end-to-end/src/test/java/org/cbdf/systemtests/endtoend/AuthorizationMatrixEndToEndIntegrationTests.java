package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

/**
 * Who may call what, against the running platform with real Keycloak tokens: every endpoint of every service
 * (checked against each service's OpenAPI description, so a new endpoint fails here until it is added) × every
 * kind of caller (anonymous, the exporter's own organisation and another one, the regulator whose approval is
 * required, the destination's regulator, an uninvolved regulator, the auditor, the policy administrator), each
 * with its exact status. Callers of one endpoint run in the order listed, so the one allowed to change state
 * comes last; refusals never change anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Demo users of the governance realm, by the name the matrix uses. */
    private static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("ent-cn", "enterprise-cn");   // organisation acme-cn, the exporter of every fixture
        USERS.put("ent-de", "enterprise-de");   // another organisation
        USERS.put("reg-cn", "regulator-cn");    // origin: its approval is required
        USERS.put("reg-de", "regulator-de");    // destination: party, not an approver
        USERS.put("reg-sg", "regulator-sg");    // uninvolved
        USERS.put("auditor", "auditor");
        USERS.put("admin", "policy-admin");
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    RunningPlatform running;
    final Map<String, String> tokens = new LinkedHashMap<>();
    /** Path variables: {transfer}, {decide}, {withdraw}, {rejected}, {dispute}, {adequacy}, {treeSize} … */
    final Map<String, String> fixtures = new LinkedHashMap<>();

    @BeforeAll
    void createFixtures() {
        running = RunningPlatform.get();
        USERS.forEach((name, user) -> tokens.put(name, running.token(user)));
        fixtures.put("transfer", awaitingChinasApproval());
        fixtures.put("decide", awaitingChinasApproval());
        fixtures.put("withdraw", awaitingChinasApproval());
        String appealed = awaitingChinasApproval();
        assertThat(post("transfer", "/api/v1/transfers/" + appealed + "/decisions", "reg-cn",
                "{\"decision\": \"REJECT\", \"reasons\": \"The assessment does not cover onward analytics.\"}"))
                .isEqualTo(200);
        assertThat(post("transfer", "/api/v1/transfers/" + appealed + "/appeal", "ent-cn",
                "{\"grounds\": \"No onward analytics take place.\"}")).isEqualTo(200);
        fixtures.put("dispute", await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> caseOf(appealed), Optional::isPresent).orElseThrow());
        // the appeal's case shows that the dispute service recorded CN's rejection (same partition, earlier)
        fixtures.put("rejected", appealed);
        fixtures.put("adequacy", running.read(running.service("policy", "/api/v1/adequacy-decisions"),
                tokens.get("admin")).get(0).get("id").asString());
        fixtures.put("agreement", running.read(running.service("policy", "/api/v1/recognition-agreements"),
                tokens.get("admin")).get(0).get("id").asString());
        fixtures.put("pack", "CN");
        fixtures.put("zone", "CN-SH");
        fixtures.put("criterion", "rule-of-law");
        fixtures.put("nil", "00000000-0000-0000-0000-000000000000");
        fixtures.put("review", draftReview());
        assertThat(post("audit", "/api/v1/audit/checkpoints", "auditor", null)).as("a signed checkpoint to read")
                .isEqualTo(201);
        fixtures.put("treeSize", running.read(running.service("audit", "/api/v1/audit/checkpoints/latest"),
                tokens.get("auditor")).get("treeSize").asString());
    }

    /** A draft adequacy review of Korea opened by China's regulator (or the one a previous run left). */
    private String draftReview() {
        HttpResponse<String> opened = running.post(running.service("policy", "/api/v1/adequacy-reviews"),
                tokens.get("reg-cn"), "{\"subject\": {\"kind\": \"JURISDICTION\", \"jurisdiction\": \"KR\"}, "
                        + "\"reason\": \"authorization matrix fixture\"}");
        if (opened.statusCode() == 201) {
            return RunningPlatform.JSON.readTree(opened.body()).get("id").asString();
        }
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(409);
        return running.read(running.service("policy", "/api/v1/adequacy-reviews?authority=CN&status=DRAFT"),
                tokens.get("reg-cn")).get(0).get("id").asString();
    }

    /** A CN→DE transfer of 1.2 million people's data: REVIEW_REQUIRED, CAC security assessment by CN. */
    private String awaitingChinasApproval() {
        HttpResponse<String> created = running.post(running.service("transfer", "/api/v1/transfers"),
                tokens.get("ent-cn"), SampleTransfers.NEEDS_CN_APPROVAL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> running.read(
                running.service("transfer", "/api/v1/transfers/" + id), tokens.get("ent-cn")).get("status")
                .asString(), "AWAITING_APPROVAL"::equals);
        return id;
    }

    private Optional<String> caseOf(String transferId) {
        JsonNode page = running.read(running.service("dispute", "/api/v1/disputes?size=100"), tokens.get("reg-cn"));
        return page.get("content").valueStream().filter(c -> c.get("transferId").asString().equals(transferId))
                .map(c -> c.get("id").asString()).findFirst();
    }

    /** One endpoint: how to call it, and each caller's status in the order they call. */
    record Row(String service, String method, String path, String contentType, String body,
            Map<String, Set<Integer>> expected) {

        String operation() {
            return method + " " + path;
        }
    }

    /** {@code "anon=401 ent-cn=201 admin=200|201"}: callers in order with their status (or the statuses allowed). */
    private static Map<String, Set<Integer>> expect(String spec) {
        Map<String, Set<Integer>> expected = new LinkedHashMap<>();
        for (String entry : spec.trim().split("\\s+")) {
            String[] parts = entry.split("=");
            expected.put(parts[0], Stream.of(parts[1].split("\\|")).map(Integer::valueOf)
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        }
        return expected;
    }

    private static Row get(String service, String path, String spec) {
        return new Row(service, "GET", path, null, null, expect(spec));
    }

    private static Row call(String service, String method, String path, String body, String spec) {
        return new Row(service, method, path, body == null ? null : "application/json", body, expect(spec));
    }

    /** Every caller but anonymous, with one status. */
    private static String all(int status) {
        StringBuilder spec = new StringBuilder("anon=401");
        USERS.keySet().forEach(name -> spec.append(' ').append(name).append('=').append(status));
        return spec.toString();
    }

    private static final String DECISION = "{\"decision\": \"APPROVE\", \"reasons\": \"Assessment passed.\"}";
    private static final String STATEMENT = "{\"text\": \"The CAC notice covers all processing.\"}";
    private static final String CHOICE = "{\"resolution\": \"UPHOLD\"}";

    static List<Row> matrix() {
        return List.of(
                // transfer service
                call("transfer", "POST", "/api/v1/transfers", SampleTransfers.NEEDS_CN_APPROVAL,
                        // any enterprise submits its own transfers (an organisation may export from several countries)
                        "anon=401 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=403 ent-de=201 ent-cn=201"),
                get("transfer", "/api/v1/transfers",
                        all(200)),
                get("transfer", "/api/v1/transfers/{transfer}",
                        "anon=401 ent-cn=200 ent-de=404 reg-cn=200 reg-de=200 reg-sg=404 auditor=200 admin=404"),
                call("transfer", "POST", "/api/v1/transfers/{decide}/decisions", DECISION,
                        "anon=401 ent-cn=403 ent-de=403 auditor=403 admin=403 reg-sg=404 reg-de=403 reg-cn=200"),
                call("transfer", "POST", "/api/v1/transfers/{withdraw}/withdrawal", null,
                        "anon=401 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=403 ent-de=404 ent-cn=200"),
                call("transfer", "POST", "/api/v1/transfers/{transfer}/appeal", "{\"grounds\": \"Overlooked.\"}",
                        "anon=401 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=403 ent-de=404 ent-cn=409"),
                call("transfer", "POST", "/api/v1/transfers/{transfer}/obligations/{obligation}/fulfilment",
                        "{\"reference\": \"CAC-SC-2026-1\"}",
                        "anon=401 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=403 ent-de=404 ent-cn=409"),
                get("transfer", "/api/v1/transfers/{transfer}/events",
                        "anon=401 ent-cn=200 ent-de=404 reg-cn=200 reg-de=200 reg-sg=404 auditor=200 admin=404"),
                get("transfer", "/api/v1/transfers/stream",
                        "anon=401 ent-cn=200 ent-de=200 reg-cn=200 reg-de=200 reg-sg=200 auditor=200 admin=403"),
                // policy service
                get("policy", "/api/v1/adequacy-decisions", all(200)),
                get("policy", "/api/v1/adequacy-decisions/{adequacy}", all(200)),
                call("policy", "PUT", "/api/v1/adequacy-decisions/{adequacy}", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=400"),
                get("policy", "/api/v1/recognition-agreements", all(200)),
                get("policy", "/api/v1/recognition-agreements/{agreement}", all(200)),
                call("policy", "PUT", "/api/v1/recognition-agreements/{agreement}", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=400"),
                get("policy", "/api/v1/adequacy-decisions/{adequacy}/status-change-preview?status=REVOKED",
                        // 409 where an earlier test revoked the instrument already
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=200|409"),
                get("policy", "/api/v1/recognition-agreements/{agreement}/status-change-preview?status=REVOKED",
                        // 409 where an earlier test revoked the instrument already
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=200|409"),
                get("policy", "/api/v1/rule-packs", all(200)),
                get("policy", "/api/v1/rule-packs/{pack}", all(200)),
                new Row("policy", "PUT", "/api/v1/rule-packs/{pack}", "application/yaml", "rules: [",
                        expect("anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=400")),
                get("policy", "/api/v1/policy-versions", all(200)),
                call("policy", "POST", "/api/v1/assessments/evaluate", SampleTransfers.NEEDS_CN_APPROVAL, all(200)),
                get("policy", "/api/v1/assessments/{transfer}",
                        "anon=401 ent-cn=200 ent-de=404 reg-cn=200 reg-de=200 reg-sg=404 auditor=200 admin=200"),
                get("policy", "/api/v1/jurisdictions", all(200)),
                get("policy", "/api/v1/free-trade-zones", all(200)),
                get("policy", "/api/v1/free-trade-zones/{zone}", all(200)),
                call("policy", "PUT", "/api/v1/free-trade-zones/{zone}/negative-list", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=400"),
                call("policy", "DELETE", "/api/v1/free-trade-zones/{zone}/negative-list?reason=matrix", null,
                        // the zone exists and has no list to withdraw
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=409"),
                // adequacy reviews: {review} is a draft China's regulator opened
                get("policy", "/api/v1/adequacy-reviews", all(200)),
                call("policy", "POST", "/api/v1/adequacy-reviews", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=400 reg-de=400 reg-sg=400 auditor=403 admin=400"),
                get("policy", "/api/v1/adequacy-reviews/{review}",
                        "anon=401 ent-cn=404 ent-de=404 reg-cn=200 reg-de=404 reg-sg=404 auditor=200 admin=200"),
                call("policy", "PUT", "/api/v1/adequacy-reviews/{review}/findings/{criterion}", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=400 reg-de=404 reg-sg=404 auditor=403 admin=400"),
                call("policy", "POST", "/api/v1/adequacy-reviews/{review}/opinion-requests", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=409 reg-de=404 reg-sg=404 auditor=403 admin=409"),
                call("policy", "POST", "/api/v1/adequacy-reviews/{review}/opinions", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=404 reg-sg=404 auditor=403 admin=403"),
                call("policy", "POST", "/api/v1/adequacy-reviews/{review}/adoption", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=409 reg-de=404 reg-sg=404 auditor=403 admin=409"),
                call("policy", "POST", "/api/v1/adequacy-reviews/{review}/rejection", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=400 reg-de=404 reg-sg=404 auditor=403 admin=400"),
                get("policy", "/api/v1/adequacy-recognition-map", all(200)),
                get("policy", "/api/v1/recognition-flags",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=200 reg-de=200 reg-sg=200 auditor=200 admin=200"),
                get("policy", "/api/v1/recognition-flags/{nil}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=404 reg-de=404 reg-sg=404 auditor=404 admin=404"),
                call("policy", "POST", "/api/v1/recognition-flags/{nil}/resolution", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=404 reg-de=404 reg-sg=404 auditor=403 admin=404"),
                get("policy", "/api/v1/adequacy-review-criteria", all(200)),
                call("policy", "PUT", "/api/v1/adequacy-review-criteria", "{}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=403 admin=400"),
                // dispute service
                get("dispute", "/api/v1/disputes", all(200)),
                get("dispute", "/api/v1/disputes/{dispute}",
                        "anon=401 ent-cn=200 ent-de=404 reg-cn=200 reg-de=200 reg-sg=404 auditor=200 admin=404"),
                get("dispute", "/api/v1/disputes/transfers/{transfer}/parties",
                        "anon=401 ent-cn=200 ent-de=404 reg-cn=200 reg-de=200 reg-sg=404 auditor=200 admin=404"),
                call("dispute", "POST", "/api/v1/disputes",
                        "{\"transferId\": \"{rejected}\", \"objectsTo\": \"CN\", \"grounds\": \"The rejection ignores the DE adequacy finding.\"}",
                        // only regulators object (role first); China cannot object to its own decision (400)
                        "anon=401 ent-de=403 reg-sg=404 auditor=403 admin=403 ent-cn=403 reg-cn=400 reg-de=201"),
                call("dispute", "POST", "/api/v1/disputes/{dispute}/statements", STATEMENT,
                        "anon=401 ent-de=404 reg-sg=404 auditor=403 admin=404 ent-cn=201"),
                call("dispute", "POST", "/api/v1/disputes/{dispute}/proposals", CHOICE,
                        "anon=401 ent-de=404 reg-sg=404 auditor=403 admin=404 ent-cn=403 reg-de=201"),
                call("dispute", "POST", "/api/v1/disputes/{dispute}/acceptances", "{\"proposal\": 99}",
                        "anon=401 ent-de=404 reg-sg=404 auditor=403 admin=404 ent-cn=403 reg-cn=409"),
                // no panel yet: those who may see the case learn it is not in that step (409), others nothing (404)
                call("dispute", "POST", "/api/v1/disputes/{dispute}/votes", CHOICE,
                        "anon=401 ent-de=404 reg-sg=404 auditor=409 admin=404 ent-cn=409 reg-cn=409"),
                call("dispute", "POST", "/api/v1/disputes/{dispute}/extension", "{}",
                        "anon=401 ent-de=404 reg-sg=404 auditor=409 admin=404 ent-cn=409 reg-cn=409"),
                call("dispute", "POST", "/api/v1/disputes/{dispute}/escalation", "{\"reason\": \"No agreement.\"}",
                        "anon=401 ent-de=404 reg-sg=404 auditor=403 admin=404 ent-cn=200"),
                // audit service
                get("audit", "/api/v1/audit/events?aggregateId={transfer}",
                        "anon=401 ent-cn=200 ent-de=200 reg-cn=200 reg-de=200 reg-sg=200 auditor=200 admin=403"),
                get("audit", "/api/v1/audit/tree",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200 admin=403"),
                get("audit", "/api/v1/audit/gaps",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200 admin=403"),
                get("audit", "/api/v1/audit/proofs/inclusion?leafIndex=0&treeSize={treeSize}", all(200)),
                get("audit", "/api/v1/audit/proofs/consistency?from=1&to={treeSize}", all(200)),
                get("audit", "/api/v1/audit/checkpoints/latest", all(200)),
                get("audit", "/api/v1/audit/checkpoints/{treeSize}", all(200)),
                call("audit", "POST", "/api/v1/audit/checkpoints", null,
                        // 201 for a new tree size, 200 when the latest checkpoint already covers it
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200|201 admin=200|201"),
                get("audit", "/api/v1/audit/public-key", "anon=200 ent-cn=200 auditor=200"),
                get("audit", "/api/v1/audit/transfers/{transfer}/state",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200 admin=403"),
                get("audit", "/api/v1/audit/disputes/{dispute}/state",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200 admin=403"),
                get("audit", "/api/v1/audit/export?aggregateId={transfer}",
                        "anon=401 ent-cn=403 ent-de=403 reg-cn=403 reg-de=403 reg-sg=403 auditor=200 admin=403"));
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsExactlyTheStatusItsRoleAndRelationAllow() {
        return matrix().stream().map(row -> DynamicTest.dynamicTest(row.service() + " " + row.operation(), () -> {
            List<String> wrong = new ArrayList<>();
            row.expected().forEach((caller, statuses) -> {
                int actual = send(row, caller);
                if (!statuses.contains(actual)) {
                    wrong.add(caller + " expected " + statuses + " but got " + actual);
                }
            });
            assertThat(wrong).as(row.operation()).isEmpty();
        }));
    }

    @Test
    void theMatrixCoversEveryOperationOfEveryServicesApi() {
        Set<String> documented = new TreeSet<>();
        for (String service : List.of("transfer", "policy", "dispute", "audit")) {
            JsonNode api = running.read(running.service(service, "/v3/api-docs"), tokens.get("auditor"));
            api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                    operation -> documented.add(service + " " + operation.getKey().toUpperCase() + " " + path.getKey())));
        }
        Set<String> covered = new TreeSet<>();
        for (Row row : matrix()) {
            covered.add(row.service() + " " + row.method() + " " + template(row.path()));
        }
        Set<String> documentedTemplates = new TreeSet<>(documented.stream()
                .map(AuthorizationMatrixEndToEndIntegrationTests::template).toList());
        assertThat(covered).as("matrix rows with no such operation").isSubsetOf(documentedTemplates);
        assertThat(documentedTemplates).as("operations the matrix does not cover").isSubsetOf(covered);
    }

    /** An operation's path with every variable as {} and no query: how rows and the OpenAPI paths compare. */
    private static String template(String path) {
        return path.replaceFirst("\\?.*", "").replaceAll("\\{[^}]+}", "{}");
    }

    private int post(String service, String path, String caller, String body) {
        return send(new Row(service, "POST", path, "application/json", body, Map.of()), caller);
    }

    private String resolve(String template) {
        String resolved = template;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            resolved = resolved.replace("{" + fixture.getKey() + "}", fixture.getValue());
        }
        return resolved.replace("{obligation}", "NO-SUCH-OBLIGATION");
    }

    private int send(Row row, String caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.service(row.service(), resolve(row.path())))
                .timeout(Duration.ofSeconds(30));
        if (!caller.equals("anon")) {
            request.header("Authorization", "Bearer " + tokens.get(caller));
        }
        HttpRequest.BodyPublisher body = row.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(resolve(row.body()));
        if (row.contentType() != null) {
            request.header("Content-Type", row.contentType());
        }
        request.method(row.method(), body);
        try {
            // streams (server-sent events, NDJSON, the export) are not read: the status is all that counts
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
