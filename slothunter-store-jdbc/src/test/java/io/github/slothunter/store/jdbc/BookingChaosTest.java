package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.FakeAccount;
import io.github.slothunter.testkit.FakeBooking;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Fault;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chaos: the booking process ({@link ChaosNode}, a forked JVM on the real Paziresh24 provider) is
 * killed ({@code kill -9}) at each step of an auto-booking against {@link FakePaziresh24}, then an
 * engine restarted on the same store (embedded H2 and PostgreSQL) finishes what the kill left. Per
 * step: no hold outlives its attempt's resolution, no double booking (a replacement leaves exactly
 * one booking: never both, never none), and the owner hears the final outcome under one id.
 *
 * <p>The kill comes from the fake itself ({@link Fault#interruptBefore}: the request never reached
 * the site; {@link Fault#interruptAfter}: the site acted and the answer was lost), or from the
 * process's own output (right after a watch is confirmed, right after a booking is heard). Each
 * run prints one line of the step -> outcome table.
 */
class BookingChaosTest {
  private static final String LINK_A = "https://www.paziresh24.com/dr/dr-sara-ahmadi/";
  private static final String LINK_B = "https://www.paziresh24.com/dr/dr-reza-karimi/";
  private static final Instant T0 = Instant.parse("2026-12-05T05:30:00Z");
  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> TABLE = new CopyOnWriteArrayList<>();

  @TempDir
  Path dir;

  private final FakeClock clock = FakeClock.at(T0.toString());
  private FakePaziresh24 fake;
  private Process child;

  /** Where the process dies, and what it was doing. */
  enum Step {
    AFTER_THE_WATCH_IS_CONFIRMED(Scene.BOOK, null, false, Kill.ON_WATCH),
    BEFORE_SUSPEND(Scene.BOOK, FakePaziresh24.SUSPEND, false, Kill.BY_FAKE),
    AFTER_SUSPEND(Scene.BOOK, FakePaziresh24.SUSPEND, true, Kill.BY_FAKE),
    BEFORE_BOOK(Scene.BOOK, FakePaziresh24.BOOK, false, Kill.BY_FAKE),
    AFTER_BOOK(Scene.BOOK, FakePaziresh24.BOOK, true, Kill.BY_FAKE),
    BEFORE_READ_BACK(Scene.BOOK, FakePaziresh24.RECEIPT, false, Kill.BY_FAKE),
    AFTER_READ_BACK(Scene.BOOK, FakePaziresh24.RECEIPT, true, Kill.BY_FAKE),
    AFTER_THE_BOOKING_IS_HEARD(Scene.BOOK, null, false, Kill.ON_BOOKED),
    BEFORE_MOVE(Scene.MOVE, FakePaziresh24.MOVE_BOOK, false, Kill.BY_FAKE),
    AFTER_MOVE(Scene.MOVE, FakePaziresh24.MOVE_BOOK, true, Kill.BY_FAKE),
    BETWEEN_BOOK_AND_CANCEL(Scene.BOOK_THEN_CANCEL, FakePaziresh24.DELETE_BOOK, false, Kill.BY_FAKE),
    AFTER_CANCEL(Scene.BOOK_THEN_CANCEL, FakePaziresh24.DELETE_BOOK, true, Kill.BY_FAKE);

    final Scene scene;
    final String endpoint;
    final boolean siteActs;
    final Kill kill;

    Step(Scene scene, String endpoint, boolean siteActs, Kill kill) {
      this.scene = scene;
      this.endpoint = endpoint;
      this.siteActs = siteActs;
      this.kill = kill;
    }
  }

  /** What the watch does: book a free slot, or replace a booking by a move or by book-then-cancel. */
  enum Scene { BOOK, MOVE, BOOK_THEN_CANCEL }

  enum Kill { BY_FAKE, ON_WATCH, ON_BOOKED }

  static Stream<Arguments> steps() {
    return TestDatabase.cases(Step.values());
  }

  @AfterEach
  void stop() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @AfterAll
  static void printTable() {
    System.out.println("BookingChaosTest: step -> outcome");
    System.out.println("| store | killed | bookings after (active) | holds left | events heard (before kill / after restart) |");
    System.out.println("|---|---|---|---|---|");
    TABLE.forEach(System.out::println);
  }

  @ParameterizedTest(name = "{0}, killed {1}")
  @MethodSource("steps")
  void aKillAtAnyStepLeavesNoHoldNoDoubleBookingAndTellsTheOutcomeOnce(TestDatabase.Kind kind, Step step)
      throws Exception {
    fake = FakePaziresh24.builder().clock(clock).seed(7)
        .doctor("dr-sara-ahmadi", d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
            .center("1001", c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
                .service("2001", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3001"))))
        .doctor("dr-reza-karimi", d -> d.displayName("دکتر رضا کریمی").expertise("قلب و عروق")
            .center("1002", c -> c.name("مطب").city("تهران").address("انقلاب").serverId("1")
                .service("2002", s -> s.title("ویزیت حضوری").price(0).duration(Duration.ofMinutes(15))
                    .userCenterId("3002"))))
        .build().start();
    FakeAccount account = fake.login("09121234567");
    TestDatabase db = kind.create(dir);
    Booking old = step.scene == Scene.BOOK ? null : bookFirst(db, step.scene, account);
    fake.openSlot("dr-sara-ahmadi", "1001", "2001", tomorrow(6));

    Life first = new Life();
    if (step.kill == Kill.BY_FAKE) {
      Runnable killNow = () -> first.kill("at " + step.endpoint + (step.siteActs ? " (site acted)" : ""));
      fake.faults().next(step.endpoint, step.siteActs ? Fault.interruptAfter(killNow) : Fault.interruptBefore(killNow));
    }
    String mode = old != null ? "resume"
        : step.kill == Kill.ON_WATCH ? "create-and-wait:" + LINK_A : "create:" + LINK_A;
    first.start(db, account, mode, line -> switch (step.kill) {
      case ON_WATCH -> line.startsWith("watch ");
      case ON_BOOKED -> line.startsWith("event BookingSucceeded");
      case BY_FAKE -> false;
    });
    first.awaitDeath();
    assertThat(first.killedBy).as("killed %s (output: %s)", step, first.lines).isNotNull();

    // the restart: same store, same instance id, the fake's clock (its holds last 5 minutes)
    List<SlotEvent> after = new CopyOnWriteArrayList<>();
    Watch watch;
    try (JdbcStore store = db.open(TestDatabase.KEY, clock);
        SlotHunter restarted = ChaosNode.engine(fake.baseUrl(), store, clock)) {
      restarted.listen(after::add);
      for (int round = 0; round < 8; round++) { // 4 minutes: hold intents settle, holds are found and released
        clock.advance(Duration.ofSeconds(30));
        restarted.runDue();
      }
      List<Watch> watches = restarted.watches(ChaosNode.OWNER).stream()
          .filter(w -> step.scene == Scene.BOOK || w.autoBook().replaces() != null).toList();
      assertThat(watches).as("the watch survives the kill").hasSize(1);
      watch = watches.get(0);
      assertThat(store.openAttempts()).as("every attempt resolved").isEmpty();
    }

    List<FakeBooking> active = fake.bookings().stream().filter(b -> !b.cancelled()).toList();
    List<String> heard = new ArrayList<>(first.events());
    after.forEach(e -> heard.add(ChaosNode.line(e)));
    TABLE.add("| " + db + " | " + step + " | " + active.size() + " (" + describe(active) + ") | "
        + fake.outstandingHolds() + " | " + summary(first.events()) + " / " + summary(after.stream()
            .map(ChaosNode::line).toList()) + " |");

    assertThat(fake.outstandingHolds()).as("no hold outlives its attempt's resolution").isZero();
    assertThat(ids(heard, HoldOutcomeUnknown.class)).as("every hold was found").isEmpty();
    if (step.scene == Scene.BOOK) {
      assertThat(active).as("never booked twice").hasSizeLessThanOrEqualTo(1);
    } else {
      assertThat(active).as("a replacement leaves exactly one booking: never both, never none").hasSize(1);
    }
    Set<String> booked = ids(heard, BookingSucceeded.class);
    Set<String> unknown = ids(heard, BookingOutcomeUnknown.class);
    Set<String> notBooked = ids(heard, BookingFailed.class, "not-booked");
    boolean newOneStands = active.stream().anyMatch(b -> b.slot().from().equals(tomorrow(6)));
    if (newOneStands && unknown.isEmpty()) {
      assertThat(booked).as("the owner hears the booking once, under one id").hasSize(1);
      List<String> successes = heard.stream().filter(l -> l.startsWith("event BookingSucceeded ")).toList();
      assertThat(successes.get(successes.size() - 1)).as("read back, at the latest by the restart").endsWith(" verified");
      assertThat(watch.state()).isEqualTo(WatchState.BOOKED);
    } else if (newOneStands) {
      // booked on the site, its answer lost: Paziresh24 cannot look the account's bookings up (no
      // FIND_BOOKING) and shows the slot taken, so the outcome stays unknown: told once, booking paused
      assertThat(booked).isEmpty();
      assertThat(unknown).hasSize(1);
      assertThat(watch.state()).isEqualTo(WatchState.BOOKING_PAUSED);
    } else if (!unknown.isEmpty()) {
      // the book (or move) call never reached the site: found out (the site still held the slot for us),
      // released, told once that it was not booked, booking resumed
      assertThat(booked).isEmpty();
      assertThat(notBooked).as("the final outcome, once").hasSize(1);
      assertThat(ids(heard, WatchResumed.class)).hasSize(1);
      assertThat(watch.state()).isEqualTo(WatchState.ACTIVE);
    } else {
      assertThat(booked).as("nothing booked, nothing told booked").isEmpty();
    }
    assertThat(ids(heard, BookingFailed.class, "both-stand")).as("never both bookings").isEmpty();
    assertThat(db.rows("SELECT event_id FROM event_outbox")).as("the outbox is empty once delivered").isEmpty();
  }

  /**
   * Books the slot a replacement replaces (in this test's JVM, on the same store), then registers
   * the replacing watch: a later slot of the same doctor (moved) or of another doctor (book-then-cancel).
   */
  private Booking bookFirst(TestDatabase db, Scene scene, FakeAccount account) throws InterruptedException {
    String slug = scene == Scene.MOVE ? "dr-sara-ahmadi" : "dr-reza-karimi";
    String link = scene == Scene.MOVE ? LINK_A : LINK_B;
    fake.openSlot(slug, scene == Scene.MOVE ? "1001" : "1002", scene == Scene.MOVE ? "2001" : "2002", tomorrow(10));
    AtomicReference<Booking> made = new AtomicReference<>();
    CountDownLatch booked = new CountDownLatch(1);
    try (JdbcStore store = db.open(TestDatabase.KEY, clock);
        SlotHunter h = ChaosNode.engine(fake.baseUrl(), store, clock)) {
      h.listen(e -> {
        if (e instanceof BookingSucceeded b) {
          made.set(b.booking());
          booked.countDown();
        }
      });
      h.watch(WatchRequest.of(ChaosNode.OWNER, link).autoBook(Fixtures.patient(), account.toSession()));
      h.runDue();
      assertThat(booked.await(10, TimeUnit.SECONDS)).as("the booking to replace").isTrue();
      h.watch(WatchRequest.of(ChaosNode.OWNER, LINK_A).autoBook(AutoBook.of(Fixtures.patient(), account.toSession())
          .replacing(made.get())));
    }
    return made.get();
  }

  private static Instant tomorrow(int hourUtc) {
    return Instant.parse("2026-12-06T00:00:00Z").plus(Duration.ofHours(hourUtc));
  }

  private static Set<String> ids(List<String> lines, Class<? extends SlotEvent> type) {
    return ids(lines, type, null);
  }

  /** The distinct ids of the events of a type heard, with this tail if not {@code null}. */
  private static Set<String> ids(List<String> lines, Class<? extends SlotEvent> type, String tail) {
    Set<String> ids = new LinkedHashSet<>();
    for (String l : lines) {
      String[] parts = l.split(" ");
      if (parts.length >= 3 && parts[1].equals(type.getSimpleName())
          && (tail == null || parts.length > 3 && parts[3].equals(tail))) {
        ids.add(parts[2]);
      }
    }
    return ids;
  }

  private static String summary(List<String> lines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String l : lines) {
      String[] parts = l.split(" ");
      String name = parts[1] + (parts.length > 3 ? "(" + parts[3] + ")" : "");
      counts.merge(name, 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(v > 1 ? " x" + v : ""));
    return b.toString();
  }

  private static String describe(List<FakeBooking> active) {
    return active.stream().map(b -> b.slot().from().toString().substring(11, 16)).reduce((a, c) -> a + ", " + c)
        .orElse("none");
  }

  /** One life of the booking process: started, read, killed. */
  private final class Life {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch dead = new CountDownLatch(1);
    volatile String killedBy;
    private Process process;

    void start(TestDatabase db, FakeAccount account, String mode, Predicate<String> killOn) throws IOException {
      Path err = dir.resolve("node.err");
      ProcessBuilder pb = new ProcessBuilder(ForkedJvm.java(), "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp",
          ForkedJvm.classPath(ChaosNode.class, JdbcStore.class, SlotHunter.class, FakePaziresh24.class,
              io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory.class),
          ChaosNode.class.getName(), db.location(), fake.baseUrl(), clock.instant().toString(), account.token(),
          account.userId(), mode).redirectError(err.toFile());
      process = pb.start();
      child = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            lines.add(line);
            if (killOn.test(line)) {
              kill("on \"" + line + "\"");
            }
          }
        } catch (IOException e) {
          lines.add("(unreadable: " + e + ")");
        }
      }, "chaos-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no store close) and waits until it is gone. */
    void kill(String why) {
      if (killedBy != null) {
        return;
      }
      killedBy = why;
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      dead.countDown();
    }

    void awaitDeath() throws InterruptedException, IOException {
      if (!dead.await(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("never killed; output " + lines + "; stderr " + stderr());
      }
    }

    List<String> events() {
      return lines.stream().filter(l -> l.startsWith("event ")).toList();
    }

    private String stderr() throws IOException {
      Path err = dir.resolve("node.err");
      return Files.exists(err) ? Files.readString(err) : "";
    }
  }
}
