package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetAnalytics;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README, read from {@code ../README.md} at test time, compiled and run.
 *
 * <p>The first block holds only the imports; they are the harness's imports, so a snippet compiles with
 * exactly what the README shows. Every other block becomes the body of one method of a generated class
 * whose fields are the context the README names in prose ({@code hunter}, {@code link}, {@code key},
 * {@code session}...): a snippet that declares one of them itself shadows the field. After a snippet the
 * harness only hands some of its locals to this test ({@code keep("store", store)}); the snippet text is
 * never changed. The context is real and local: the testkit's {@link FakePaziresh24} on 127.0.0.1, an
 * engine pointed at it over an embedded H2 store, a login through the fake, an embedded PostgreSQL.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");

  /** A README block this test knows: how it begins, and the test that runs it. */
  private record Known(String begins, String runBy) {}

  /**
   * The README's blocks in order. A block added, removed or reordered fails
   * {@link #everyJavaBlockOfTheReadmeIsOneThisTestRuns} until it is listed here with the test that runs it.
   */
  private static final List<Known> BLOCKS = List.of(
      new Known("import ", "compileTheReadme"),  // 1: the imports, the harness's imports
      new Known("try (FakePaziresh24 fake", "theFakeWatchPrintsTheFirstFreeSlotAndEnds"),
      new Known("Store store = JdbcStore.h2", "theStoreSnippetOpensEmbeddedH2AndAnEngineOnPostgres"),
      new Known("Authenticator login", "loginFamilyTrustAndAnalyticsSnippetsRunInOrderOnOneEngine"),
      new Known("hunter.importAccountPatients", "loginFamilyTrustAndAnalyticsSnippetsRunInOrderOnOneEngine"),
      new Known("SlotHunter hunter = SlotHunter.builder()", "theProviderConfigSnippetBuildsAnEngineOnTheHostsClient"),
      new Known("WatchHealth h =", "loginFamilyTrustAndAnalyticsSnippetsRunInOrderOnOneEngine"),
      new Known("SlotAnalytics analytics", "loginFamilyTrustAndAnalyticsSnippetsRunInOrderOnOneEngine"));

  /** Locals each snippet hands to the test after it ran (harness code, appended after the snippet). */
  private static final Map<Integer, List<String>> KEPT = Map.of(
      3, List.of("store", "shared", "hunter"),
      4, List.of("session"),
      5, List.of("son"),
      6, List.of("hunter"),
      7, List.of("h", "guarded", "ics"),
      8, List.of("analytics", "a"));

  private static final String PHONE = "09121234567";

  @TempDir
  static Path tmp;

  private static List<Block> blocks;
  private static Class<?> harness;
  private static URLClassLoader loader;

  @BeforeAll
  static void compileTheReadme() throws Exception {
    blocks = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
    harness = compile(blocks);
  }

  @AfterAll
  static void closeLoader() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }

  @Test
  void everyJavaBlockOfTheReadmeIsOneThisTestRuns() throws Exception {
    assertThat(blocks).as("```java blocks in README.md (list a new one in BLOCKS and run it)").hasSize(BLOCKS.size());
    for (int i = 0; i < BLOCKS.size(); i++) {
      assertThat(blocks.get(i).text()).as("block %d (README.md line %d)", i + 1, blocks.get(i).line())
          .startsWith(BLOCKS.get(i).begins());
      java.lang.reflect.Method runBy = ReadmeSnippetsTest.class.getDeclaredMethod(BLOCKS.get(i).runBy());
      assertThat(runBy.isAnnotationPresent(Test.class) || runBy.isAnnotationPresent(BeforeAll.class))
          .as("%s runs block %d", runBy.getName(), i + 1).isTrue();
    }
    assertThat(blocks.get(0).text().lines().filter(l -> !l.isBlank() && !l.startsWith("//")))
        .as("the first block holds imports only").allMatch(l -> l.startsWith("import "));
  }

  @Test
  void theFakeWatchPrintsTheFirstFreeSlotAndEnds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    long started = System.nanoTime();

    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      run(2, Map.of());
    } finally {
      System.setOut(original);
    }

    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertThat(printed.lines().filter(l -> l.startsWith("free: ")))
        .isNotEmpty()
        // a Persian weekday, a Jalali date and time in Persian digits, then the label: doctor · center · service · price
        .allSatisfy(l -> assertThat(l).matches("free: \\S+ ۱۴۰[۰-۹]/[۰-۹]{2}/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2} .+ · .+ · .+ · .+ ریال http://127\\.0\\.0\\.1:.*"));
    assertThat(System.nanoTime() - started).as("waited for the first slot, not a minute").isLessThan(30_000_000_000L);
  }

  @Test
  void theStoreSnippetOpensEmbeddedH2AndAnEngineOnPostgres() throws Exception {
    Path dataDir = tmp.resolve("data");
    DataSource pool = EmbeddedPg.newSchema();

    Map<String, Object> kept = run(3, Map.of("dataDir", dataDir, "key", TestDatabase.KEY, "pool", pool));

    try (AutoCloseable hunter = (SlotHunter) kept.get("hunter");
         AutoCloseable shared = (JdbcStore) kept.get("shared");
         AutoCloseable store = (JdbcStore) kept.get("store")) {
      assertThat(dataDir).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".mv.db"));
      try (Connection c = pool.getConnection();
           ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), "watches", null)) {
        assertThat(tables.next()).as("the store's tables in the PostgreSQL schema").isTrue();
      }
    }
  }

  @Test
  void theProviderConfigSnippetBuildsAnEngineOnTheHostsClient() throws Exception {
    OkHttpClient client = new OkHttpClient();

    Map<String, Object> kept = run(6, Map.of("myOkHttpClient", client));

    try (SlotHunter hunter = (SlotHunter) kept.get("hunter")) {
      assertThat(hunter.authenticator("paziresh24")).isPresent();
    }
  }

  /**
   * The story the README tells in prose and snippets, in its order, on one engine over the fake: login
   * and auto-booking, family members, health and guards, analytics.
   */
  @Test
  void loginFamilyTrustAndAnalyticsSnippetsRunInOrderOnOneEngine() throws Exception {
    HeardEvents heard = new HeardEvents();
    try (FakePaziresh24 fake = Sandbox.demo(Clock.systemUTC(), 42);
         JdbcStore store = JdbcStore.h2(tmp.resolve("story"), TestDatabase.KEY);
         SlotHunter hunter = SlotHunter.builder()
             .providerConfig("paziresh24", "base-url", fake.baseUrl())
             .store(store)
             .build()) {
      hunter.listen(heard::onEvent);
      String link = "https://www.paziresh24.com/dr/" + fake.slugs().get(0) + "/";
      fake.accountHolder(PHONE, "سارا", "احمدی", "0499370899");
      fake.addAccountUser(PHONE, "علی", "احمدی", "0012345679", "09351234567");
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("hunter", hunter);
      context.put("link", link);
      context.put("codeFromUser", FakePaziresh24.DEFAULT_OTP);

      // login, PREMIUM, an auto-booking watch
      Map<String, Object> login = run(4, context);
      AccountSession session = (AccountSession) login.get("session");
      assertThat(hunter.watches("user-42")).singleElement().satisfies(w -> {
        assertThat(w.planName()).isEqualTo("PREMIUM");
        assertThat(w.autoBook()).isNotNull();
      });
      heard.await(BookingSucceeded.class);
      Booking booking = heard.of(BookingSucceeded.class).get(0).booking();

      // family members
      context.put("session", session);
      Map<String, Object> family = run(5, context);
      assertThat(hunter.patients("user-42")).extracting(OwnerPatient::label).contains("سارا احمدی", "علی احمدی", "mom");
      assertThat(((OwnerPatient) family.get("son")).patient().accountUserId()).isNotBlank();
      assertThat(hunter.watches("user-42")).hasSize(2);

      // health, explain, snooze, guards, calendar export, metrics
      Watch watch = hunter.watches("user-42").get(0);
      Doctor doctor = hunter.lookup(link);
      context.put("watch", watch);
      context.put("target", watch.targets().get(0));
      context.put("patient", Patient.of("سارا", "احمدی", "0499370899", "09121234567"));
      context.put("currentBooking", booking);
      context.put("booking", booking);
      context.put("doctor", doctor);
      context.put("center", doctor.centers().get(0));
      context.put("prometheusRegistry", new SimpleMeterRegistry());
      Map<String, Object> trust = run(7, context);
      assertThat(((WatchHealth) trust.get("h")).watchId()).isEqualTo(watch.id());
      assertThat((AutoBook) trust.get("guarded")).satisfies(guarded -> {
        assertThat(guarded.maxAttempts()).isEqualTo(5);
        assertThat(guarded.replaces()).isEqualTo(booking);
        assertThat(guarded.onlinePaymentAllowed()).isFalse();
      });
      assertThat((String) trust.get("ics")).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT");
      assertThat(hunter.watches("user-42").get(0).snoozed()).isNotEmpty();

      // analytics
      Map<String, Object> analytics = run(8, context);
      assertThat(((TargetAnalytics) analytics.get("a")).releasesByHourOfWeek()).hasSize(168);
    }
  }

  // ---------------------------------------------------------------- harness

  /** One {@code ```java} block: its text and the README line it starts on. */
  record Block(int line, String text) {}

  static List<Block> javaBlocks(String readme) {
    List<Block> found = new ArrayList<>();
    StringBuilder text = null;
    int start = 0;
    List<String> lines = readme.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (text == null && line.startsWith("```java")) {
        text = new StringBuilder();
        start = i + 2;
      } else if (text != null && line.startsWith("```")) {
        found.add(new Block(start, text.toString()));
        text = null;
      } else if (text != null) {
        text.append(line).append('\n');
      }
    }
    return found;
  }

  private static final Map<String, String> FIELDS = fields();

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("hunter", "io.github.slothunter.core.SlotHunter");
    f.put("link", "String");
    f.put("key", "byte[]");
    f.put("dataDir", "java.nio.file.Path");
    f.put("pool", "javax.sql.DataSource");
    f.put("codeFromUser", "String");
    f.put("session", "io.github.slothunter.api.AccountSession");
    f.put("watch", "io.github.slothunter.api.Watch");
    f.put("target", "io.github.slothunter.api.Target");
    f.put("patient", "io.github.slothunter.api.Patient");
    f.put("currentBooking", "io.github.slothunter.api.Booking");
    f.put("booking", "io.github.slothunter.api.Booking");
    f.put("doctor", "io.github.slothunter.api.Doctor");
    f.put("center", "io.github.slothunter.api.Center");
    f.put("prometheusRegistry", "io.micrometer.core.instrument.MeterRegistry");
    f.put("myOkHttpClient", "okhttp3.OkHttpClient");
    return f;
  }

  /** Generated Java source, remembering which README line each of its lines came from (0: the harness's). */
  static final class Source {
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> readmeLines = new ArrayList<>();

    Source harness(String line) {
      text.append(line).append('\n');
      readmeLines.add(0);
      return this;
    }

    Source readme(Block block) {
      int at = block.line();
      for (String line : block.text().lines().toList()) {
        text.append(line).append('\n');
        readmeLines.add(at++);
      }
      return this;
    }

    String text() {
      return text.toString();
    }

    /** Where a diagnostic on this source's line points in the README, or in the harness. */
    String where(long line) {
      int readme = line >= 1 && line <= readmeLines.size() ? readmeLines.get((int) line - 1) : 0;
      return readme > 0 ? "README.md:" + readme : "harness line " + line;
    }
  }

  /** The generated class: the README's imports, the context as fields, a method per snippet. */
  static Source harnessSource(List<Block> blocks) {
    Source src = new Source().harness("package readme;").harness("");
    src.readme(blocks.get(0)).harness("");
    src.harness("public class ReadmeSnippets {");
    FIELDS.forEach((name, type) -> src.harness("  public " + type + " " + name + ";"));
    src.harness("  public final java.util.Map<String, Object> kept = new java.util.LinkedHashMap<>();");
    src.harness("");
    src.harness("  private void keep(String name, Object value) { kept.put(name, value); }");
    for (int i = 1; i < blocks.size(); i++) {
      int n = i + 1;
      src.harness("").harness("  public void snippet" + n + "() throws Exception {");
      src.readme(blocks.get(i));
      src.harness("    // harness: locals the test checks");
      for (String local : KEPT.getOrDefault(n, List.of())) {
        src.harness("    keep(\"" + local + "\", " + local + ");");
      }
      src.harness("  }");
    }
    return src.harness("}");
  }

  private static Class<?> compile(List<Block> blocks) throws Exception {
    Source source = harnessSource(blocks);
    Path src = Files.createDirectories(tmp.resolve("src/readme")).resolve("ReadmeSnippets.java");
    Path out = Files.createDirectories(tmp.resolve("classes"));
    Files.writeString(src, source.text(), StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      compiled = javac.getTask(null, files, diagnostics,
          List.of("-proc:none", "-d", out.toString(), "-cp", compileClassPath()), null,
          files.getJavaFileObjects(src)).call();
    }
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> source.where(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT))
        .toList();
    assertThat(errors).as("javac on the README's snippets (generated: %s)", src).isEmpty();
    assertThat(compiled).isTrue();
    loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader());
    return loader.loadClass("readme.ReadmeSnippets");
  }

  /** What javac sees: where the types the snippets use were loaded from, then this JVM's paths (see {@link ForkedJvm}). */
  private static String compileClassPath() {
    return ForkedJvm.classPath(JdbcStore.class, SlotHunter.class, FakePaziresh24.class, Patient.class,
        OkHttpClient.class, SimpleMeterRegistry.class, ReadmeSnippetsTest.class,
        io.github.slothunter.provider.paziresh24.Paziresh24Config.class);
  }

  /** Runs snippet {@code n} (1-based README block number) with this context; returns what it kept. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(int n, Map<String, Object> context) throws Exception {
    Object instance = harness.getConstructor().newInstance();
    for (Map.Entry<String, Object> e : context.entrySet()) {
      harness.getField(e.getKey()).set(instance, e.getValue());
    }
    try {
      harness.getMethod("snippet" + n).invoke(instance);
    } catch (InvocationTargetException e) {
      throw new AssertionError("README block " + n + " (line " + blocks.get(n - 1).line() + ") threw", e.getCause());
    }
    return (Map<String, Object>) harness.getField("kept").get(instance);
  }
}
