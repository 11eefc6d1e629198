package org.bnplkit.smartpay.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver (no downloads: both paths are given to Selenium).
 * {@link #start()} skips the calling test, printing why, when either is not installed.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Paths.get(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Paths.get(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profileDir;

    private HeadlessChromium(ChromeDriver driver, Path profileDir) {
        this.driver = driver;
        this.profileDir = profileDir;
    }

    /** Whether chromium and chromedriver are installed; prints the reason when not. */
    public static boolean available() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return true;
        }
        System.out.println("[browser tests] SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is not installed (apt-get update && apt-get install -y chromium chromium-driver)");
        return false;
    }

    /** Starts a browser with a fresh profile, or skips the test when none is installed. */
    public static HeadlessChromium start() {
        return start(false);
    }

    /** The same, accepting any certificate: for a store on localhost with a self-signed one (Broadleaf's DemoSite). */
    public static HeadlessChromium startAcceptingLocalCertificates() {
        return start(true);
    }

    private static HeadlessChromium start(boolean anyCertificate) {
        if (!available() && "true".equals(System.getenv("CI"))) {
            // CI installs the browser (.ci/run): a missing one there is a broken build, not a skip
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(available(), "chromium/chromedriver not installed");
        Path profile;
        try {
            profile = Files.createTempDirectory("smartpay-chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1400,1000", "--lang=en-US");
        if (anyCertificate) {
            options.addArguments("--ignore-certificate-errors");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1400, 1000));
        return new HeadlessChromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (up to {@code seconds}) until the condition holds; fails with {@code what} otherwise. */
    public void waitUntil(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // element not there yet, stale element, ...
            }
            sleep(150);
        }
        screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    /** Waits until an element matching {@code css} is displayed and returns it. */
    public WebElement waitForVisible(String css, int seconds) {
        WebElement[] found = new WebElement[1];
        waitUntil(css + " is visible", seconds, () -> {
            for (WebElement e : driver.findElements(By.cssSelector(css))) {
                if (e.isDisplayed()) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Saves a PNG of the page under target/screenshots/ and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profileDir.toFile());
        }
    }

    private static void deleteRecursively(java.io.File file) {
        java.io.File[] children = file.listFiles();
        if (children != null) {
            for (java.io.File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
