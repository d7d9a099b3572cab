package org.naturaflux.request.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium and chromium-driver, the driver path explicit, Selenium
 * Manager offline): one person's browser, with its own cookies.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** axe-core as npm installed it for the portal's build (request-service/src/main/portal). */
    private static final Path AXE = Path.of("src/main/portal/node_modules/axe-core/axe.min.js");
    /** Where the screenshots go: docs/portal/ of the repository, referenced by docs/portal.md. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "portal");

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** Fails with the script that installs them when chromium or chromedriver is missing. */
    static void requireInstalled() {
        for (String property : List.of("chrome.binary", "webdriver.chrome.driver")) {
            String path = System.getProperty(property);
            if (path == null || !new File(path).canExecute()) {
                throw new IllegalStateException("no executable " + property + " at " + path + ": install Debian's chromium and "
                        + "chromium-driver (deploy/local/test does, with apt)");
            }
        }
        if (!Files.isRegularFile(AXE)) {
            throw new IllegalStateException(AXE.toAbsolutePath() + " is missing: the Maven build installs the portal's npm "
                    + "packages (npm ci in request-service/src/main/portal)");
        }
    }

    static Browser open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chrome.binary"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=fr-FR");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("webdriver.chrome.driver"))).build();
        return new Browser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** On Keycloak's login page: types the person's name and password and submits. */
    void logIn(String username, String password) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).as("the login page is Keycloak's").startsWith(Keycloak.url());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    void waitFor(By locator) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    /**
     * A fetch from the page (the session cookie goes with it, as with the pages' own calls): its status
     * and body.
     *
     * @param csrfToken the X-CSRF-Token header, or null for none
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String method, String path, String csrfToken) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const [method, path, csrf, done] = arguments;
                const headers = { 'Accept': 'application/json', 'X-Requested-With': 'JavaScript' };
                if (csrf) { headers['X-CSRF-Token'] = csrf; }
                fetch(path, { method, headers, credentials: 'same-origin', redirect: 'manual' })
                  .then(async r => done({ status: r.status, body: await r.text() }))
                  .catch(e => done({ status: -1, body: String(e) }));
                """, method, path, csrfToken);
        return (Map<String, Object>) result;
    }

    /** axe-core on the current page: the serious and critical violations, one line each (empty when none). */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            js.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    /** Saves a screenshot as docs/portal/{@code name}.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
