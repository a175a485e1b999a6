package org.cbdf.e2e;

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
        browser.get(portal + "/transfers");
        waitFor(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(portal));
        waitFor(By.tagName("main"));
        assertThat(browser.findElements(By.id("current-user"))).as("signed in, on page: %s", browser.getPageSource())
                .isNotEmpty();
        assertThat(waitFor(By.id("current-user")).getText()).isEqualTo(user);
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
