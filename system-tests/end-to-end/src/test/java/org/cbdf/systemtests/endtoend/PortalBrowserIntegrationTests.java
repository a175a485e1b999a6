package org.cbdf.systemtests.endtoend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.openqa.selenium.support.ui.Select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal in a real browser (Debian's headless Chromium) against the running platform: the user logs in
 * on the real Keycloak page, and sees only what the APIs let them see.
 */
class PortalBrowserIntegrationTests {

    static RunningPlatform running;
    static String portal;
    static String transferId;
    WebDriver browser;

    @BeforeAll
    static void platformWithATransferAwaitingChina() {
        running = RunningPlatform.get();
        portal = running.platform.serviceBaseUrl("portal");
        allowPortalRedirects(portal);
        transferId = submitTransferAwaitingChina("Browser Test GmbH");
    }

    /** A CN → DE transfer of 2.5 million individuals' data: China's CAC must approve it (security assessment). */
    private static String submitTransferAwaitingChina(String importer) {
        String enterprise = running.token("enterprise-cn");
        HttpResponse<String> created = running.post(running.service("transfer", "/api/v1/transfers"), enterprise, """
                {
                  "exporter":  { "jurisdiction": "CN", "ciio": false },
                  "importer":  { "name": "%s", "jurisdiction": "DE" },
                  "purpose": "Customer service",
                  "dataCategories": ["PERSONAL"],
                  "dataSubjects": { "count": 2500000, "sensitiveCount": 0 },
                  "mechanism": "SECURITY_ASSESSMENT",
                  "period": { "start": "2026-12-01", "end": "2027-11-30" }
                }
                """.formatted(importer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(
                running.read(running.service("transfer", "/api/v1/transfers/" + id), enterprise)
                        .get("status").asString()));
        return id;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * An auditor opens a transfer's audit timeline: every entry is proven in the tree of the latest checkpoint, whose
     * signature the portal verified against the ledger's key (AuditViewsTests, CheckpointVerificationTests); the
     * state at an instant folds from the same ledger; the export bundle downloads through the portal, and holds the
     * transfer's events, the signed checkpoints and the public key.
     */
    @Test
    void anAuditorSeesATransfersTimelineVerifiedAgainstTheSignedCheckpointAndDownloadsTheExport() throws Exception {
        String auditor = running.token("auditor");
        URI trail = running.service("audit", "/api/v1/audit/events?aggregateId=" + transferId);
        URI checkpoints = running.service("audit", "/api/v1/audit/checkpoints");
        await().atMost(Duration.ofSeconds(60)).until(() -> running.read(trail, auditor).size() >= 3);
        Path downloads = Files.createTempDirectory("portal-downloads");
        browser = chromiumDownloadingTo(downloads);
        logIn("auditor");

        // sign a checkpoint covering the transfer's entries (the service also signs one a minute), then look
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> signed = running.post(checkpoints, auditor, "{}");
            assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);
            browser.get(portal + "/transfers/" + transferId);
            WebElement verification = waitFor(By.id("timeline-verification"));
            assertThat(verification.getAttribute("class").split("\\s+")).contains("verified");
            assertThat(browser.findElements(By.cssSelector("#audit-trail li"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(browser.findElements(By.cssSelector("#audit-trail li:not([data-proof='VERIFIED'])"))).isEmpty();
        });
        assertThat(browser.findElement(By.id("timeline-verification")).getText())
                .startsWith("Every entry verified against the signed checkpoint of");
        assertThat(browser.findElement(By.cssSelector("#audit-trail li .proof")).getText())
                .isEqualTo("verified against the signed checkpoint");
        screenshot("auditor-timeline-verified");

        // the same transfer as the ledger folds it now
        browser.findElement(By.id("state-at-link")).click();
        assertThat(waitFor(By.id("state-status")).getText()).isEqualTo("Awaiting approval");
        assertThat(browser.findElements(By.cssSelector("#state-events tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
        screenshot("auditor-state-at");

        browser.findElement(By.id("nav-ledger")).click();
        WebElement status = waitFor(By.id("checkpoint-status"));
        assertThat(status.getAttribute("class").split("\\s+")).contains("verified");
        assertThat(status.getText()).startsWith("Signature verified by the portal (Ed25519)");
        long signedSize = Long.parseLong(browser.findElement(By.id("checkpoint-size")).getText());
        assertThat(signedSize).isGreaterThanOrEqualTo(3);
        screenshot("ledger");

        browser.findElement(By.id("export-download")).click();
        Path bundle = await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Stream<Path> files = Files.list(downloads)) {
                // Chromium renames the .crdownload once the whole file is there
                return files.filter(file -> file.getFileName().toString().matches("audit-0-\\d+\\.zip")).findFirst()
                        .orElse(null);
            }
        }, Objects::nonNull);
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("manifest.json", "events.ndjson", "public-key.pem");
        assertThat(entries.keySet()).anyMatch(name -> name.startsWith("checkpoints/"));
        assertThat(entries.get("events.ndjson")).contains(transferId);
    }

    /**
     * A policy administrator lands on the adequacy decisions, with their status and validity and only its own
     * navigation; a status change's confirmation says plainly that the suspension preview is not available (the
     * change is reviewed and taken back, never confirmed); the transfers are not its area (PolicyAdministrationTests,
     * SessionAndRolesTests).
     */
    @Test
    void aPolicyAdministratorSeesTheAdequacyDecisionsWithTheirStatusAndValidity() {
        browser = chromium();
        logInAt("policy-admin", "/");

        assertThat(browser.getCurrentUrl()).endsWith("/policy/adequacy-decisions");
        assertThat(browser.findElements(By.cssSelector("#adequacy-decisions tbody tr"))).hasSizeGreaterThanOrEqualTo(17);
        WebElement uk = browser.findElement(By.cssSelector("#adequacy-decisions tr[data-id='eu-gb']"));
        assertThat(uk.findElement(By.cssSelector(".policy-status")).getText()).isEqualTo("Active");
        assertThat(uk.findElement(By.cssSelector("td.validity")).getText()).isEqualTo("until 2031-12-01");
        assertThat(browser.findElements(By.cssSelector("header nav a")).stream().map(a -> a.getAttribute("id")).toList())
                .containsExactly("nav-adequacy", "nav-agreements", "nav-rule-packs", "nav-reviews");
        screenshot("policy-adequacy-decisions");

        uk.findElement(By.cssSelector("a.instrument-link")).click();
        new Select(waitFor(By.id("new-status"))).selectByValue("SUSPENDED");
        browser.findElement(By.id("change-reason")).sendKeys("Browser test: reviewed, not confirmed");
        browser.findElement(By.id("review-status")).click();
        assertThat(waitFor(By.id("summary-change")).getText()).isEqualTo("Active → Suspended");
        // the policy service's dry run of the change: which live transfers relying on the decision it would suspend
        assertThat(browser.findElements(By.id("preview-problem"))).as("the preview was refused").isEmpty();
        assertThat(browser.findElement(By.id("suspension-preview")).getText())
                .matches("(When you confirm, the policy service at once reassesses|No transfer's latest assessment relies on)"
                        + " .*");
        screenshot("policy-status-confirm");
        browser.findElement(By.id("edit-status")).click();
        assertThat(waitFor(By.id("change-reason")).getText()).isEqualTo("Browser test: reviewed, not confirmed");
        assertThat(browser.findElement(By.id("instrument-status")).getText()).isEqualTo("Active");

        browser.get(portal + "/transfers");
        assertThat(waitFor(By.cssSelector("main h1")).getText()).isEqualTo("Your role does not allow this.");
        assertThat(browser.findElement(By.id("error-detail")).getText()).startsWith("Transfers are shown to regulators");
    }

    /**
     * A dispute opened the way DisputeEndToEndIntegrationTests opens one (China rejects, the exporter appeals): the
     * Chinese regulator, a party, finds it in its disputes with a countdown, files a statement whose evidence the
     * browser hashes locally (attachments.js; the file is never uploaded), and sees it recorded with the evidence's
     * SHA-256; the dispute service holds it under the regulator's name (DisputePagesTests).
     */
    @Test
    void aRegulatorPartyFilesAStatementWithItsEvidenceInAnAppealsDispute() throws Exception {
        String rejectedTransfer = submitTransferAwaitingChina("Dispute Browser GmbH");
        String enterprise = running.token("enterprise-cn");
        String regulatorCn = running.token("regulator-cn");
        HttpResponse<String> rejected = running.post(running.service("transfer", "/api/v1/transfers/" + rejectedTransfer
                + "/decisions"), regulatorCn,
                "{\"decision\": \"REJECT\", \"reasons\": \"The security assessment does not cover onward HR analytics.\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        HttpResponse<String> appealed = running.post(running.service("transfer", "/api/v1/transfers/" + rejectedTransfer
                + "/appeal"), enterprise,
                "{\"grounds\": \"No onward analytics take place; the assessment covers the whole processing.\"}");
        assertThat(appealed.statusCode()).as(appealed.body()).isEqualTo(200);
        URI cases = running.service("dispute", "/api/v1/disputes?size=100");
        String dispute = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> running.read(cases, regulatorCn).get("content").valueStream()
                        .filter(c -> c.get("transferId").asString().equals(rejectedTransfer))
                        .map(c -> c.get("id").asString()).findFirst(), Optional::isPresent)
                .orElseThrow();
        Path evidence = Files.createTempFile("cac-assessment-", ".pdf");
        Files.writeString(evidence, "CAC security assessment notice 2026-10-02");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(evidence)));

        browser = chromium();
        logInAt("regulator-cn", "/disputes");
        WebElement row = waitFor(By.cssSelector("#disputes tr[data-dispute-id='" + dispute + "']"));
        assertThat(row.findElement(By.cssSelector("td.trigger")).getText()).isEqualTo("Appeal of a rejection");
        assertThat(row.findElement(By.cssSelector("td.part")).getText()).isEqualTo("Party");
        assertThat(row.findElement(By.cssSelector(".countdown")).getText()).endsWith("left");
        screenshot("disputes");
        row.findElement(By.cssSelector("a.dispute-link")).click();

        assertThat(waitFor(By.id("dispute-status")).getText()).isEqualTo("Open");
        assertThat(browser.findElement(By.id("dispute-parties")).getText()).contains("the regulator of CN", "the regulator of DE");
        waitFor(By.id("statement-text")).sendKeys("The assessment covered the HR processing only; "
                + "we maintain the rejection unless onward analytics are excluded.");
        waitFor(By.id("attachment-file")).sendKeys(evidence.toAbsolutePath().toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> (sha256 + "  " + evidence.getFileName())
                .equals(driver.findElement(By.id("statement-attachments")).getDomProperty("value")));
        screenshot("dispute-statement-form");
        browser.findElement(By.id("submit-statement")).click();

        assertThat(waitFor(By.id("step-recorded")).getText()).isEqualTo("Your statement has been filed.");
        assertThat(browser.findElement(By.id("dispute-status")).getText()).isEqualTo("Negotiation");
        WebElement statement = browser.findElement(By.cssSelector("#statements li[data-number='1']"));
        assertThat(statement.getText()).contains("CN", "regulator-cn", "we maintain the rejection");
        assertThat(statement.findElement(By.cssSelector(".attachment-name")).getText())
                .isEqualTo(evidence.getFileName().toString());
        assertThat(statement.findElement(By.cssSelector("code.sha256")).getText()).isEqualTo(sha256);
        assertThat(browser.findElement(By.cssSelector("#timeline li[data-step='STATEMENT_FILED']")).getText())
                .contains("Statement filed");
        screenshot("dispute-statement-filed");

        JsonNode recorded = running.read(running.service("dispute", "/api/v1/disputes/" + dispute), regulatorCn);
        assertThat(recorded.at("/statements/0/filedBy").asString()).isEqualTo("regulator-cn");
        assertThat(recorded.at("/statements/0/party").asString()).isEqualTo("CN");
        assertThat(recorded.at("/statements/0/attachments/0/sha256").asString()).isEqualTo(sha256);
    }

    @Test
    void aRegulatorApprovesWithAConditionFromItsInboxAndAnOpenPageOfTheTransferChangesLive() {
        String awaiting = submitTransferAwaitingChina("Live Update GmbH");
        browser = chromium();
        logIn("regulator-cn");

        browser.findElement(By.id("nav-inbox")).click();
        WebElement row = waitFor(By.cssSelector("#inbox tr[data-transfer-id='" + awaiting + "']"));
        assertThat(browser.findElement(By.id("awaiting-count")).getText()).contains("await your decision");
        screenshot("regulator-inbox");
        row.findElement(By.cssSelector("a.transfer-link")).click();

        // this tab only watches: the decision is taken in another one
        assertThat(waitFor(By.id("transfer-status")).getText()).isEqualTo("Awaiting approval");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.attributeContains(By.id("live-indicator"), "class", "on"));
        ((JavascriptExecutor) browser).executeScript("document.body.dataset.notReloaded = 'yes'");
        String watching = browser.getWindowHandle();

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(portal + "/transfers/" + awaiting);
        waitFor(By.id("approve-with-conditions-reasons")).sendKeys("Security assessment passed; data minimised.");
        browser.findElement(By.id("conditions")).sendKeys("Annual re-certification of the importer");
        screenshot("transfer-decision-forms");
        browser.findElement(By.id("submit-approve-with-conditions")).click();
        assertThat(waitFor(By.id("summary-conditions")).getText()).isEqualTo("Annual re-certification of the importer");
        screenshot("decision-confirm");
        browser.findElement(By.id("confirm-decision")).click();

        assertThat(waitFor(By.id("decision-recorded")).getText())
                .isEqualTo("Your decision has been recorded: Approved with conditions.");
        assertThat(browser.findElement(By.id("transfer-status")).getText()).isEqualTo("Approved");
        assertThat(browser.findElement(By.cssSelector("#decisions tr[data-jurisdiction='CN']")).getText())
                .contains("Approved with conditions", "Annual re-certification of the importer", "regulator-cn");
        assertThat(browser.findElements(By.cssSelector("#decide form"))).isEmpty();

        // the watching tab followed by itself, without a reload
        browser.switchTo().window(watching);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.id("transfer-status"), "Approved"));
        assertThat(((JavascriptExecutor) browser).executeScript("return document.body.dataset.notReloaded"))
                .isEqualTo("yes");
        assertThat(browser.findElement(By.cssSelector("#decisions tr[data-jurisdiction='CN']")).getText())
                .contains("Annual re-certification of the importer");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.findElements(By.cssSelector("#decide form")).isEmpty());
        screenshot("transfer-approved-live");

        browser.findElement(By.id("nav-inbox")).click();
        waitFor(By.id("inbox-count"));
        assertThat(browser.findElements(By.cssSelector("tr[data-transfer-id='" + awaiting + "']"))).isEmpty();
    }

    @Test
    void theDestinationsRegulatorHasNothingToDecideAndNothingInItsInbox() {
        browser = chromium();
        logIn("regulator-de");

        browser.findElement(By.id("nav-inbox")).click();
        waitFor(By.id("inbox-count"));
        assertThat(browser.findElements(By.cssSelector("tr[data-transfer-id='" + transferId + "']"))).isEmpty();

        // Germany, the destination, may read the transfer but its approval is not required
        browser.get(portal + "/transfers/" + transferId);
        assertThat(waitFor(By.id("transfer-status")).getText()).isEqualTo("Awaiting approval");
        assertThat(browser.findElement(By.id("not-an-approver")).getText())
                .isEqualTo("This transfer does not need the approval of DE.");
        assertThat(browser.findElements(By.cssSelector("#decide form"))).isEmpty();
    }

    @Test
    void anAuditorHasNoInboxAndIsToldWhyAtItsAddress() {
        browser = chromium();
        logIn("auditor");

        assertThat(browser.findElements(By.id("nav-inbox"))).isEmpty();
        browser.get(portal + "/inbox");
        assertThat(waitFor(By.cssSelector("main h1")).getText()).isEqualTo("Your role does not allow this.");
        assertThat(browser.findElement(By.id("error-detail")).getText()).startsWith("The inbox is for regulators");
    }

    @Test
    void aRegulatorLogsInThroughKeycloakAndReadsTheAssessmentAndItsAuditTrail() {
        browser = chromium();
        logIn("regulator-cn");

        WebElement row = waitFor(By.cssSelector("tr[data-transfer-id='" + transferId + "']"));
        screenshot("inbox");
        row.findElement(By.tagName("a")).click();

        assertThat(waitFor(By.id("transfer-status")).getText()).isEqualTo("Awaiting approval");
        assertThat(browser.findElement(By.id("assessment-outcome")).getText()).isEqualTo("Review required");
        List<WebElement> rules = browser.findElements(By.cssSelector("#trace tbody tr"));
        assertThat(rules).hasSizeGreaterThan(3);
        assertThat(browser.findElement(By.id("trace")).getText()).contains("CAC");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#audit-trail li")).size() >= 3;
        });
        assertThat(browser.findElement(By.id("audit-trail")).getText()).contains("transfer.submitted.v1",
                "policy.assessment-completed.v1", "transfer.assessed.v1");
        screenshot("transfer");

        browser.findElement(By.id("lang-zh")).click();
        assertThat(waitFor(By.id("transfer-status")).getText()).isEqualTo("待审批");
        assertThat(browser.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("zh-CN");
        screenshot("transfer-zh");
        browser.findElement(By.id("lang-en")).click();
        assertThat(waitFor(By.id("transfer-status")).getText()).isEqualTo("Awaiting approval");
    }

    @Test
    void aRegulatorOfAnUninvolvedJurisdictionDoesNotSeeTheTransfer() {
        browser = chromium();
        logIn("regulator-sg");

        waitFor(By.cssSelector("main h1"));
        assertThat(browser.findElements(By.cssSelector("tr[data-transfer-id='" + transferId + "']"))).isEmpty();
        browser.get(portal + "/transfers/" + transferId);
        assertThat(waitFor(By.cssSelector("main h1")).getText()).contains("Not found");
    }

    @Test
    void thePortalSendsItsSecurityHeadersAndAsksForLoginFirst() {
        HttpResponse<String> anonymous = running.send(HttpRequest.newBuilder(URI.create(portal + "/transfers")).build());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/oauth2/authorization/keycloak");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'");
        assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private void logIn(String user) {
        logInAt(user, "/transfers");
    }

    /** Logs in on the real Keycloak page on the way to {@code path} (for {@code /}: the role's own start page). */
    private void logInAt(String user, String path) {
        browser.get(portal + path);
        waitFor(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(portal));
        waitFor(By.tagName("main"));
        assertThat(browser.findElements(By.id("current-user"))).as("signed in, on page: %s", browser.getPageSource())
                .isNotEmpty();
        assertThat(waitFor(By.id("current-user")).getText()).isEqualTo(user);
    }

    /** Headless Chromium that saves downloads in {@code directory} without asking. */
    private static WebDriver chromiumDownloadingTo(Path directory) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("cbdf.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", directory.toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("cbdf.chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // headless Chromium honours the download preference only once told downloads are allowed
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", directory.toString()));
        return driver;
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target/screenshots"));
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("cbdf.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("cbdf.chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** The realm allows the portal on port 8080; this test's portal runs on a free port. */
    private static void allowPortalRedirects(String portalUrl) {
        String keycloak = running.platform.keycloakBaseUrl().orElseThrow();
        HttpResponse<String> tokenResponse = running.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build());
        String admin = RunningPlatform.JSON.readTree(tokenResponse.body()).get("access_token").asString();
        URI clients = URI.create(keycloak + "/admin/realms/governance/clients?clientId=portal");
        JsonNode client = running.read(clients, admin).get(0);
        ObjectNode updated = (ObjectNode) client;
        ((ArrayNode) updated.withArray("redirectUris")).add(portalUrl + "/*");
        ((ArrayNode) updated.withArray("webOrigins")).add(portalUrl);
        ObjectNode attributes = updated.withObject("attributes");
        attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asString("")
                + "##" + portalUrl + "/*");
        HttpResponse<String> put = running.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/admin/realms/governance/clients/" + client.get("id").asString()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(updated.toString())).build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    }
}
