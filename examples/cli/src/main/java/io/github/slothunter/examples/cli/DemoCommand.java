package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code slothunter demo}: the whole product in 40 seconds, offline. Starts the testkit's fake
 * Paziresh24 in-process (three doctors, patients cancelling and booking every few seconds), logs a
 * test patient in through the fake's SMS login, lets three owners watch the doctors (one
 * auto-books), prints every event live and ends with a summary: slots seen, detection latency,
 * holds and bookings, requests against the budget, and holds left on the fake after close (0).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Runs SlotHunter for 40 s against a built-in fake Paziresh24 (start here).",
    description = "Starts a fake Paziresh24 in this process (no network; nothing real is booked), lets three owners "
        + "watch its doctors, one of them auto-booking, and prints slots opening, holds and bookings live, then a "
        + "summary. Ctrl-C stops early, cleanly.")
final class DemoCommand implements Callable<Integer> {
  /** The patient the demo books for: valid-looking test data (the national code passes its check digit). */
  static final Patient TEST_PATIENT = new Patient("Test", "Patient", "0499370899", "09121234567", Gender.FEMALE);
  /** The fake has no rate limit; this keeps the demo lively and still shows the budget at work. */
  static final RequestBudget SANDBOX_BUDGET = RequestBudget.of(1500, 60_000, 4);
  /** Polls each calendar every 2 s at most, books, and ranks above nothing else: the only plan in the demo. */
  static final Plan DEMO_PLAN = new Plan("DEMO", 10, Duration.ofSeconds(2), true, 5);
  /** Already-free slots printed per watch before the rest are only counted. */
  static final int INITIAL_LINES_PER_WATCH = 3;

  @ParentCommand
  SlotHunterCommand root;

  @Option(names = "--seconds", defaultValue = "40", paramLabel = "N",
      description = "How long to run (1-3600, default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--json", description = "One JSON object per event line (and a final summary object).")
  boolean json;

  @Option(names = "--seed", defaultValue = "" + Backend.DEFAULT_SEED, paramLabel = "N",
      description = "Seed of the fake's calendars and random patients (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (seconds < 1 || seconds > 3600) {
      throw CliException.badInput("--seconds must be 1-3600, not " + seconds, "--seconds باید از ۱ تا ۳۶۰۰ باشد، نه "
          + io.github.slothunter.api.JalaliFormat.PERSIAN.number(seconds));
    }
    Cli cli = root.cli();
    Lang lang = root.lang();
    JalaliFormat fa = JalaliFormat.PERSIAN;
    PrintWriter out = cli.out();
    Instant began = cli.clock().instant();
    // the owners are names the demo makes up: Persian names in Persian
    String ali = lang.pick("ali", "علی");
    String neda = lang.pick("neda", "ندا");
    String omid = lang.pick("omid", "امید");
    try (Backend backend = Backend.sandbox(cli.clock(), seed); Stopper stopper = new Stopper(cli.hooks())) {
      FakePaziresh24 fake = backend.fake().orElseThrow();
      Labels labels = new Labels();
      EventPrinter printer = new EventPrinter(out, root.lang(), json, cli.color(), labels);
      Tally tally = new Tally(fake);
      if (!json) {
        out.println(lang.pick(Ansi.BOLD.paint("SlotHunter demo", cli.color()) + ": a fake Paziresh24 runs in this"
            + " process at " + fake.baseUrl() + " (no network; nothing real is booked).",
            Ansi.BOLD.paint("نمایش اسلات‌هانتر", cli.color()) + ": یک پذیرش۲۴ ساختگی در همین برنامه روی "
            + fake.baseUrl() + " اجرا می‌شود (بی‌نیاز از شبکه؛ هیچ نوبت واقعی رزرو نمی‌شود)."));
        out.println(lang.pick("3 owners watch " + Sandbox.DOCTORS.size() + " doctors for " + seconds
            + " s while fake patients cancel and book; 'ali' auto-books for a test patient. Ctrl-C stops early.",
            "۳ نفر " + fa.number(Sandbox.DOCTORS.size()) + " پزشک را " + Errors.seconds(Duration.ofSeconds(seconds), lang)
            + " پایش می‌کنند و بیماران ساختگی نوبت می‌گیرند و لغو می‌کنند؛ «علی» برای یک بیمار آزمایشی خودکار رزرو"
            + " می‌کند. با Ctrl-C زودتر می‌ایستد."));
        out.flush();
      }
      AccountSession session = backend.login(Paziresh24ProviderFactory.ID, TEST_PATIENT.mobile(),
          challenge -> Backend.sandboxOtp());
      String masked = Pii.maskMobile(TEST_PATIENT.mobile());
      note(cli, printer, lang.pick("logged in to the fake as " + masked + " through its SMS-code login (code "
          + Backend.sandboxOtp() + ")", "با " + fa.digits(masked) + " و کد پیامکی " + fa.digits(Backend.sandboxOtp())
          + " وارد سایت ساختگی شد"));

      SlotHunter hunter = backend.hunter()
          .plans(Plans.of(DEMO_PLAN, List.of(DEMO_PLAN)))
          .budget(Paziresh24ProviderFactory.ID, SANDBOX_BUDGET)
          .closeTimeout(Duration.ofSeconds(5))
          .build();
      try {
        hunter.listen(event -> {
          Visibility v = tally.record(event, cli.clock().instant());
          if (json || v == Visibility.SHOW) {
            printer.print(event);
          } else if (v == Visibility.FIRST_HIDDEN && event instanceof SlotOpened e) {
            note(printer, e.at(), lang.pick("... more slots already free for " + e.owner()
                + " on this doctor are counted, not printed", "... نوبت‌های آزاد دیگرِ این پزشک برای " + e.owner()
                + " شمرده می‌شوند، نه چاپ"));
          }
        });
        Map<String, Doctor> doctors = new LinkedHashMap<>();
        for (String slug : Sandbox.DOCTORS) {
          Doctor d = hunter.lookup(Backend.doctorLink(slug));
          labels.add(d);
          doctors.put(slug, d);
        }
        tally.watchingSince(cli.clock().instant());
        String notifyOnly = lang.pick("notify only", "فقط خبر می‌دهد");
        watch(cli, lang, printer, hunter, doctors.get("dr-sara-ahmadi"),
            WatchRequest.of(ali, Backend.doctorLink("dr-sara-ahmadi")).center("1001")
                .autoBook(TEST_PATIENT, session),
            lang.pick("auto-books the first free in-person slot", "نخستین نوبت حضوری آزاد را خودکار رزرو می‌کند"));
        watch(cli, lang, printer, hunter, doctors.get("dr-sara-ahmadi"),
            WatchRequest.of(neda, Backend.doctorLink("dr-sara-ahmadi")), notifyOnly);
        watch(cli, lang, printer, hunter, doctors.get("dr-reza-karimi"),
            WatchRequest.of(neda, Backend.doctorLink("dr-reza-karimi")).timeOfDay(LocalTime.of(16, 0),
                LocalTime.of(18, 0)), lang.pick("notify, 16:00-18:00 only", "فقط ساعت ۱۶:۰۰ تا ۱۸:۰۰ خبر می‌دهد"));
        watch(cli, lang, printer, hunter, doctors.get("dr-maryam-hosseini"),
            WatchRequest.of(omid, Backend.doctorLink("dr-maryam-hosseini")), notifyOnly);

        stopper.await(Duration.ofSeconds(seconds).minus(Duration.between(began, cli.clock().instant())));
        if (stopper.interrupted()) {
          note(cli, printer, lang.pick("interrupted (Ctrl-C): shutting down cleanly",
              "با Ctrl-C قطع شد: با نظم بسته می‌شود"));
        }
        // stats before close: close() stops the providers
        List<ProviderStats> providers = hunter.stats().providers();
        hunter.close(); // releases every hold and delivers the queued events
        int outstanding = fake.outstandingHolds();
        Duration ran = Duration.between(began, cli.clock().instant());
        synchronized (tally) {
          summary(cli, lang, printer, tally, providers, outstanding, ran, fake);
        }
        return outstanding == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
      } finally {
        hunter.close();
      }
    }
  }

  private static Watch watch(Cli cli, Lang lang, EventPrinter printer, SlotHunter hunter, Doctor doctor,
      WatchRequest req, String what) {
    Watch w = hunter.watch(req);
    int n = w.targets().size();
    note(cli, printer, lang.pick(String.format(Locale.ROOT, "%-5s watches %s (%d %s): %s", w.owner(),
        doctor.displayName(), n, n == 1 ? "calendar" : "calendars", what), String.format(Locale.ROOT,
        "%-5s %s را پایش می‌کند (%s تقویم): %s", w.owner(), doctor.displayName(), JalaliFormat.PERSIAN.number(n), what)));
    return w;
  }

  private static void note(Cli cli, EventPrinter printer, String text) {
    note(printer, cli.clock().instant(), text);
  }

  private static void note(EventPrinter printer, Instant at, String text) {
    String clock = WatchCommand.CLOCK.format(at);
    if (printer.json()) {
      ObjectNode o = EventPrinter.JSON.createObjectNode();
      o.put("type", "note");
      o.put("at", at.toString());
      o.put("text", text);
      printer.printRaw(EventPrinter.encode(o));
    } else {
      printer.printRaw(Ansi.DIM.paint(printer.lang().format().digits(clock) + "  " + text, printer.color()));
    }
  }

  private void summary(Cli cli, Lang lang, EventPrinter printer, Tally t, List<ProviderStats> providers, int outstanding,
      Duration ran, FakePaziresh24 fake) {
    Optional<Duration> median = t.medianLatency();
    if (json) {
      ObjectNode o = EventPrinter.JSON.createObjectNode();
      o.put("type", "summary");
      o.put("seconds", ran.toMillis() / 1000.0);
      o.put("openedEvents", t.openedEvents);
      o.put("distinctSlots", t.distinct.size());
      o.put("alreadyFreeAtStart", t.initial.size());
      o.put("releasedDuringDemo", t.latencies.size());
      if (median.isPresent()) {
        o.put("medianDetectionLatencyMillis", median.get().toMillis());
      } else {
        o.putNull("medianDetectionLatencyMillis");
      }
      o.put("holds", t.holds);
      o.put("bookings", t.bookings);
      o.put("bookingFailures", t.failures);
      ObjectNode req = o.putObject("requests");
      for (ProviderStats p : providers) {
        ObjectNode r = req.putObject(p.providerId());
        r.put("sent", p.requestsSent());
        r.put("budgetPerMinute", p.budget().perMinute());
        r.put("budgetPerHour", p.budget().perHour());
        r.put("rateLimited", p.rateLimited());
        r.put("failures", p.failures());
      }
      o.put("fakeRequests", fake.requestCount());
      o.put("outstandingHoldsAfterClose", outstanding);
      printer.printRaw(EventPrinter.encode(o));
      return;
    }
    boolean c = cli.color();
    PrintWriter out = cli.out();
    JalaliFormat f = lang.format();
    String secs = String.format(Locale.ROOT, "%.1f", ran.toMillis() / 1000.0);
    out.println();
    out.println(lang.pick(Ansi.BOLD.paint("SUMMARY", c) + " (" + secs + " s on the fake Paziresh24)",
        Ansi.BOLD.paint("خلاصه", c) + " (" + f.digits(secs.replace('.', '\u066B')) + " ثانیه روی پذیرش۲۴ ساختگی)"));
    out.println(row(lang.pick("slots seen", "نوبت‌های دیده‌شده"), lang.pick(t.openedEvents
        + " slot-opened events for " + t.distinct.size() + " distinct slots (" + t.initial.size()
        + " already free at start, " + t.latencies.size() + " released during the demo)",
        f.number(t.openedEvents) + " رویداد باز شدن نوبت برای " + f.number(t.distinct.size()) + " نوبت متمایز ("
            + f.number(t.initial.size()) + " از آغاز آزاد، " + f.number(t.latencies.size()) + " آزادشده در نمایش)")));
    String latency = median.map(m -> {
      Duration max = t.latencies.stream().max(Duration::compareTo).orElseThrow();
      return lang.pick("median " + Errors.seconds(m) + " from release on the fake to SlotOpened (n="
          + t.latencies.size() + ", max " + Errors.seconds(max) + ")", "میانه " + persianSeconds(m)
          + " از آزاد شدن در سایت ساختگی تا خبر باز شدن نوبت (" + f.number(t.latencies.size()) + " نمونه، بیشینه "
          + persianSeconds(max) + ")");
    }).orElse(lang.pick("n/a: no slot was released while watching (try --seconds 40)",
        "ندارد: در زمان پایش نوبتی آزاد نشد (--seconds 40 را امتحان کنید)"));
    out.println(row(lang.pick("detection latency", "تأخیر تشخیص"), latency));
    out.println(row(lang.pick("holds / bookings", "نگه‌داشت / رزرو"), lang.pick(t.holds
        + (t.holds == 1 ? " hold, " : " holds, ") + t.bookings + (t.bookings == 1 ? " booking" : " bookings")
        + (t.trackingCodes.isEmpty() ? "" : " (tracking " + String.join(", ", t.trackingCodes) + ")") + ", "
        + t.failures + " failed", f.number(t.holds) + " نگه‌داشت، " + f.number(t.bookings) + " رزرو"
        + (t.trackingCodes.isEmpty() ? "" : " (کد پیگیری " + f.digits(String.join("، ", t.trackingCodes)) + ")")
        + "، " + f.number(t.failures) + " ناموفق")));
    for (ProviderStats p : providers) {
      out.println(row(lang.pick("requests", "درخواست‌ها"), lang.pick(p.providerId() + ": " + p.requestsSent()
          + " sent, budget " + p.budget().perMinute() + "/min and " + p.budget().perHour() + "/h, "
          + p.usedLastMinute() + " in the last minute, " + p.rateLimited() + " rate-limited, " + p.failures()
          + " failed", Errors.siteName(p.providerId()) + ": " + f.number(p.requestsSent()) + " فرستاده، سهمیهٔ "
          + f.number(p.budget().perMinute()) + " در دقیقه و " + f.number(p.budget().perHour()) + " در ساعت، "
          + f.number(p.usedLastMinute()) + " در دقیقهٔ گذشته، " + f.number(p.rateLimited()) + " محدودشده، "
          + f.number(p.failures()) + " ناموفق")));
    }
    String holds = lang.pick(outstanding + " on the fake after close",
        f.number(outstanding) + " روی سایت ساختگی پس از بستن");
    out.println(row(lang.pick("outstanding holds", "نگه‌داشت باقی‌مانده"), outstanding == 0
        ? Ansi.GREEN.paint(holds + " ✓", c) : Ansi.RED.paint(holds + " ✗", c)));
    out.flush();
  }

  /** {@code ۱٫۲ ثانیه}: a latency in Persian, one decimal under ten seconds, as {@link Errors#seconds(Duration)}. */
  private static String persianSeconds(Duration d) {
    return JalaliFormat.PERSIAN.digits(Errors.seconds(d).replace(" s", "").replace('.', '\u066B')) + " ثانیه";
  }

  private static String row(String label, String value) {
    return String.format(Locale.ROOT, "  %-19s %s", label, value);
  }

  /** Whether the text output prints an event. */
  enum Visibility {
    /** Print it. */
    SHOW,
    /** Count it only. */
    HIDDEN,
    /** Count it only, and say once that such slots are counted, not printed. */
    FIRST_HIDDEN
  }

  /**
   * Counts what the demo saw, and decides which already-free slots to print. Events arrive on the
   * engine's event thread; the summary reads after {@code close()}, so plain synchronization is enough.
   */
  static final class Tally {
    private final FakePaziresh24 fake;
    private volatile Instant watchingSince = Instant.MAX;
    final Set<String> distinct = ConcurrentHashMap.newKeySet();
    final Set<String> initial = ConcurrentHashMap.newKeySet();
    final List<Duration> latencies = new ArrayList<>();
    final List<String> trackingCodes = new ArrayList<>();
    private final Map<String, Integer> initialShown = new ConcurrentHashMap<>();
    private final Set<String> shown = new HashSet<>();
    long openedEvents;
    long holds;
    long bookings;
    long failures;

    Tally(FakePaziresh24 fake) {
      this.fake = fake;
    }

    void watchingSince(Instant t) {
      watchingSince = t;
    }

    /**
     * Records an event.
     *
     * @return whether the text output shows it (slots that were free before the watch started are
     *     shown {@value #INITIAL_LINES_PER_WATCH} per watch, then only counted)
     */
    synchronized Visibility record(SlotEvent event, Instant receivedAt) {
      if (event instanceof SlotOpened e) {
        openedEvents++;
        Slot s = e.slot();
        Target t = s.target();
        boolean first = distinct.add(s.id());
        Optional<Instant> released = fake.releaseTime(t.ref().key(), t.centerId(), t.serviceId(), s.start());
        boolean live = released.isPresent() && !released.get().isBefore(watchingSince);
        if (!live) {
          initial.add(s.id());
        } else if (first) {
          latencies.add(Duration.between(released.get(), receivedAt));
        }
        String key = e.watchId() + "|" + s.id();
        if (live) {
          shown.add(key);
          return Visibility.SHOW;
        }
        int n = initialShown.merge(e.watchId(), 1, Integer::sum);
        if (n <= INITIAL_LINES_PER_WATCH) {
          shown.add(key);
          return Visibility.SHOW;
        }
        return n == INITIAL_LINES_PER_WATCH + 1 ? Visibility.FIRST_HIDDEN : Visibility.HIDDEN;
      }
      if (event instanceof SlotGone e) {
        // a slot never printed as open is not printed as gone either
        return shown.remove(e.watchId() + "|" + e.slot().id()) ? Visibility.SHOW : Visibility.HIDDEN;
      }
      if (event instanceof HoldPlaced) {
        holds++;
      } else if (event instanceof BookingSucceeded e) {
        bookings++;
        trackingCodes.add(e.booking().trackingCode().isEmpty() ? e.booking().providerBookingKey()
            : e.booking().trackingCode());
      } else if (event instanceof BookingFailed) {
        failures++;
      }
      return Visibility.SHOW;
    }

    synchronized Optional<Duration> medianLatency() {
      if (latencies.isEmpty()) {
        return Optional.empty();
      }
      List<Duration> sorted = new ArrayList<>(latencies);
      sorted.sort(Duration::compareTo);
      int n = sorted.size();
      return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }
  }
}
