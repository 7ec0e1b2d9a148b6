package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Swagger UI at /api/docs renders the API's operations in a real (headless) browser, under the strict CSP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsBrowserIT {

    TestServer server;
    ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        server = TestServer.start(home);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,2000",
                "--user-data-dir=" + Files.createDirectories(home.resolve("chromium")));
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    @Test
    void theDocsPageListsTheOperationsWithoutBreakingItsContentSecurityPolicy() throws Exception {
        browser.get(server.uri("/api/docs").toString());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-summary-path")));

        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("OpenCEM API");
        List<String> paths = browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(WebElement::getText).map(text -> text.replace("\u200b", "")).toList();
        assertThat(paths).contains("/api/v1/events", "/api/v1/customers/{id}", "/api/v1/auth/login");
        assertThat(browser.findElements(By.cssSelector(".opblock-post")).size()).isGreaterThan(10);

        Files.write(Path.of("target", "api-docs.png"), browser.getScreenshotAs(OutputType.BYTES));
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
        assertThat(problems).as("browser console errors (a CSP violation shows here)").isEmpty();
    }
}
