package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchArea;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.ProviderContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slothunter watch <doctor-link>...} or {@code slothunter watch --specialty S --city C} (an area,
 * issue #24): long-running; prints slots as they open, can book.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Watches doctors and prints slots as they open; can book.",
    description = {
        "Watches doctors and prints each slot as it opens (and goes), until Ctrl-C.",
        "With --auto-book it holds and books the first matching slot of each doctor for the patient.",
        "Events go to stdout; a status line goes to stderr every --status-every seconds.",
        "",
        "Examples:",
        "  slothunter watch <link> --days sat,sun --time 08:00-12:00",
        "  slothunter watch <link> --auto-book --patient-file me.json",
        "      (after 'slothunter login paziresh24 <mobile>')",
        "  slothunter watch <link> --auto-book --patient mom",
        "      (one of 'slothunter patients list'; an imported family member is booked as the account's user)",
        "  slothunter watch --sandbox dr-sara-ahmadi --auto-book   (the fake)",
        "  slothunter watch --specialty dermatology --city tehran --near 35.72,51.33 --km 5 --to 1405/01/20",
        "      (an area: every such doctor; --auto-book books the first matching slot of any of them, once)",
        "  slothunter watch --sandbox --specialty pediatrics --city tehran   (an area on the fake)",
        "  slothunter watch --config watch.yaml            (doctors, filters, patient, notify; options override it)",
        "Dates may be Gregorian (2026-03-21) or Jalali (1405/01/01); Persian digits are fine everywhere.",
        ""})
final class WatchCommand implements Callable<Integer> {
  /** The least poll interval on the real sites: be a polite client. */
  static final Duration MIN_REAL_INTERVAL = Duration.ofSeconds(15);
  /** How often start-up progress is printed while lookups wait for the budget. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(JalaliFormat.ZONE);

  @ParentCommand
  SlotHunterCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "<doctor-link>",
      description = "Doctor profile links or slugs (or 'doctors:' in --config).")
  List<String> links = new ArrayList<>();

  @Option(names = "--specialty", paramLabel = "S",
      description = "Watch an area instead of doctors: every doctor of this specialty in --city (dermatology, پوست).")
  String specialty;

  @Mixin
  AreaOptions area;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with doctors (or an area), filters, patient and notify settings; options given here"
          + " override it.")
  Path configFile;

  @Option(names = "--from", paramLabel = "DATE", description = "First day of interest: 2026-03-21 or Jalali 1405/01/01.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day of interest, included.")
  LocalDate to;

  @Option(names = "--days", split = ",", paramLabel = "DAY",
      description = "Weekdays of interest (sat sun mon tue wed thu fri, or their Persian names).")
  List<DayOfWeek> days = new ArrayList<>();

  @Option(names = "--time", paramLabel = "HH:mm-HH:mm", description = "Time-of-day window in Tehran time; repeatable.")
  List<TimeWindow> windows = new ArrayList<>();

  @Option(names = "--max-price", paramLabel = "RIALS",
      description = "Only slots whose service costs at most this many rials (a slot of unknown price does not match);"
          + " for an area, also only its centers that cost at most this.")
  Long maxPrice;

  @Option(names = "--auto-book",
      description = "Book the first matching slot of each doctor (needs --patient-file and a login).")
  boolean autoBook;

  @Option(names = "--patient-file", paramLabel = "F",
      description = "JSON or key=value file: firstName, lastName, nationalCode, mobile, gender.")
  Path patientFile;

  @Option(names = "--patient", paramLabel = "LABEL",
      description = "With --auto-book: book for this one of your patients ('slothunter patients'), not a patient file.")
  String patientLabel;

  @Option(names = "--session-file", paramLabel = "F",
      description = "Session written by 'slothunter login' (default ~/.slothunter/<provider>.session).")
  Path sessionFile;

  @Option(names = "--json", description = "One JSON object per event line.")
  boolean json;

  @Option(names = "--owner", paramLabel = "NAME", description = "Owner name shown on events (default me).")
  String owner;

  @Option(names = "--interval", paramLabel = "SECONDS",
      description = "Poll each calendar at most this often (default 60 on real sites, at least 15; 2 in the sandbox).")
  Integer interval;

  @Option(names = "--status-every", paramLabel = "SECONDS",
      description = "Status line to stderr this often; 0 turns it off (default 30).")
  Integer statusEvery;

  @Option(names = "--for", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Integer runFor;

  @Option(names = "--budget-scale", paramLabel = "FACTOR",
      description = "Multiplies each site's request budget (default 1; the sites' limits are not published, the"
          + " defaults are guesses). Raise it only if the site allows more.")
  Double budgetScale;

  @Option(names = "--sandbox",
      description = "Watch the built-in fake Paziresh24 (no network; auto-book logs in by itself).")
  boolean sandbox;

  @Override
  public Integer call() {
    Cli cli = root.cli();
    WatchConfig config = configFile == null ? WatchConfig.NONE : WatchConfig.read(configFile, cli.home());
    if (config.lang() != null) {
      root.configuredLang(config.lang()); // before anything else can fail: errors in the file's language
    }
    AreaQuery areaQuery = areaQuery(config); // before the config fills the links: a link here replaces its area
    Patient configPatient = applyConfig(config);
    Lang lang = root.lang();
    JalaliFormat fa = JalaliFormat.PERSIAN;
    if (links.isEmpty() && areaQuery == null) {
      throw new UsageErrors.UsageError(spec.commandLine(), "give at least one <doctor-link> or --specialty S --city C,"
          + " here or under 'doctors:' or 'area:' in --config", "دست‌کم یک <doctor-link> یا --specialty S --city C"
          + " بدهید، همین‌جا یا زیر 'doctors:' یا 'area:' در --config");
    }
    List<String> typed = links.stream().map(l -> DoctorInput.check(l, sandbox)).toList(); // before any request
    Duration pollEvery = pollInterval();
    if (statusEvery < 0) {
      throw CliException.badInput("--status-every must not be negative", "--status-every نباید منفی باشد");
    }
    if (runFor != null && runFor < 1) {
      throw CliException.badInput("--for must be at least 1 second", "--for باید دست‌کم ۱ ثانیه باشد");
    }
    if (budgetScale != null && !(budgetScale > 0 && budgetScale <= 100)) {
      throw CliException.badInput("--budget-scale must be a number above 0 and at most 100",
          "--budget-scale باید عددی بزرگ‌تر از ۰ و حداکثر ۱۰۰ باشد");
    }
    if (maxPrice != null && maxPrice < 0) {
      throw CliException.badInput("--max-price must not be negative", "--max-price نباید منفی باشد");
    }
    if (!autoBook && (patientFile != null || sessionFile != null || patientLabel != null || configPatient != null)) {
      throw CliException.badInput("--patient, --patient-file and --session-file only make sense with --auto-book",
          "--patient، --patient-file و --session-file فقط همراه --auto-book معنا دارند");
    }
    if (patientFile != null && patientLabel != null) {
      throw CliException.badInput("give --patient LABEL or --patient-file F, not both",
          "یا --patient LABEL بدهید یا --patient-file F، نه هر دو");
    }
    OwnerPatient chosen = patientLabel == null ? null : chosenPatient(cli);
    SlotFilter filter = new SlotFilter(from, to, days.isEmpty() ? Set.of() : EnumSet.copyOf(days), windows, false,
        maxPrice);
    Patient patient = !autoBook ? null
        : chosen != null ? chosen.patient()
        : patientFile != null ? PatientFile.read(patientFile)
        : configPatient != null ? configPatient
        : sandbox ? DemoCommand.TEST_PATIENT
        : failNoPatient();

    Plan plan = new Plan("CLI", Plan.UNLIMITED, pollEvery, true, 5);
    PrintWriter err = cli.err();
    try (Backend backend = areaQuery != null ? Backend.area(cli.clock(), sandbox) : Backend.of(cli.clock(), sandbox);
        Stopper stopper = new Stopper(cli.hooks())) {
      SlotHunter.Builder builder = backend.hunter().plans(Plans.of(plan, List.of(plan)));
      if (sandbox) {
        builder.budget(Paziresh24ProviderFactory.ID, budgetScale == null ? DemoCommand.SANDBOX_BUDGET
            : DemoCommand.SANDBOX_BUDGET.scaled(budgetScale));
      } else if (budgetScale != null) {
        for (String id : List.of(Paziresh24ProviderFactory.ID, DoctoretoProviderFactory.ID)) {
          builder.providerConfig(id, ProviderContext.BUDGET_SCALE, String.valueOf(budgetScale));
        }
      }
      Labels labels = new Labels();
      EventPrinter printer = new EventPrinter(cli.out(), lang, json, cli.color(), labels);
      JalaliFormat jf = lang.format();
      List<Watch> watches = new ArrayList<>();
      SlotHunter hunter = builder.build();
      try {
        hunter.listen(printer::print);
        Map<String, AccountSession> sessions = new HashMap<>();
        if (areaQuery != null) {
          WatchRequest req = WatchRequest.area(owner, areaQuery).filter(filter);
          if (autoBook) {
            AccountSession session = session(cli, backend, areaQuery.providerId(), patient);
            req = chosen != null ? req.autoBook(chosen.autoBook(session)) : req.autoBook(patient, session);
          }
          Watch w;
          try {
            w = hunter.watch(req);
          } catch (SlotHunterException e) {
            throw AreaOptions.explained(e);
          }
          labels.add(w);
          watches.add(w);
          err.println(watchingArea(lang, w, autoBook) + pace(hunter, lang, w, pollEvery));
          if (w.area().members().isEmpty()) {
            err.println(AreaOptions.noneMatch(lang, areaQuery) + lang.pick(" now; the area is listed again every day.",
                " اکنون؛ ناحیه هر روز دوباره فهرست می‌شود."));
          }
        }
        Map<String, CompletableFuture<Watch>> starting = new LinkedHashMap<>();
        for (String raw : typed) {
          String link = backend.link(raw);
          DoctorRef ref = hunter.parse(link).orElseThrow(() -> DoctorInput.notUnderstood(raw));
          WatchRequest req = WatchRequest.of(owner, link).filter(filter);
          if (autoBook) {
            AccountSession session = sessions.computeIfAbsent(ref.providerId(),
                id -> session(cli, backend, id, patient));
            // a person imported from one provider's account books with that provider's sessions only
            req = chosen != null ? req.autoBook(chosen.autoBook(session)) : req.autoBook(patient, session);
          }
          starting.put(link, hunter.watchAsync(req)); // queued inside the budget: many doctors never fail start-up
        }
        awaitStart(cli, lang, hunter, starting, err, PROGRESS_EVERY);
        for (Map.Entry<String, CompletableFuture<Watch>> e : starting.entrySet()) {
          Watch w;
          try {
            w = e.getValue().join();
          } catch (java.util.concurrent.CompletionException failed) {
            err.println(lang.pick("not watching ", "پایش نشد: ") + e.getKey() + lang.pick(": ", "؛ ")
                + Errors.sentence(failed.getCause(), lang));
            continue;
          }
          Doctor doctor = hunter.lookup(e.getKey()); // cached by the watch's own lookup: no request
          labels.add(doctor);
          watches.add(w);
          int n = w.targets().size();
          err.println(lang.pick("watching " + doctor.displayName() + " (" + doctor.ref() + "): " + n
              + (n == 1 ? " calendar" : " calendars") + (autoBook ? ", auto-booking" : "") + ", ",
              "پایش " + doctor.displayName() + " (" + doctor.ref().key() + "): " + fa.number(n) + " تقویم"
                  + (autoBook ? "، با رزرو خودکار" : "") + "، ") + pace(hunter, lang, w, pollEvery));
        }
        if (watches.isEmpty()) {
          err.flush();
          return ExitCodes.BAD_INPUT;
        }
        err.println(lang.pick("Ctrl-C stops" + (runFor != null ? "; stopping by itself after " + runFor + " s" : "") + ".",
            "با Ctrl-C متوقف می‌شود" + (runFor != null ? "؛ پس از " + Errors.seconds(Duration.ofSeconds(runFor), lang)
                + " خودش می‌ایستد" : "") + "."));
        err.flush();
        Instant deadline = runFor == null ? null : cli.clock().instant().plusSeconds(runFor);
        while (true) {
          Duration left = deadline == null ? Duration.ofDays(365) : Duration.between(cli.clock().instant(), deadline);
          if (left.isNegative() || left.isZero()) {
            break;
          }
          Duration wait = statusEvery == 0 ? left : min(left, Duration.ofSeconds(statusEvery));
          if (stopper.await(wait)) {
            break;
          }
          if (statusEvery > 0 && (deadline == null || cli.clock().instant().isBefore(deadline))) {
            err.println(status(cli, lang, hunter, watches));
            err.flush();
          }
        }
        err.println(lang.pick("stopping" + (stopper.interrupted() ? " (Ctrl-C)" : "") + "; releasing any hold...",
            "در حال توقف؛ نوبت‌های نگه‌داشته آزاد می‌شوند..."));
        err.flush();
        String finalStatus = status(cli, lang, hunter, watches);
        hunter.close();
        err.println(finalStatus);
        err.flush();
      } finally {
        hunter.close(); // idempotent; also on errors, so no hold outlives the command
      }
      return ExitCodes.OK;
    }
  }

  /** Waits for the watches' lookups, telling how far they are while the budget spaces them out. */
  static void awaitStart(Cli cli, Lang lang, SlotHunter hunter, Map<String, CompletableFuture<Watch>> starting,
      PrintWriter err, Duration every) {
    CompletableFuture<Void> all = CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new));
    JalaliFormat jf = lang.format();
    long shown = -1;
    while (true) {
      try {
        all.get(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        return; // each failure is told per doctor
      } catch (java.util.concurrent.TimeoutException e) {
        long done = starting.values().stream().filter(CompletableFuture::isDone).count();
        if (done == starting.size()) {
          return; // all done as the wait timed out: no "the rest wait" line
        }
        if (done != shown) {
          shown = done;
          int queued = hunter.lookupProgress().waiting();
          err.println(clock(cli, lang) + "  " + lang.pick("looked up " + done + " of " + starting.size()
              + " doctors; the rest wait for the request budget (" + queued + " queued)",
              jf.number(done) + " پزشک از " + jf.number(starting.size()) + " پزشک بررسی شد؛ بقیه در نوبت سهمیهٔ"
                  + " درخواست‌اند (" + jf.number(queued) + " در صف)"));
          err.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.badInput("interrupted while starting", "شروع پایش قطع شد");
      }
    }
  }

  /** The wall clock, {@code 09:30:00} in the language's digits. */
  static String clock(Cli cli, Lang lang) {
    return lang.format().digits(CLOCK.format(cli.clock().instant()));
  }

  /** "polling every 60 s at most", or the slower pace the budget gives and why. */
  static String pace(SlotHunter hunter, Lang lang, Watch w, Duration planned) {
    WatchHealth h = hunter.health(w.id());
    Duration pace = h.pace();
    if (h.state() != HealthState.BUDGET_SHORT || pace == null) {
      return lang.pick("polling every " + Errors.seconds(planned) + " at most",
          "هر " + Errors.seconds(planned, lang) + " یک بار بررسی می‌شود");
    }
    Duration actual = pace.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return lang.pick("polling about every " + Errors.seconds(actual) + " (not every " + Errors.seconds(planned)
        + ": the site's request budget is shared by all calendars; --budget-scale raises it)",
        "حدود هر " + Errors.seconds(actual, lang) + " یک بار بررسی می‌شود (نه هر " + Errors.seconds(planned, lang)
            + ": سهمیهٔ درخواست سایت میان همهٔ تقویم‌ها تقسیم می‌شود؛ --budget-scale آن را بالا می‌برد)");
  }

  /**
   * The area to watch, or {@code null} for doctors: {@code --specialty} with the area options, or the config
   * file's {@code area:} (options given here override its values) unless links are given here; checked
   * before any request.
   */
  private AreaQuery areaQuery(WatchConfig config) {
    if (!links.isEmpty() && specialty != null) {
      throw new UsageErrors.UsageError(spec.commandLine(), "give doctor links or --specialty (an area), not both",
          "یا پیوند پزشک بدهید یا --specialty (یک ناحیه)، نه هر دو");
    }
    AreaOptions.Area wanted = area.area(specialty, null);
    if (links.isEmpty()) {
      wanted = wanted.orElse(config.area());
    }
    if (!wanted.present()) {
      if (area.any()) {
        throw new UsageErrors.UsageError(spec.commandLine(), "--city, --near, --km, --keep-unlocated, --gender"
            + " and --online need --specialty", "--city، --near، --km، --keep-unlocated، --gender و --online بدون"
            + " --specialty معنا ندارند");
      }
      return null;
    }
    Long price = maxPrice != null ? maxPrice : wanted.maxPrice() != null ? wanted.maxPrice() : config.maxPrice();
    return new AreaOptions.Area(wanted.specialty(), wanted.city(), wanted.near(), wanted.km(), price, wanted.gender(),
        wanted.visitType(), wanted.keepUnlocated()).query(Paziresh24ProviderFactory.ID);
  }

  /** "watching dermatology in tehran (paziresh24): 37 doctors, 5 calendars now, auto-booking, ". */
  private static String watchingArea(Lang lang, Watch w, boolean autoBook) {
    WatchArea a = w.area();
    JalaliFormat jf = lang.format();
    int doctors = a.members().size();
    int now = w.targets().size();
    return lang.pick("watching " + a.specialty() + " in " + a.city() + " (" + a.query().providerId() + "): " + doctors
        + (doctors == 1 ? " doctor" : " doctors") + ", " + now + (now == 1 ? " calendar" : " calendars")
        + " polled now (the rest through the site's search)" + (autoBook ? ", auto-booking the first match" : "")
        + ", ", "پایش تخصص " + a.specialty() + " در شهر " + a.city() + " (" + Errors.siteName(a.query().providerId())
        + "): " + jf.number(doctors) + " پزشک، " + jf.number(now) + " تقویم زیر بررسی (بقیه از راه جست‌وجوی سایت)"
        + (autoBook ? "، با رزرو خودکار نخستین نوبت مناسب" : "") + "، ");
  }

  /** Fills what the command line left out from the config file; returns the file's own patient, if any. */
  private Patient applyConfig(WatchConfig c) {
    if (links.isEmpty() && specialty == null) {
      links = new ArrayList<>(c.doctors());
    }
    from = from != null ? from : c.from();
    to = to != null ? to : c.to();
    if (days.isEmpty()) {
      days = new ArrayList<>(c.days());
    }
    if (windows.isEmpty()) {
      windows = new ArrayList<>(c.windows());
    }
    maxPrice = maxPrice != null ? maxPrice : c.maxPrice();
    autoBook = autoBook || Boolean.TRUE.equals(c.autoBook());
    json = json || Boolean.TRUE.equals(c.json());
    owner = owner != null ? owner : c.owner() != null ? c.owner() : "me";
    statusEvery = statusEvery != null ? statusEvery : c.statusEvery() != null ? c.statusEvery() : 30;
    interval = interval != null ? interval : c.interval();
    sessionFile = sessionFile != null ? sessionFile : c.sessionFile();
    if (patientLabel != null || patientFile != null) {
      return null; // the command line names the patient: the file's is not used
    }
    patientLabel = c.patientLabel();
    patientFile = c.patientFile();
    return c.patient();
  }

  private Duration pollInterval() {
    int seconds = interval != null ? interval : sandbox ? 2 : 60;
    Duration d = Duration.ofSeconds(seconds);
    if (seconds < 1) {
      throw CliException.badInput("--interval must be at least 1 second", "--interval باید دست‌کم ۱ ثانیه باشد");
    }
    if (!sandbox && d.compareTo(MIN_REAL_INTERVAL) < 0) {
      long least = MIN_REAL_INTERVAL.toSeconds();
      throw CliException.badInput("--interval must be at least " + least + " seconds on the real sites (be kind to them)",
          "--interval در سایت‌های واقعی باید دست‌کم " + JalaliFormat.PERSIAN.number(least) + " ثانیه باشد");
    }
    return d;
  }

  private static Patient failNoPatient() {
    throw CliException.badInput("--auto-book needs --patient LABEL (see 'slothunter patients') or --patient-file F"
        + " (firstName, lastName, nationalCode, mobile)", "--auto-book بیمار می‌خواهد: --patient LABEL (فهرست:"
        + " 'slothunter patients') یا --patient-file F یا 'patient:' در --config");
  }

  /** The patient the label names in the owner's patient book (the sandbox's own with --sandbox); the book is closed after. */
  private OwnerPatient chosenPatient(Cli cli) {
    // only the store is read: the real providers are registered (no I/O) and no sandbox is started for this
    try (Backend books = Backend.real(cli.clock()); PatientBook book = PatientBook.open(cli, sandbox, books)) {
      OwnerPatient p;
      try {
        p = book.hunter().patient(owner, patientLabel).orElse(null);
      } catch (SlotHunterException e) {
        throw new CliException(ExitCodes.BAD_INPUT, "--patient: " + Errors.bareMessage(e),
            "برچسب --patient پذیرفته نشد", e);
      }
      if (p == null) {
        String list = "'slothunter patients list" + (sandbox ? " --sandbox" : "") + "'";
        throw CliException.badInput("you have no patient labelled '" + patientLabel.strip() + "'"
            + (sandbox ? " in the sandbox" : "") + " (see " + list + ")", "بیماری با برچسب «" + patientLabel.strip()
            + "»" + (sandbox ? " در محیط آزمایشی" : "") + " ندارید (فهرست: " + list + ")");
      }
      return p;
    }
  }

  private AccountSession session(Cli cli, Backend backend, String providerId, Patient patient) {
    if (sessionFile == null && backend.isSandbox()) {
      // a sandbox session file cannot outlive its fake: log in to this run's fake instead (an imported family
      // member books through the demo account they came from, not as an account of their own)
      boolean member = patientLabel != null && patient.accountUserId() != null;
      return member ? backend.sandboxFamilyLogin()
          : backend.login(providerId, patient.mobile(), c -> Backend.sandboxOtp());
    }
    Path file = sessionFile != null ? sessionFile
        : SessionFile.defaultPath(cli.home(), providerId, backend.isSandbox());
    return SessionFile.readLive(cli, file, providerId);
  }

  static String status(Cli cli, Lang lang, SlotHunter hunter, List<Watch> watches) {
    Set<Target> targets = new LinkedHashSet<>();
    Set<String> owners = new LinkedHashSet<>();
    for (Watch w : watches) {
      targets.addAll(w.targets());
      owners.add(w.owner());
    }
    long polls = 0;
    long opened = 0;
    int freeNow = 0;
    for (Target t : targets) {
      TargetStats s = hunter.stats(t);
      polls += s.polls();
      opened += s.slotsOpened();
      freeNow += s.freeNow();
    }
    long bookings = owners.stream().mapToLong(o -> hunter.ownerStats(o).bookings()).sum();
    EngineStats engine = hunter.stats();
    String requests = engine.providers().stream().map(p -> requests(lang, p)).collect(Collectors.joining(", "));
    if (lang == Lang.FA) {
      JalaliFormat fa = lang.format();
      return clock(cli, lang) + "  وضعیت: " + fa.number(watches.size()) + " پایش · " + fa.number(targets.size())
          + " تقویم · " + fa.number(polls) + " بررسی · " + fa.number(freeNow) + " نوبت آزاد اکنون · "
          + fa.number(opened) + " نوبت باز شده · " + fa.number(bookings) + " رزرو · درخواست‌ها: " + requests;
    }
    return clock(cli, lang) + "  status: " + watches.size()
        + (watches.size() == 1 ? " watch" : " watches") + " · " + targets.size() + " calendars · " + polls
        + " polls · " + freeNow + " free now · " + opened + " slots opened · " + bookings
        + (bookings == 1 ? " booking" : " bookings") + " · requests " + requests;
  }

  static String requests(Lang lang, ProviderStats p) {
    if (lang == Lang.FA) {
      JalaliFormat fa = lang.format();
      return Errors.siteName(p.providerId()) + " " + fa.number(p.requestsSent()) + " فرستاده، "
          + fa.number(p.usedLastMinute()) + "/" + fa.number(p.effectivePerMinute()) + " در دقیقهٔ گذشته"
          + (p.rateLimited() > 0 ? "، " + fa.number(p.rateLimited()) + " محدودشده" : "");
    }
    return p.providerId() + " " + p.requestsSent() + " sent, " + p.usedLastMinute() + "/" + p.effectivePerMinute()
        + " in the last minute" + (p.rateLimited() > 0 ? ", " + p.rateLimited() + " rate-limited" : "");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
