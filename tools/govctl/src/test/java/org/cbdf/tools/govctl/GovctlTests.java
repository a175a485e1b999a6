package org.cbdf.tools.govctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** govctl's own behaviour against a stub of the API and of Keycloak. */
class GovctlTests {

    static final String ID = "6f1c2f9e-8a57-4c55-a1f6-0a4a3a1b9d21";
    static final String TRANSFER = """
            {"id":"%s","organization":"acme-cn","status":"%s","request":{"exporter":{"jurisdiction":"CN"},
             "importer":{"name":"Acme GmbH","jurisdiction":"DE"},"purpose":"HR administration",
             "onwardTransfers":[{"jurisdiction":"US"}],"period":{"start":"2026-12-01","end":"2027-11-30"}},
             "requiredApprovals":["CN"],"decisions":[],"obligations":[],"version":2,
             "updatedAt":"2026-11-28T12:00:00Z"}""";

    @TempDir
    Path home;

    StubPlatform stub;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        stub = new StubPlatform();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    int govctl(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--api";
        all[1] = stub.uri().toString();
        all[2] = "--config-dir";
        all[3] = home.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        Govctl govctl = new Govctl();
        govctl.sleeper = duration -> {
        };
        return Govctl.commandLine(govctl, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static String transfer(String status) {
        return TRANSFER.formatted(ID, status).replace("\n", "");
    }

    static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + encoder.encodeToString(claims.getBytes()) + ".c2ln";
    }

    static String tokenResponse(long expiresIn) {
        return """
                {"access_token":"%s","expires_in":%d,"refresh_token":"refresh-1","refresh_expires_in":1800,
                 "token_type":"Bearer"}""".formatted(jwt("{\"preferred_username\":\"enterprise-cn\","
                + "\"organization\":\"acme-cn\"}"), expiresIn);
    }

    void loggedIn() {
        new TokenStore(home, java.time.Clock.systemUTC()).save(new TokenStore.Token(
                stub.uri() + "/realms/governance", "govctl", "access-1", Instant.now().plusSeconds(300), "refresh-1",
                Instant.now().plusSeconds(1800)));
    }

    @Nested
    class Login {

        @Test
        void aPasswordLoginCachesTheTokenForItsOwnerOnly() throws Exception {
            stub.onJson("POST /realms/governance/protocol/openid-connect/token", 200, tokenResponse(300));
            System.setIn(new java.io.ByteArrayInputStream("demo\n".getBytes()));

            int exit = govctl("login", "--issuer", stub.uri() + "/realms/governance", "-u", "enterprise-cn",
                    "--password-stdin");

            assertThat(exit).as(err()).isZero();
            assertThat(out()).contains("Logged in as enterprise-cn (acme-cn)");
            Path token = home.resolve("token.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
            assertThat(Files.readString(token)).contains("refresh-1");
            assertThat(stub.requests.getFirst().body()).contains("grant_type=password", "client_id=govctl",
                    "username=enterprise-cn", "password=demo");
        }

        @Test
        void refusedCredentialsExitWithTheAuthCode() {
            stub.onJson("POST /realms/governance/protocol/openid-connect/token", 401,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
            System.setIn(new java.io.ByteArrayInputStream("wrong\n".getBytes()));

            int exit = govctl("login", "--issuer", stub.uri() + "/realms/governance", "-u", "enterprise-cn",
                    "--password-stdin");

            assertThat(exit).isEqualTo(ExitCodes.AUTH);
            assertThat(err()).contains("Invalid user credentials");
            assertThat(home.resolve("token.json")).doesNotExist();
        }

        @Test
        void theDeviceGrantShowsTheCodeAndPollsUntilConfirmed() {
            stub.onJson("POST /realms/governance/protocol/openid-connect/auth/device", 200, """
                    {"device_code":"dev-1","user_code":"WXYZ-1234","verification_uri":"http://kc/device",
                     "verification_uri_complete":"http://kc/device?user_code=WXYZ-1234","expires_in":600,"interval":5}""");
            stub.on("POST /realms/governance/protocol/openid-connect/token", 200, "application/json",
                    tokenResponse(300));
            stub.onJson("POST /realms/governance/protocol/openid-connect/token", 400,
                    "{\"error\":\"authorization_pending\"}", "{\"error\":\"authorization_pending\"}");

            // two pending answers, then the stub repeats the last: replace it after the polls
            int exit = govctlWithConfirmationAfterPolls(2);

            assertThat(exit).as(err()).isZero();
            assertThat(err()).contains("http://kc/device?user_code=WXYZ-1234", "WXYZ-1234");
            assertThat(stub.requests.stream().filter(r -> r.body().contains("device_code=dev-1")).count())
                    .isEqualTo(3);
            assertThat(home.resolve("token.json")).exists();
        }

        int govctlWithConfirmationAfterPolls(int polls) {
            Govctl govctl = new Govctl();
            int[] waited = { 0 };
            govctl.sleeper = duration -> {
                if (++waited[0] == polls) {
                    stub.onJson("POST /realms/governance/protocol/openid-connect/token", 200, tokenResponse(300));
                }
            };
            return Govctl.commandLine(govctl, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).execute("--config-dir", home.toString(),
                    "login", "--device", "--issuer", stub.uri() + "/realms/governance");
        }

        @Test
        void anExpiredAccessTokenIsRenewedWithTheRefreshToken() throws Exception {
            new TokenStore(home, java.time.Clock.systemUTC()).save(new TokenStore.Token(
                    stub.uri() + "/realms/governance", "govctl", "old", Instant.now().minusSeconds(5), "refresh-1",
                    Instant.now().plusSeconds(1800)));
            stub.onJson("POST /realms/governance/protocol/openid-connect/token", 200, tokenResponse(300));
            stub.onJson("GET /api/v1/transfers/" + ID, 200, transfer("PERMITTED"));

            assertThat(govctl("transfer", "status", ID)).as(err()).isZero();

            assertThat(stub.requests.getFirst().body()).contains("grant_type=refresh_token", "refresh_token=refresh-1");
            assertThat(stub.requests.get(1).header("Authorization")).isNotEqualTo("Bearer old").startsWith("Bearer ");
            assertThat(Files.readString(home.resolve("token.json"))).doesNotContain("\"old\"");
        }

        @Test
        void withoutALoginTheAuthCodeAndAHint() {
            assertThat(govctl("transfer", "status", ID)).isEqualTo(ExitCodes.AUTH);
            assertThat(err()).contains("govctl login");
            assertThat(stub.requests).isEmpty();
        }
    }

    @Nested
    class Transfers {

        @BeforeEach
        void login() {
            loggedIn();
        }

        @Test
        void submitReadsYamlAndDerivesTheIdempotencyKeyFromTheFile() throws Exception {
            Path file = home.resolve("request.yaml");
            Files.writeString(file, """
                    exporter: {jurisdiction: CN, ciio: false}
                    importer: {name: Acme GmbH, jurisdiction: DE, certifications: [], dpfCertified: false}
                    purpose: HR administration
                    dataCategories: [PERSONAL]
                    dataSubjects: {count: 120000, sensitiveCount: 0}
                    mechanism: STANDARD_CONTRACT
                    period: {start: 2026-12-01, end: 2027-11-30}
                    """);
            stub.onJson("POST /api/v1/transfers", 201, transfer("SUBMITTED"));

            assertThat(govctl("transfer", "submit", file.toString())).as(err()).isZero();
            stub.onJson("POST /api/v1/transfers", 200, transfer("SUBMITTED")); // the service's answer to a retry
            assertThat(govctl("transfer", "submit", file.toString())).isZero();

            assertThat(out()).contains("Submitted transfer " + ID, "govctl transfer watch " + ID,
                    "Already submitted: transfer " + ID);
            StubPlatform.Recorded first = stub.requests.getFirst();
            assertThat(first.header("Authorization")).isEqualTo("Bearer access-1");
            assertThat(first.header("Idempotency-Key")).isEqualTo("govctl-" + TransferCommand.Submit.sha256(
                    Files.readAllBytes(file)));
            assertThat(stub.requests.get(1).header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
            JsonNode body = Api.JSON.readTree(first.body());
            assertThat(body.get("period").get("start").asString()).isEqualTo("2026-12-01");
            assertThat(body.get("dataSubjects").get("count").asLong()).isEqualTo(120000);
        }

        @Test
        void anUnreadableFileIsAUsageError() throws Exception {
            Path broken = home.resolve("broken.yaml");
            Files.writeString(broken, "exporter: [unclosed");
            assertThat(govctl("transfer", "submit", broken.toString())).isEqualTo(ExitCodes.USAGE);
            assertThat(govctl("transfer", "submit", home.resolve("missing.json").toString()))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err()).contains("not valid YAML", "no such file");
            assertThat(stub.requests).isEmpty();
        }

        @Test
        void statusShowsASummaryOrTheJson() {
            stub.onJson("GET /api/v1/transfers/" + ID, 200, transfer("AWAITING_APPROVAL"));

            assertThat(govctl("transfer", "status", ID)).isZero();
            assertThat(out()).contains("AWAITING_APPROVAL", "CN → DE (Acme GmbH), onward US", "CN: pending");

            out.reset();
            assertThat(govctl("transfer", "status", ID, "--output", "json")).isZero();
            assertThat(Api.JSON.readTree(out()).get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        }

        @Test
        void problemsArePrintedReadablyWithTheirExitCodes() {
            stub.onJson("GET /api/v1/transfers/missing", 404,
                    "{\"title\":\"Transfer not found\",\"status\":404,\"detail\":\"No transfer missing.\"}");
            stub.onJson("POST /api/v1/transfers/" + ID + "/withdrawal", 409, """
                    {"title":"Transition not allowed","status":409,"detail":"Transfer %s is REJECTED and cannot be withdrawn.",
                     "currentStatus":"REJECTED"}""".formatted(ID));
            stub.onJson("POST /api/v1/transfers/" + ID + "/appeal", 400, """
                    {"title":"Invalid request","status":400,"detail":"grounds: is required",
                     "errors":[{"field":"grounds","reason":"is required"}]}""");
            stub.onJson("GET /api/v1/transfers/" + ID, 401, "");

            assertThat(govctl("transfer", "status", "missing")).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(govctl("transfer", "withdraw", ID)).isEqualTo(ExitCodes.REFUSED);
            assertThat(govctl("transfer", "appeal", ID, "--grounds", " ")).isEqualTo(ExitCodes.REFUSED);
            assertThat(govctl("transfer", "status", ID)).isEqualTo(ExitCodes.AUTH);

            assertThat(err()).contains("Transfer not found (HTTP 404): No transfer missing.")
                    .contains("Transition not allowed (HTTP 409)", "current status: REJECTED")
                    .contains("  - grounds: is required")
                    .contains("run: govctl login")
                    .doesNotContain("\"title\"");
        }

        @Test
        void withdrawAppealAndFulfilCallTheirEndpoints() {
            stub.onJson("POST /api/v1/transfers/" + ID + "/withdrawal", 200, transfer("WITHDRAWN"));
            stub.onJson("POST /api/v1/transfers/" + ID + "/appeal", 200, transfer("APPEALED"));
            stub.onJson("POST /api/v1/transfers/" + ID + "/obligations/CN_SC_FILING/fulfilment", 200,
                    transfer("PERMITTED"));

            assertThat(govctl("transfer", "withdraw", ID)).isZero();
            assertThat(govctl("transfer", "appeal", ID, "--grounds", "The importer is certified")).isZero();
            assertThat(govctl("transfer", "fulfil", ID, "CN_SC_FILING", "--reference", "CAC-1")).isZero();

            assertThat(out()).contains("is now WITHDRAWN", "is now APPEALED", "is now PERMITTED");
            assertThat(stub.requests.get(1).body()).contains("\"grounds\":\"The importer is certified\"");
            assertThat(stub.requests.get(2).body()).contains("\"reference\":\"CAC-1\"");
        }

        @Test
        void listPassesTheFilters() {
            stub.onJson("GET /api/v1/transfers?status=AWAITING_APPROVAL&destination=DE&from=2027-01-01&size=5",
                    200, "{\"content\":[" + transfer("AWAITING_APPROVAL") + "],\"size\":5,\"totalElements\":1,"
                            + "\"nextCursor\":null}");

            assertThat(govctl("transfer", "list", "--status", "awaiting_approval", "--destination", "de", "--from",
                    "2027-01-01", "--size", "5")).as(err()).isZero();

            assertThat(out()).contains(ID, "AWAITING_APPROVAL", "CN→DE", "1 of 1").doesNotContain("--cursor");
        }

        @Test
        void listTellsHowToGetTheNextPageAndGetsIt() {
            stub.onJson("GET /api/v1/transfers?size=1", 200, "{\"content\":[" + transfer("SUBMITTED")
                    + "],\"size\":1,\"totalElements\":2,\"nextCursor\":\"bmV4dC1wYWdl\"}");
            stub.onJson("GET /api/v1/transfers?cursor=bmV4dC1wYWdl&size=1", 200, "{\"content\":["
                    + transfer("APPROVED") + "],\"size\":1,\"totalElements\":2,\"nextCursor\":null}");

            assertThat(govctl("transfer", "list", "--size", "1")).as(err()).isZero();
            assertThat(out()).contains("SUBMITTED", "1 of 2; the next page: --cursor bmV4dC1wYWdl");
            out.reset();
            assertThat(govctl("transfer", "list", "--size", "1", "--cursor", "bmV4dC1wYWdl")).as(err()).isZero();

            assertThat(out()).contains("APPROVED");
        }

        @Test
        void watchFollowsTheStreamUntilADecision() {
            stub.on("GET /api/v1/transfers/" + ID + "/events", 200, "text/event-stream", """
                    event:status
                    data:{"transferId":"%1$s","type":"current","version":2,"status":"AWAITING_APPROVAL"}

                    event:status
                    data:{"transferId":"%1$s","type":"transfer.decision-recorded.v1","version":3,"status":"AWAITING_APPROVAL"}

                    event:status
                    data:{"transferId":"%1$s","type":"transfer.decision-recorded.v1","version":4,"status":"APPROVED"}

                    """.formatted(ID));

            assertThat(govctl("transfer", "watch", ID)).as(err()).isZero();

            assertThat(out()).contains("AWAITING_APPROVAL", "APPROVED", "Decided: APPROVED");
            assertThat(stub.requests.getFirst().header("Accept")).isEqualTo("text/event-stream");
        }

        @Test
        void watchGivesUpAfterItsTimeoutWhenNoDecisionComes() {
            stub.on("GET /api/v1/transfers/" + ID + "/events", 200, "text/event-stream", """
                    event:status
                    data:{"transferId":"%s","type":"current","version":2,"status":"AWAITING_APPROVAL"}

                    """.formatted(ID));

            assertThat(govctl("transfer", "watch", ID, "--timeout", "PT0.5S")).isEqualTo(ExitCodes.REFUSED);
            assertThat(err()).contains("no decision", "AWAITING_APPROVAL");
        }
    }

    @Test
    void anUnreachableApiHasItsOwnExitCode() throws Exception {
        loggedIn();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Govctl govctl = new Govctl();
        int exit = Govctl.commandLine(govctl, new PrintStream(out), new PrintStream(err)).execute("--api",
                "http://127.0.0.1:" + closedPort, "--config-dir", home.toString(), "transfer", "status", ID);
        assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err()).contains("cannot reach the API");
    }

    @Test
    void usageErrorsExitWithOne() {
        assertThat(govctl("transfer", "frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(govctl("transfer", "appeal", ID)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--grounds");
        assertThat(govctl("--help")).isZero();
        assertThat(out()).contains("Exit codes:", "5", "unreachable");
    }
}
