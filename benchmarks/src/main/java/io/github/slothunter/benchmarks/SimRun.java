package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.benchmarks.SimWorld.Doctor;
import io.github.slothunter.benchmarks.SimWorld.Release;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.core.ForecastWindow;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Replays one {@link SimWorld} against a fresh FakePaziresh24 per strategy, on a virtual clock that
 * advances in fixed steps from {@link SimWorld#START} to {@code end}, through the real Paziresh24
 * provider over localhost HTTP. Requests (and HTTP 429 answers) count from the first step at or
 * after {@code from}. Not thread-safe: one run at a time.
 */
final class SimRun {
  /** As the engine: how often (in polls of a target) the days past its one-request window are read. */
  static final int FAR_DAYS_EVERY = 5;

  /** The patient every strategy books for, when it books. */
  static final Patient PATIENT = Patient.of("Sara", "Ahmadi", "0499370899", "09121234567");

  /**
   * What one strategy did: when it first saw each release (by {@link Release#key()}), when it booked
   * one, requests it sent and how many the site refused with HTTP 429.
   */
  record Outcome(String name, Map<String, Instant> detected, Map<String, Instant> booked, long requests,
      long rateLimited, double wallSeconds, String note) {}

  private final SimWorld world;
  private final Instant from;
  private final Instant end;
  private final Duration step;
  private final long seed;
  private final Consumer<FakePaziresh24Builder> site;
  private final FakeClock clock = FakeClock.at(SimWorld.START);

  /**
   * @param site settings of every run's fake beyond the world's doctors and releases (rate limit, ...)
   */
  SimRun(SimWorld world, Instant from, Instant end, Duration step, long seed, Consumer<FakePaziresh24Builder> site) {
    this.world = world;
    this.from = from;
    this.end = end;
    this.step = step;
    this.seed = seed;
    this.site = site;
  }

  /** The virtual clock of the run in progress (reset to {@link SimWorld#START} by each run). */
  FakeClock clock() {
    return clock;
  }

  /**
   * The engine, manual scheduling: every doctor watched on {@code plan}, {@code budget} as the
   * provider's budget, {@code forecaster} when the plan is adaptive, one booking per doctor when
   * {@code autoBook} (the plan must allow it), the provider factory passed through {@code tap}.
   * Detection is the {@link SlotOpened} event, booking the {@link BookingSucceeded}.
   */
  Outcome engine(String name, Plan plan, RequestBudget budget, ReleaseForecaster forecaster, boolean autoBook,
      UnaryOperator<ProviderFactory> tap) throws Exception {
    clock.set(SimWorld.START);
    long t0 = System.nanoTime();
    Map<String, Instant> detected = new ConcurrentHashMap<>();
    Map<String, Instant> booked = new ConcurrentHashMap<>();
    try (FakePaziresh24 fake = world.fake(clock, seed, site)) {
      SlotHunter.Builder b = SlotHunter.builder().provider(tap.apply(new Paziresh24ProviderFactory()))
          .providerConfig("paziresh24", "base-url", fake.baseUrl()).budget("paziresh24", budget)
          .plans(Plans.of(plan, List.of(plan))).clock(clock).manualScheduling().eventCapacity(1_000_000);
      if (plan.adaptive()) {
        b.forecaster(forecaster);
      }
      AccountSession session = autoBook ? fake.login(PATIENT.mobile()).toSession() : null;
      Tally tally = new Tally(fake);
      String note;
      try (SlotHunter hunter = b.build()) {
        hunter.listen(e -> {
          if (e instanceof SlotOpened o) {
            detected.putIfAbsent(Release.key(o.slot().target().ref().key(), o.slot().start()), o.at());
          } else if (e instanceof BookingSucceeded s) {
            Slot slot = s.booking().slot();
            booked.putIfAbsent(Release.key(slot.target().ref().key(), slot.start()), s.at());
          }
        });
        for (Doctor d : world.doctors) {
          WatchRequest w = WatchRequest.of("sim", d.target()).plan(plan.name());
          hunter.watch(autoBook ? w.autoBook(AutoBook.of(PATIENT, session)) : w);
        }
        for (Instant t = SimWorld.START; t.isBefore(end); t = t.plus(step)) {
          tally.startAt(t, from);
          clock.set(t);
          hunter.runDue();
          tally.update();
        }
        long failures = hunter.stats().providers().stream().mapToLong(p -> p.failures()).sum();
        note = failures == 0 ? "" : " (" + failures + " failed requests)";
      }
      return new Outcome(name, detected, booked, tally.requests(), tally.rateLimited(),
          (System.nanoTime() - t0) / 1e9, note);
    }
  }

  /**
   * A plain loop, no engine (what today's bots do): polls the doctors in turn at a fixed pace of
   * {@code perMinute} requests, diffing each doctor's slots with its previous look. Each poll costs
   * what the engine's costs: one calendar request, one per free day it did not answer, and the days
   * past its window every {@link #FAR_DAYS_EVERY}th visit (the first visit included). When
   * {@code book}, the first free slot of a doctor it has not booked yet is held and booked at once
   * (two requests on top of the pace). A 429 pauses it for the Retry-After; it then finishes the
   * booking the 429 interrupted and goes on at its pace without catching up.
   */
  Outcome roundRobin(String name, double perMinute, boolean book) throws Exception {
    clock.set(SimWorld.START);
    long t0 = System.nanoTime();
    Map<String, Instant> detected = new HashMap<>();
    Map<String, Instant> booked = new HashMap<>();
    try (FakePaziresh24 fake = world.fake(clock, seed, site);
        Provider provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
            .config("base-url", fake.baseUrl()).clock(clock).build())) {
      SlotWatcher watcher = provider.slots();
      Bot bot = book ? new Bot(provider.booker().orElseThrow(), fake.login(PATIENT.mobile()).toSession()) : null;
      List<Target> targets = world.doctors.stream().map(Doctor::target).toList();
      List<Set<Instant>> seen = new ArrayList<>();
      targets.forEach(t -> seen.add(new HashSet<>()));
      Tally tally = new Tally(fake);
      long sent = 0;
      int next = 0;
      Instant pausedUntil = Instant.MIN;
      int[] sinceFar = new int[targets.size()];
      Arrays.fill(sinceFar, -1);
      for (Instant t = SimWorld.START; t.isBefore(end); t = t.plus(step)) {
        tally.startAt(t, from);
        clock.set(t);
        double allowed = perMinute * Duration.between(SimWorld.START, t).toMillis() / 60_000.0;
        if (t.isBefore(pausedUntil)) {
          sent = (long) Math.ceil(allowed); // a paused bot does not catch up afterwards
        }
        while (sent < allowed && !t.isBefore(pausedUntil)) {
          Target target = targets.get(next);
          Set<Instant> now = new HashSet<>();
          List<Slot> fresh = new ArrayList<>();
          try {
            if (bot != null) {
              bot.resume(t);
            }
            sent++;
            FreeCalendar calendar = watcher.freeCalendar(target);
            List<LocalDate> free = new ArrayList<>(calendar.freeDays());
            LocalDate through = calendar.daysThrough();
            boolean farRead = through == null;
            if (calendar.fullyBooked()) {
              sinceFar[next] = 0;
            } else if (through != null && (sinceFar[next] < 0 || ++sinceFar[next] >= FAR_DAYS_EVERY)) {
              sent++;
              watcher.freeDays(target).stream().filter(d -> d.isAfter(through)).forEach(free::add);
              sinceFar[next] = 0;
              farRead = true;
            }
            for (LocalDate day : free) {
              List<Slot> slots = calendar.slotsOf(day).orElse(null);
              if (slots == null) {
                sent++;
                slots = watcher.freeSlots(target, day);
              }
              for (Slot s : slots) {
                now.add(s.start());
                fresh.add(s);
                if (!seen.get(next).contains(s.start())) {
                  detected.putIfAbsent(Release.key(target.ref().key(), s.start()), t);
                }
              }
            }
            if (!farRead) { // slots past the window keep what the last look saw
              for (Instant old : seen.get(next)) {
                if (old.atZone(SlotHunterZones.TEHRAN).toLocalDate().isAfter(through)) {
                  now.add(old);
                }
              }
            }
            seen.set(next, now);
            if (bot != null) {
              bot.book(target, fresh, t);
            }
          } catch (SlotHunterException e) {
            if (e.code() != ErrorCode.RATE_LIMITED) {
              throw e;
            }
            pausedUntil = t.plus(e.retryAfter().orElse(Duration.ofSeconds(60)));
            continue; // the same doctor again after the pause
          }
          next = (next + 1) % targets.size();
        }
        tally.update();
      }
      return new Outcome(name, detected, bot == null ? Map.of() : bot.booked, tally.requests(), tally.rateLimited(),
          (System.nanoTime() - t0) / 1e9, "");
    }
  }

  /**
   * The round-robin bot's booking: once per doctor, the earliest free slot it can get, held and booked
   * at once. A 429 is thrown to the bot's loop; a hold whose booking it refused is booked first after
   * the pause.
   */
  private static final class Bot {
    private final Booker booker;
    private final AccountSession session;
    private final Set<String> done = new HashSet<>();
    final Map<String, Instant> booked = new HashMap<>();
    private Hold pending;

    Bot(Booker booker, AccountSession session) {
      this.booker = booker;
      this.session = session;
    }

    void book(Target target, List<Slot> free, Instant t) {
      if (done.contains(target.id()) || free.isEmpty()) {
        return;
      }
      free.sort((a, b) -> a.start().compareTo(b.start()));
      for (Slot s : free) {
        Hold hold;
        try {
          hold = booker.hold(s, session);
        } catch (SlotHunterException e) {
          if (e.code() == ErrorCode.RATE_LIMITED) {
            throw e;
          }
          continue; // gone: the next one
        }
        pending = hold;
        resume(t);
        return;
      }
    }

    /** Books the held slot, if any and still held. */
    void resume(Instant t) {
      Hold hold = pending;
      if (hold == null) {
        return;
      }
      if (hold.isExpired(t)) {
        pending = null;
        return;
      }
      try {
        booker.book(hold, PATIENT, session);
        Slot s = hold.slot();
        booked.put(Release.key(s.target().ref().key(), s.start()), t);
        done.add(s.target().id());
      } catch (SlotHunterException e) {
        if (e.code() == ErrorCode.RATE_LIMITED) {
          throw e;
        }
      }
      pending = null;
    }
  }

  /**
   * Requests the fake received, and its 429 answers, from the first step at or after {@code from}:
   * reads the newest entries of its request log after every step (a step sends far fewer than the
   * log keeps).
   */
  private static final class Tally {
    private final FakePaziresh24 fake;
    private long before = -1;
    private long seen;
    private long rateLimited;

    Tally(FakePaziresh24 fake) {
      this.fake = fake;
    }

    void startAt(Instant t, Instant from) {
      if (before < 0 && !t.isBefore(from)) {
        before = fake.requestCount();
        seen = before;
      }
    }

    void update() {
      long count = fake.requestCount();
      if (before < 0 || count == seen) {
        return;
      }
      List<RecordedRequest> log = fake.requests();
      for (int i = Math.max(0, log.size() - (int) (count - seen)); i < log.size(); i++) {
        if (log.get(i).status() == 429) {
          rateLimited++;
        }
      }
      seen = count;
    }

    long requests() {
      return fake.requestCount() - before;
    }

    long rateLimited() {
      return rateLimited;
    }
  }

  /**
   * Knows every doctor's true release rate by hour of the week and take time, and learns nothing:
   * what perfect learning would give the adaptive scheduler.
   */
  static final class Oracle implements ReleaseForecaster {
    private final Map<String, Doctor> byTarget = new HashMap<>();
    private final Map<String, Long> burstHour = new ConcurrentHashMap<>();

    Oracle(SimWorld world) {
      world.doctors.forEach(d -> byTarget.put(d.target().id(), d));
    }

    @Override
    public void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes) {
      if (changes.stream().filter(c -> c.kind() == SlotChange.Kind.OPENED).count() >= 4) {
        burstHour.put(targetId, Duration.between(SimWorld.START, at).toHours()); // like the default: not twice an hour
      }
    }

    @Override
    public double rate(String targetId, Instant at) {
      long hours = Duration.between(SimWorld.START, at).toHours();
      int b = (int) Math.floorMod(hours, 168L);
      Doctor d = byTarget.get(targetId);
      boolean seen = burstHour.getOrDefault(targetId, -1L) == hours;
      return d.hourly()[b] - (seen ? d.openings()[b] : 0);
    }

    @Override
    public List<ForecastWindow> forecast(String targetId, Instant from, int hours) {
      List<ForecastWindow> out = new ArrayList<>();
      for (int h = 0; h < hours; h++) {
        Instant a = from.plus(Duration.ofHours(h));
        out.add(new ForecastWindow(a, a.plus(Duration.ofHours(1)), rate(targetId, a), 0));
      }
      return out;
    }

    @Override
    public ZoneId zone() {
      return SlotHunterZones.TEHRAN; // its hours count from START, a Tehran midnight
    }

    @Override
    public Optional<Duration> typicalFreeTime(String targetId) {
      return Optional.of(Duration.ofMillis((long) (byTarget.get(targetId).meanTakeMinutes() * 60_000)));
    }
  }
}
