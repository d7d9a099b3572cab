package org.naturaflux.testkit;

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
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(60);
    /** System properties naming the browser and its driver; Debian's paths when unset. */
    private static final String CHROME = "chrome.binary";
    private static final String DRIVER = "webdriver.chrome.driver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** The repository's root: the nearest directory above the working directory holding the request-service's portal. */
    private static final Path ROOT = repositoryRoot();
    /** axe-core as npm installed it for the portal's build (request-service/src/main/portal). */
    private static final Path AXE = ROOT.resolve("request-service/src/main/portal/node_modules/axe-core/axe.min.js");
    /** Where the screenshots go: docs/portal/ of the repository, referenced by docs/portal.md. */
    public static final Path SCREENSHOTS = ROOT.resolve("docs/portal");

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("request-service/src/main/portal"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root (with request-service/src/main/portal) above " + dir);
    }

    private static String binary(String property, String debianDefault) {
        return System.getProperty(property, debianDefault);
    }

    /** Fails with the script that installs them when chromium or chromedriver is missing. */
    public static void requireInstalled() {
        for (String property : List.of(CHROME, DRIVER)) {
            String path = binary(property, property.equals(CHROME) ? CHROMIUM : CHROMEDRIVER);
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

    public static Browser open() {
        return open(null);
    }

    /**
     * A browser whose downloads go into {@code downloads} without asking (null: Chromium's default), for a
     * test that reads the file a link downloaded ({@link #awaitDownload}).
     */
    public static Browser open(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary(CHROME, CHROMIUM));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=fr-FR");
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false, "download.directory_upgrade", true,
                    "safebrowsing.enabled", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(binary(DRIVER, CHROMEDRIVER))).build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** On Keycloak's login page: types the person's name and password and submits. */
    public void logIn(String username, String password) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        if (!driver.getCurrentUrl().startsWith(Keycloak.url())) {
            throw new AssertionError("the login page is not Keycloak's: " + driver.getCurrentUrl());
        }
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public void waitFor(By locator) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    public void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    public String text(By locator) {
        return driver.findElement(locator).getText();
    }

    /**
     * A fetch from the page (the session cookie goes with it, as with the pages' own calls): its status
     * and body.
     *
     * @param csrfToken the X-CSRF-Token header, or null for none
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fetch(String method, String path, String csrfToken) {
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
    public List<String> seriousAccessibilityViolations() {
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

    /**
     * Waits until a download into {@code downloads} has finished (a file there, none still partial:
     * Chromium writes {@code .crdownload} and hidden temporary files while downloading) and answers it.
     */
    public Path awaitDownload(Path downloads) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            // Chromium's own temporary files (hidden) come and go while it downloads: not yet, when one vanishes
            try (var files = Files.list(downloads)) {
                List<Path> all = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
                boolean partial = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                return partial || all.isEmpty() ? null : all.get(0);
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
        });
    }

    /** Saves a screenshot as docs/portal/{@code name}.png. */
    public void screenshot(String name) {
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
