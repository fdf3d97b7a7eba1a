package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (the system's {@code /usr/bin/chromium} and
 * {@code chromedriver}, never a downloaded one): sign in with a key, paste a doctor link, see the
 * watch, see a slot the fake releases arrive live with a Jalali date, switch to English. Skipped
 * when Chromium or its driver is not installed. Screenshots go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** An owner name that would run script if the dashboard ever rendered it as HTML. */
  private static final String HOSTILE_NAME = "<img src=x onerror=\"window.__xss=1\">کلینیک & Co";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private TestServer s;
  private WebDriver driver;
  private ChromeDriverService service;
  private Path profile;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws IOException {
    boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)";
    // where it must run (CI), a missing browser fails the build instead of skipping the test unseen
    assertThat(browser || !"true".equals(System.getenv("CI"))).as(missing + "; CI=true: .ci/run installs them").isTrue();
    assumeTrue(browser, missing);
    s = TestServer.start();
    profile = Files.createTempDirectory("slothunter-chromium");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,1800", "--lang=fa-IR", "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, WAIT);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (s != null) {
      s.close();
      s.deleteFiles();
    }
    if (profile != null) {
      deleteTree(profile.toFile());
    }
  }

  @Test
  void pasteALinkSeeTheWatchSeeASlotArriveLiveAndSwitchLanguage() throws IOException {
    TestServer.Created owner = s.owner(HOSTILE_NAME, "PREMIUM");
    driver.get(s.server.baseUrl() + "/");

    // sign in
    WebElement key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    key.sendKeys(owner.key());
    driver.findElement(By.cssSelector("#key-form button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    assertThat(driver.findElement(By.id("owner-name")).getText()).isEqualTo(HOSTILE_NAME);
    assertThat(driver.findElements(By.cssSelector("#owner-name img"))).isEmpty();

    // a bad link shows the API's message and adds nothing
    driver.findElement(By.id("link")).sendKeys("https://example.com/not-a-doctor");
    driver.findElement(By.id("add-button")).click();
    wait.until(ExpectedConditions.textMatches(By.id("add-error"), java.util.regex.Pattern.compile(".+")));
    assertThat(driver.findElement(By.id("add-error")).getText()).contains("not a doctor link");

    // paste a link to the sandbox site itself; the watch appears with the doctor's name
    WebElement link = driver.findElement(By.id("link"));
    link.clear();
    link.sendKeys(s.fake.doctorUrl(TestServer.SARA));
    driver.findElement(By.id("add-button")).click();
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")));
    assertThat(row.findElement(By.cssSelector(".doctor")).getText()).isEqualTo("دکتر سارا آزمون");
    assertThat(row.findElement(By.cssSelector(".place")).getText()).contains("مطب ولیعصر");
    wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));

    // the fake releases a slot; the engine polls; the feed shows it without a reload
    s.poll();
    s.fake.openSlots(TestServer.SARA, "1001", "2001", TestServer.MONDAY, LocalTime.of(10, 30), LocalTime.of(10, 45));
    s.poll();
    WebElement opened = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#feed li[data-type='SlotOpened']")));
    assertThat(opened.getText()).contains("نوبت تازه").contains("دکتر سارا آزمون");
    String jalali = opened.findElement(By.cssSelector(".when")).getText();
    assertThat(jalali).contains("۱۴۰۴").contains("دی").contains("۱۰:۳۰");

    // the watch's details: free slots now and the analytics heat map (7 days x 24 hours)
    driver.findElement(By.cssSelector("#watches tbody tr .actions button.secondary")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#free-slots li.slot")));
    assertThat(driver.findElements(By.cssSelector("#heatmap .cell"))).hasSize(168);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    screenshot("dashboard-fa");

    // switch language: English, left to right, Gregorian dates, same live data
    driver.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
    WebElement feedItem = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#feed li[data-type='SlotOpened']")));
    assertThat(feedItem.getText()).contains("New slot");
    assertThat(feedItem.findElement(By.cssSelector(".when")).getText()).contains("2026").contains("10:30");
    assertThat(driver.findElement(By.cssSelector("#watches thead th")).getText()).isEqualTo("Doctor");
    screenshot("dashboard-en");

    // the language sticks across a reload, and so does the sign-in
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    List<WebElement> feed = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
        By.cssSelector("#feed li[data-type='SlotOpened']"), 0));
    assertThat(feed.get(0).getText()).contains("New slot");
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    f.delete();
  }
}
