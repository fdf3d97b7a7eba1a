package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.EngineStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ProviderStats;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.TargetStats;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchHealth;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.doctoreto.DoctoretoProviderFactory;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.ProviderContext;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code slothunter watch <doctor-link>...}: long-running; prints slots as they open, can book. */
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

  @Parameters(arity = "1..*", paramLabel = "<doctor-link>", description = "Doctor profile links or slugs.")
  List<String> links;

  @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "First day of interest (Gregorian date).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Last day of interest, included.")
  LocalDate to;

  @Option(names = "--days", split = ",", paramLabel = "DAY", converter = DayConverter.class,
      description = "Weekdays of interest (sat sun mon tue wed thu fri).")
  List<DayOfWeek> days = new ArrayList<>();

  @Option(names = "--time", paramLabel = "HH:mm-HH:mm", converter = WindowConverter.class,
      description = "Time-of-day window in Tehran time; repeatable.")
  List<TimeWindow> windows = new ArrayList<>();

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

  @Option(names = "--lang", defaultValue = "en", paramLabel = "fa|en",
      description = "Language of event lines (default ${DEFAULT-VALUE}).")
  Lang lang;

  @Option(names = "--owner", defaultValue = "me", paramLabel = "NAME",
      description = "Owner name shown on events (default ${DEFAULT-VALUE}).")
  String owner;

  @Option(names = "--interval", paramLabel = "SECONDS",
      description = "Poll each calendar at most this often (default 60 on real sites, at least 15; 2 in the sandbox).")
  Integer interval;

  @Option(names = "--status-every", defaultValue = "30", paramLabel = "SECONDS",
      description = "Status line to stderr this often; 0 turns it off (default ${DEFAULT-VALUE}).")
  int statusEvery;

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
    Duration pollEvery = pollInterval();
    if (statusEvery < 0) {
      throw CliException.badInput("--status-every must not be negative");
    }
    if (runFor != null && runFor < 1) {
      throw CliException.badInput("--for must be at least 1 second");
    }
    if (budgetScale != null && !(budgetScale > 0 && budgetScale <= 100)) {
      throw CliException.badInput("--budget-scale must be a number above 0 and at most 100");
    }
    if (!autoBook && (patientFile != null || sessionFile != null || patientLabel != null)) {
      throw CliException.badInput("--patient, --patient-file and --session-file only make sense with --auto-book");
    }
    if (patientFile != null && patientLabel != null) {
      throw CliException.badInput("give --patient LABEL or --patient-file F, not both");
    }
    OwnerPatient chosen = patientLabel == null ? null : chosenPatient(cli);
    SlotFilter filter = new SlotFilter(from, to, days.isEmpty() ? Set.of() : EnumSet.copyOf(days), windows, false,
        null);
    Patient patient = !autoBook ? null
        : chosen != null ? chosen.patient()
        : patientFile != null ? PatientFile.read(patientFile)
        : sandbox ? DemoCommand.TEST_PATIENT
        : failNoPatient();

    Plan plan = new Plan("CLI", Plan.UNLIMITED, pollEvery, true, 5);
    PrintWriter err = cli.err();
    try (Backend backend = Backend.of(cli.clock(), sandbox); Stopper stopper = new Stopper(cli.hooks())) {
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
      List<Watch> watches = new ArrayList<>();
      SlotHunter hunter = builder.build();
      try {
        hunter.listen(printer::print);
        Map<String, AccountSession> sessions = new HashMap<>();
        Map<String, CompletableFuture<Watch>> starting = new LinkedHashMap<>();
        for (String raw : links) {
          String link = backend.link(raw);
          DoctorRef ref = hunter.parse(link).orElseThrow(() -> CliException.badInput("'" + raw
              + "' is not a doctor link or slug of a supported site"));
          WatchRequest req = WatchRequest.of(owner, link).filter(filter);
          if (autoBook) {
            AccountSession session = sessions.computeIfAbsent(ref.providerId(),
                id -> session(cli, backend, id, patient));
            // a person imported from one provider's account books with that provider's sessions only
            req = chosen != null ? req.autoBook(chosen.autoBook(session)) : req.autoBook(patient, session);
          }
          starting.put(link, hunter.watchAsync(req)); // queued inside the budget: many doctors never fail start-up
        }
        awaitStart(cli, hunter, starting, err, PROGRESS_EVERY);
        for (Map.Entry<String, CompletableFuture<Watch>> e : starting.entrySet()) {
          Watch w;
          try {
            w = e.getValue().join();
          } catch (java.util.concurrent.CompletionException failed) {
            err.println("not watching " + e.getKey() + ": " + Errors.sentence(failed.getCause()));
            continue;
          }
          Doctor doctor = hunter.lookup(e.getKey()); // cached by the watch's own lookup: no request
          labels.add(doctor);
          watches.add(w);
          err.println("watching " + doctor.displayName() + " (" + doctor.ref() + "): " + w.targets().size()
              + (w.targets().size() == 1 ? " calendar" : " calendars") + (autoBook ? ", auto-booking" : "")
              + ", " + pace(hunter, w, pollEvery));
        }
        if (watches.isEmpty()) {
          err.flush();
          return ExitCodes.BAD_INPUT;
        }
        err.println("Ctrl-C stops" + (runFor != null ? "; stopping by itself after " + runFor + " s" : "") + ".");
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
            err.println(status(cli, hunter, watches));
            err.flush();
          }
        }
        err.println("stopping" + (stopper.interrupted() ? " (Ctrl-C)" : "") + "; releasing any hold...");
        err.flush();
        String finalStatus = status(cli, hunter, watches);
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
  static void awaitStart(Cli cli, SlotHunter hunter, Map<String, CompletableFuture<Watch>> starting,
      PrintWriter err, Duration every) {
    CompletableFuture<Void> all = CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new));
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
          err.println(CLOCK.format(cli.clock().instant()) + "  looked up " + done + " of " + starting.size()
              + " doctors; the rest wait for the request budget (" + hunter.lookupProgress().waiting() + " queued)");
          err.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.badInput("interrupted while starting");
      }
    }
  }

  /** "polling every 60 s at most", or the slower pace the budget gives and why. */
  static String pace(SlotHunter hunter, Watch w, Duration planned) {
    WatchHealth h = hunter.health(w.id());
    Duration pace = h.pace();
    if (h.state() != HealthState.BUDGET_SHORT || pace == null) {
      return "polling every " + Errors.seconds(planned) + " at most";
    }
    return "polling about every " + Errors.seconds(pace.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " (not every " + Errors.seconds(planned) + ": the site's request budget is shared by all calendars;"
        + " --budget-scale raises it)";
  }

  private Duration pollInterval() {
    int seconds = interval != null ? interval : sandbox ? 2 : 60;
    Duration d = Duration.ofSeconds(seconds);
    if (seconds < 1) {
      throw CliException.badInput("--interval must be at least 1 second");
    }
    if (!sandbox && d.compareTo(MIN_REAL_INTERVAL) < 0) {
      throw CliException.badInput("--interval must be at least " + MIN_REAL_INTERVAL.toSeconds()
          + " seconds on the real sites (be kind to them)");
    }
    return d;
  }

  private static Patient failNoPatient() {
    throw CliException.badInput("--auto-book needs --patient LABEL (see 'slothunter patients') or --patient-file F"
        + " (firstName, lastName, nationalCode, mobile)");
  }

  /** The patient the label names in the owner's patient book (the sandbox's own with --sandbox); the book is closed after. */
  private OwnerPatient chosenPatient(Cli cli) {
    // only the store is read: the real providers are registered (no I/O) and no sandbox is started for this
    try (Backend books = Backend.real(cli.clock()); PatientBook book = PatientBook.open(cli, sandbox, books)) {
      OwnerPatient p;
      try {
        p = book.hunter().patient(owner, patientLabel).orElse(null);
      } catch (SlotHunterException e) {
        throw new CliException(ExitCodes.BAD_INPUT, "--patient: " + Errors.bareMessage(e), e);
      }
      if (p == null) {
        throw CliException.badInput("you have no patient labelled '" + patientLabel.strip() + "'"
            + (sandbox ? " in the sandbox" : "") + " (see 'slothunter patients list" + (sandbox ? " --sandbox" : "")
            + "')");
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
    if (!Files.exists(file)) {
      throw CliException.badInput("no " + providerId + " session at " + file + "; run 'slothunter login " + providerId
          + " <mobile>' first");
    }
    AccountSession s = SessionFile.read(file, providerId);
    if (s.isExpired(cli.clock().instant())) {
      throw CliException.badInput("the " + providerId + " session in " + file + " has expired; run 'slothunter login "
          + providerId + " <mobile>' again");
    }
    return s;
  }

  static String status(Cli cli, SlotHunter hunter, List<Watch> watches) {
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
    String requests = engine.providers().stream().map(WatchCommand::requests).collect(Collectors.joining(", "));
    return CLOCK.format(cli.clock().instant()) + "  status: " + watches.size()
        + (watches.size() == 1 ? " watch" : " watches") + " · " + targets.size() + " calendars · " + polls
        + " polls · " + freeNow + " free now · " + opened + " slots opened · " + bookings + (bookings == 1 ? " booking" : " bookings") + " · requests " + requests;
  }

  static String requests(ProviderStats p) {
    return p.providerId() + " " + p.requestsSent() + " sent, " + p.usedLastMinute() + "/" + p.effectivePerMinute()
        + " in the last minute" + (p.rateLimited() > 0 ? ", " + p.rateLimited() + " rate-limited" : "");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** {@code sat}, {@code saturday}, {@code Sat} ... to {@link DayOfWeek}. */
  static final class DayConverter implements ITypeConverter<DayOfWeek> {
    @Override
    public DayOfWeek convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (DayOfWeek d : DayOfWeek.values()) {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (v.length() >= 2 && name.startsWith(v)) {
          return d;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a weekday (sat, sun, mon, tue, wed, thu, fri)");
    }
  }

  /** {@code 08:00-12:00} to {@link TimeWindow}. */
  static final class WindowConverter implements ITypeConverter<TimeWindow> {
    @Override
    public TimeWindow convert(String value) {
      try {
        return TimeWindow.parse(value);
      } catch (SlotHunterException e) {
        throw new TypeConversionException("'" + value + "' is not a time window like 08:00-12:00");
      }
    }
  }
}
