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
import java.util.Map;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * watch, see a slot the fake releases arrive live with a Jalali date, switch to English; the layout at
 * 360 px (a phone) and 1280 px in both languages; bidi isolation of the feed; the readable forecast;
 * the filter form; the API reference page. Skipped when Chromium or its driver is not installed
 * (failed under {@code CI=true}). Screenshots go to {@code target/screenshots}:
 * {@code dashboard-fa-360.png}, {@code dashboard-fa-1280.png}, {@code dashboard-en-360.png},
 * {@code dashboard-en-1280.png} (whole page, a watch's details open), {@code api-docs-360.png},
 * {@code area-preview-fa-360.png} and {@code area-preview-en-360.png} (the area form's preview).
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
    // a fresh browser: no key or language left by another test (set on a page of the origin that runs no script)
    driver.get(s.server.baseUrl() + "/i18n/fa.json");
    js("localStorage.clear()");
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
    assertThat(jalali).isEqualTo("دوشنبه ۱۵ دی ۱۴۰۴ ساعت ۱۰:۳۰");

    // the watch's details: free slots now and the analytics heat map (7 days x 24 hours)
    driver.findElement(By.cssSelector("#watches tbody tr .actions button.secondary")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#free-slots li.slot")));
    assertThat(driver.findElements(By.cssSelector("#heatmap .cell"))).hasSize(168);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);

    // switch language: English, left to right, the Jalali date in English, same live data
    driver.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
    WebElement feedItem = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#feed li[data-type='SlotOpened']")));
    assertThat(feedItem.getText()).contains("New slot");
    assertThat(feedItem.findElement(By.cssSelector(".when")).getText()).isEqualTo("Monday 15 Dey 1404, 10:30");
    assertThat(driver.findElement(By.cssSelector("#watches thead th")).getText()).isEqualTo("Doctor");

    // the language sticks across a reload, and so does the sign-in
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    List<WebElement> feed = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
        By.cssSelector("#feed li[data-type='SlotOpened']"), 0));
    assertThat(feed.get(0).getText()).contains("New slot");
  }

  @Test
  void atAPhonesWidthAndOnADesktopNothingScrollsSidewaysAndNoButtonIsClippedInEitherLanguage() throws IOException {
    TestServer.Created owner = s.owner("کلینیک Layout & Co", "PREMIUM");
    String watchId = s.watch(owner.key(), TestServer.SARA).get("id").asText();
    s.poll();
    s.fake.openSlots(TestServer.SARA, "1001", "2001", TestServer.MONDAY, LocalTime.of(11, 0), LocalTime.of(11, 15));
    s.poll();

    for (String lang : List.of("fa", "en")) {
      open(owner.key(), lang);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feed li[data-type='SlotOpened']")));
      wait.until(ExpectedConditions.elementToBeClickable(
          By.cssSelector("#watches tbody tr[data-watch-id='" + watchId + "'] .actions button.secondary"))).click();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#forecast li.window"), 24));
      driver.findElement(By.cssSelector("#filters summary")).click();
      for (int width : new int[] {360, 1280}) {
        resize(width, 900);

        Map<String, Object> layout = layout();
        assertThat(((Number) layout.get("innerWidth")).intValue()).as("the viewport is the asked width").isEqualTo(width);
        assertThat(((Number) layout.get("scrollWidth")).intValue()).as(lang + " at " + width + " px: no sideways scroll")
            .isLessThanOrEqualTo(width);
        assertThat((List<?>) layout.get("clipped")).as(lang + " at " + width + " px: buttons outside the viewport").isEmpty();
        assertThat(((Number) layout.get("buttons")).intValue()).isGreaterThan(3);
        screenshotWholePage("dashboard-" + lang + "-" + width, width);
      }
      resize(1280, 1800);
    }
  }

  @Test
  void feedLinesIsolateEveryUserAndProviderTextAndPersianDatesHaveNoLatinPunctuation() {
    TestServer.Created owner = s.owner("Bidi کلینیک", "PREMIUM");
    s.watch(owner.key(), TestServer.SARA);
    s.poll();
    s.fake.openSlots(TestServer.SARA, "1001", "2001", TestServer.MONDAY, LocalTime.of(12, 0), LocalTime.of(12, 15));
    s.poll();
    open(owner.key(), "fa");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feed li[data-type='SlotOpened'] bdi.doctor")));

    @SuppressWarnings("unchecked")
    Map<String, Object> feed = (Map<String, Object>) js("""
        const items = [...document.querySelectorAll('#feed li')];
        const bad = [];
        for (const li of items) {
          for (const n of li.childNodes) {
            if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) bad.push('bare text: ' + n.textContent);
          }
          for (const e of li.querySelectorAll('.doctor, .place, .when, .at, .message')) {
            const bidi = getComputedStyle(e).unicodeBidi;
            if (e.tagName !== 'BDI' || bidi !== 'isolate') bad.push(e.className + ' is ' + e.tagName + ' ' + bidi);
          }
        }
        const dates = [...document.querySelectorAll('#feed .when, #feed .at, #watches .created, #free-slots .when')]
            .map((e) => e.textContent);
        return { items: items.length, bad, dates,
          doctors: document.querySelectorAll('#feed li[data-type=SlotOpened] bdi.doctor').length };
        """);

    assertThat(((Number) feed.get("items")).intValue()).isPositive();
    assertThat(((Number) feed.get("doctors")).intValue()).isPositive();
    assertThat((List<?>) feed.get("bad")).isEmpty();
    assertThat((List<?>) feed.get("dates")).isNotEmpty().allSatisfy(d ->
        assertThat((String) d).isNotBlank().doesNotContainPattern("[A-Za-z0-9,]"));
  }

  @Test
  void theForecastShowsTheHintAndALabelledChartOfHourRanges() {
    TestServer.Created owner = s.owner("forecast", "PREMIUM");
    String watchId = s.watch(owner.key(), TestServer.REZA).get("id").asText();
    open(owner.key(), "en");
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#watches tbody tr[data-watch-id='" + watchId + "'] .actions button.secondary"))).click();
    List<WebElement> rows = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#forecast li.window"), 24));

    assertThat(driver.findElement(By.id("forecast-hint")).getText()).isNotBlank();
    assertThat(driver.findElement(By.cssSelector("#forecast-chart .axis-x")).getText()).isEqualTo("Hour (Tehran time)");
    assertThat(driver.findElement(By.cssSelector("#forecast-chart .axis-y")).getText()).isEqualTo("Expected free slots");
    assertThat(driver.findElement(By.cssSelector("#forecast-chart figcaption")).getText()).startsWith("Bar length:");
    for (WebElement row : rows) {
      assertThat(row.findElement(By.cssSelector(".hours")).getText()).matches("\\d\\d:00–\\d\\d:00");
      assertThat(row.findElement(By.cssSelector(".value")).getText()).matches("\\d+\\.\\d");
      assertThat(row.getText()).doesNotContain(":00:00");
    }
  }

  @Test
  void theFilterFormCreatesAWatchWithThoseFilters() {
    TestServer.Created owner = s.owner("filters", "PREMIUM");
    open(owner.key(), "fa");

    driver.findElement(By.id("link")).sendKeys(s.fake.doctorUrl(TestServer.REZA));
    driver.findElement(By.cssSelector("#filters summary")).click();
    js("document.getElementById('f-from').value = '2026-01-04'; document.getElementById('f-to').value = '2026-01-31';"
        + " document.getElementById('f-time-from').value = '08:00'; document.getElementById('f-time-to').value = '12:30';");
    driver.findElement(By.cssSelector("#f-days input[value='MONDAY']")).click();
    driver.findElement(By.cssSelector("#f-days input[value='SATURDAY']")).click();
    driver.findElement(By.id("f-max-price")).sendKeys("1500000");
    driver.findElement(By.id("f-earliest")).click();
    driver.findElement(By.id("add-button")).click();
    wait.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")),
        ExpectedConditions.textMatches(By.id("add-error"), java.util.regex.Pattern.compile(".+"))));

    assertThat(driver.findElement(By.id("add-error")).getText()).isEmpty();
    com.fasterxml.jackson.databind.JsonNode filter = theOneWatchOf(owner).get("filter");
    assertThat(filter.get("from").asText()).isEqualTo("2026-01-04");
    assertThat(filter.get("to").asText()).isEqualTo("2026-01-31");
    assertThat(filter.get("daysOfWeek")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("MONDAY", "SATURDAY");
    assertThat(filter.get("timesOfDay")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("08:00-12:30");
    assertThat(filter.get("maxPrice").asLong()).isEqualTo(1_500_000L);
    assertThat(filter.get("earliestOnly").asBoolean()).isTrue();
    // no patient and no provider sign-in yet: auto-booking cannot be switched on, and the form says why
    assertThat(driver.findElement(By.id("ab-on")).isEnabled()).isFalse();
  }

  @Test
  void signInToTheBookingSiteThenAutoBookWithAPatientFromTheBook() {
    TestServer.Created owner = s.owner("auto", "PREMIUM");
    assertThat(s.post("/api/v1/patients", owner.key(), "{\"label\":\"mother\",\"firstName\":\"مریم\","
        + "\"lastName\":\"احمدی\",\"nationalCode\":\"0499370899\",\"mobile\":\"09121234567\"}").status()).isEqualTo(201);
    open(owner.key(), "en");

    driver.findElement(By.id("pl-mobile")).sendKeys("09121234567");
    driver.findElement(By.id("pl-send")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pl-code"))).sendKeys("1234");
    driver.findElement(By.id("pl-confirm")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sessions li")));
    driver.findElement(By.id("link")).sendKeys(s.fake.doctorUrl(TestServer.SARA));
    driver.findElement(By.cssSelector("#auto-book summary")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("ab-on"))).click();
    driver.findElement(By.id("add-button")).click();
    wait.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")),
        ExpectedConditions.textMatches(By.id("add-error"), java.util.regex.Pattern.compile(".+"))));

    assertThat(driver.findElement(By.id("add-error")).getText()).isEmpty();
    assertThat(driver.findElement(By.cssSelector("#ab-patient option")).getText()).contains("مریم").contains("mother");
    assertThat(driver.findElement(By.id("pl-status")).getText()).startsWith("Signed in; valid until ");
    assertThat(theOneWatchOf(owner).get("autoBook").asBoolean()).isTrue();
  }

  @Test
  void theApiReferenceListsEveryOperationAndTriesOne() throws IOException {
    driver.get(s.server.baseUrl() + SlotHunterServer.DOCS_PATH);
    resize(360, 900);
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-operations", Integer.toString(Api.ROUTES.size())));

    List<String> operations = driver.findElements(By.cssSelector(".op")).stream()
        .map(e -> e.getAttribute("data-operation")).toList();
    WebElement health = driver.findElement(By.cssSelector(".op[data-operation='GET /API/V1/HEALTH']"));
    health.findElement(By.cssSelector("button.try")).click();
    WebElement answer = wait.until(ExpectedConditions.visibilityOf(health.findElement(By.cssSelector("pre.answer"))));
    wait.until(ExpectedConditions.attributeToBe(answer, "data-status", "200"));

    assertThat(operations).containsExactlyInAnyOrderElementsOf(Api.ROUTES.stream().map(r -> r.toUpperCase(java.util.Locale.ROOT)).toList());
    assertThat(answer.getText()).contains("\"status\": \"UP\"");
    assertThat(driver.findElements(By.cssSelector(".op textarea.body"))).allSatisfy(t ->
        assertThat(t.getAttribute("value")).isNotBlank());
    assertThat(((Number) layout().get("scrollWidth")).intValue()).isLessThanOrEqualTo(360);
    screenshotWholePage("api-docs-360", 360);
    resize(1280, 1800);
  }

  @Test
  void theAreaFormPreviewsTheAreasDoctorsAtAPhonesWidthAndWatchesTheArea() throws IOException {
    FakeClock clock = FakeClock.at(TestServer.START);
    TestServer area = TestServer.start(clock, Sandbox.area(clock, 11, 300),
        Files.createTempDirectory("slothunter-area-browser"), b -> {});
    try {
      TestServer.Created owner = area.owner("کلینیک Area & Co", "PREMIUM");
      for (String lang : List.of("fa", "en")) {
        open(area, owner.key(), lang);
        resize(360, 900);
        type("#a-specialty", lang.equals("fa") ? "پوست" : "dermatology");
        type("#a-city", lang.equals("fa") ? "تهران" : "Tehran");
        driver.findElement(By.id("a-preview")).click();
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#area-members li.member")));

        assertThat(first.findElement(By.cssSelector("bdi.doctor")).getText()).startsWith("دکتر");
        assertThat(first.findElement(By.cssSelector("bdi.when")).getText())
            .matches(lang.equals("fa") ? ".*[۰-۹]{2}:[۰-۹]{2}.*" : ".*\\d{2}:\\d{2}.*");
        assertThat(driver.findElement(By.id("area-count")).getText()).isNotBlank();
        Map<String, Object> layout = layout();
        assertThat(((Number) layout.get("scrollWidth")).intValue()).as(lang + " at 360 px: no sideways scroll")
            .isLessThanOrEqualTo(360);
        assertThat((List<?>) layout.get("clipped")).as(lang + " at 360 px: buttons outside the viewport").isEmpty();
        js("document.getElementById('a-locate').scrollIntoView()");
        screenshot("area-preview-" + lang + "-360");
        resize(1280, 1800);
      }

      // a bad point is the API's message, naming the field; nothing is watched
      type("#a-near", "north");
      type("#a-km", "5");
      driver.findElement(By.id("a-preview")).click();
      wait.until(ExpectedConditions.textMatches(By.id("area-error"), java.util.regex.Pattern.compile(".*'near'.*")));
      type("#a-near", "");
      type("#a-km", "");

      driver.findElement(By.id("a-watch")).click();
      WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#watches tbody tr")));
      assertThat(row.findElement(By.cssSelector(".doctor")).getText()).isEqualTo("dermatology · Tehran");
      assertThat(row.findElement(By.cssSelector(".place")).getText()).endsWith("doctors");
      com.fasterxml.jackson.databind.JsonNode watch = area.get("/api/v1/watches", owner.key()).json().get(0);
      assertThat(watch.get("area").get("citySlug").asText()).isEqualTo("tehran");
      assertThat(watch.get("area").get("specialtySlug").asText()).isEqualTo("dermatology");
    } finally {
      area.close();
      area.deleteFiles();
    }
  }

  private void type(String selector, String text) {
    WebElement input = driver.findElement(By.cssSelector(selector));
    input.clear();
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
  }

  /** The owner's one watch, through the API (the page shows it as soon as its answer arrives: ask until listed). */
  private com.fasterxml.jackson.databind.JsonNode theOneWatchOf(TestServer.Created owner) {
    java.util.concurrent.atomic.AtomicReference<TestServer.Response> watches = new java.util.concurrent.atomic.AtomicReference<>();
    Await.until(WAIT, () -> {
      watches.set(s.get("/api/v1/watches", owner.key()));
      return watches.get().status() == 200 && watches.get().json().size() == 1;
    });
    return watches.get().json().get(0);
  }

  /** Opens the dashboard signed in with the key, in the language, as a returning user would. */
  private void open(String key, String lang) {
    open(s, key, lang);
  }

  private void open(TestServer server, String key, String lang) {
    // stored on a page of the origin that runs no script, so no dashboard still starting can overwrite them
    driver.get(server.server.baseUrl() + "/i18n/fa.json");
    js("localStorage.setItem('slothunter.key', arguments[0]); localStorage.setItem('slothunter.lang', arguments[1]);", key, lang);
    driver.get(server.server.baseUrl() + "/");
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", lang));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
  }

  /** Sets the viewport (the page's inner size) to the width; the window is sized to match. */
  private void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Number inner = (Number) js("return window.innerWidth");
    if (inner.intValue() != width) { // a window frame: grow the window by its width
      driver.manage().window().setSize(new Dimension(2 * width - inner.intValue(), height));
    }
  }

  /** The page's width against the viewport's, and every visible button whose box leaves the viewport. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> layout() {
    return (Map<String, Object>) js("""
        const w = window.innerWidth;
        const clipped = [];
        let buttons = 0;
        for (const b of document.querySelectorAll('button')) {
          if (!b.getClientRects().length) continue; // hidden
          buttons++;
          const r = b.getBoundingClientRect();
          if (r.left < -0.5 || r.right > w + 0.5) clipped.push((b.id || b.className || b.textContent) + ' ' + r.left + '..' + r.right);
        }
        return { innerWidth: w, scrollWidth: document.documentElement.scrollWidth, clipped, buttons };
        """);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** A screenshot of the whole page at this width: the window grows to the page's height first. */
  private void screenshotWholePage(String name, int width) throws IOException {
    int height = ((Number) js("return document.documentElement.scrollHeight")).intValue();
    resize(width, Math.min(Math.max(height, 600), 9000));
    screenshot(name);
    resize(width, 900);
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
