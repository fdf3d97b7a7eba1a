package io.github.slothunter.benchmarks;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.benchmarks.SimWorld.Doctor;
import io.github.slothunter.benchmarks.SimWorld.Release;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryArea;
import io.github.slothunter.testkit.InMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An area of 200 doctors watched two ways under Paziresh24's default budget (20 requests a minute,
 * 300 an hour), on a virtual clock against the testkit's {@link InMemoryProvider} with its area
 * search (issue #24, item 7):
 *
 * <ul>
 *   <li><b>(w) area watch</b>: one {@code WatchRequest.area} watch: the engine sweeps the area's
 *       search pages (earliest first slot first, 50 doctors a page) and polls a doctor's calendar only
 *       while its first free slot matches;
 *   <li><b>(s) separate watches</b>: the same 200 doctors as 200 watches on one plan without adaptive
 *       scheduling: the engine polls their calendars in turn, stretched fairly to the same budget
 *       (round robin).
 * </ul>
 *
 * <p>The world is {@link PredictivePollingSimulation#world}'s (the simulations' usual release rates:
 * 30% of the doctors open their calendar weekly, 40% free cancelled slots at 0.5-8 a day with an
 * hour-of-day habit, 30% free nothing; another patient takes a freed slot after 8-20 minutes on
 * average); calendars start fully booked. Both watch for slots in the first five days (today
 * included), auto-book on (at most 100 bookings, so that each matching release can be booked). Each
 * poll of a calendar is one request (the provider's all-slots window), each search page one.
 *
 * <p>Reported, over the releases of a matching slot: the share seen before another patient took it,
 * median and p90 from the release to {@code SlotOpened}; the share booked, median and p90 from the
 * release to {@code BookingSucceeded}; the requests sent (most in any rolling minute and hour).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.AreaWatchSimulation
 * [seed=11] [hours=24] [strategies=ws] [stepSeconds=1]}. Not part of {@code mvn verify}.
 */
public final class AreaWatchSimulation {
  static final int DOCTORS = 200;
  static final RequestBudget SITE_BUDGET = RequestBudget.of(20, 300, 4);
  /** PRO's 30-second interval, without adaptive scheduling: the same pace for both strategies. */
  static final Plan SIM = new Plan("SIM", Plan.UNLIMITED, Duration.ofSeconds(30), true, 4);
  static final int WINDOW_DAYS = 5;

  private AreaWatchSimulation() {}

  /** One strategy's outcome. */
  record Result(String name, int matching, List<Long> seenMs, List<Long> bookedMs, long requests, long searches,
      long calendars, int mostPerMinute, int mostPerHour) {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 11;
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    String strategies = args.length > 2 ? args[2] : "ws";
    Duration step = Duration.ofMillis(Math.round((args.length > 3 ? Double.parseDouble(args[3]) : 1) * 1000));
    SimWorld world = PredictivePollingSimulation.world(DOCTORS, (hours + 23) / 24 + 1, seed);
    List<Result> results = new ArrayList<>();
    for (char s : strategies.toCharArray()) {
      results.add(run(world, s == 'w', hours, step, seed));
    }
    System.out.printf(Locale.ROOT, "%d doctors, %d h, seed %d, budget %d/min %d/h, slots wanted: the first %d days%n",
        DOCTORS, hours, seed, SITE_BUDGET.perMinute(), SITE_BUDGET.perHour(), WINDOW_DAYS);
    System.out.printf(Locale.ROOT, "%-22s %9s %8s %11s %11s %8s %11s %11s %9s %9s %9s %7s %7s%n", "strategy",
        "releases", "seen", "seen p50", "seen p90", "booked", "booked p50", "booked p90", "requests", "searches",
        "calendars", "max/min", "max/h");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-22s %9d %7.1f%% %11s %11s %7.1f%% %11s %11s %9d %9d %9d %7d %7d%n", r.name(),
          r.matching(), 100.0 * r.seenMs().size() / Math.max(1, r.matching()), minutes(r.seenMs(), 0.5),
          minutes(r.seenMs(), 0.9), 100.0 * r.bookedMs().size() / Math.max(1, r.matching()), minutes(r.bookedMs(), 0.5),
          minutes(r.bookedMs(), 0.9), r.requests(), r.searches(), r.calendars(), r.mostPerMinute(), r.mostPerHour());
    }
  }

  private static Result run(SimWorld world, boolean area, int hours, Duration step, long seed) {
    FakeClock clock = FakeClock.at(SimWorld.START);
    InMemoryProvider provider = InMemoryProvider.builder().clock(clock).budget(SITE_BUDGET).build();
    provider.calendarWindow(14);
    Random r = new Random(SimWorld.mix(seed, -1, 7));
    GeoPoint tehran = new GeoPoint(35.6997, 51.3380);
    List<Target> targets = new ArrayList<>();
    for (Doctor d : world.doctors) {
      GeoPoint pin = new GeoPoint(tehran.lat() + (r.nextDouble() - 0.5) * 0.27, tehran.lon() + (r.nextDouble() - 0.5) * 0.33);
      targets.add(provider.area().add(new InMemoryArea.Member(d.slug(), "tehran", "cardiovascular",
          d.n() % 2 == 0 ? Gender.FEMALE : Gender.MALE, VisitType.IN_PERSON, pin, 1_000_000L, r.nextInt(5) != 0)));
    }
    Map<String, Instant> seen = new ConcurrentHashMap<>();
    Map<String, Instant> booked = new ConcurrentHashMap<>();
    Instant end = SimWorld.START.plus(Duration.ofHours(hours));
    LocalDate from = SimWorld.START.atZone(SlotHunterZones.TEHRAN).toLocalDate();
    LocalDate to = from.plusDays(WINDOW_DAYS - 1);
    try (SlotHunter hunter = SlotHunter.builder().provider(provider.factory()).clock(clock)
        .plans(Plans.of(SIM, List.of(SIM))).closeTimeout(Duration.ofSeconds(2)).manualScheduling().build()) {
      hunter.listen(e -> {
        if (e instanceof SlotOpened o) {
          seen.putIfAbsent(key(o.slot()), o.at());
        } else if (e instanceof BookingSucceeded b) {
          booked.putIfAbsent(key(b.booking().slot()), b.booking().bookedAt());
        }
      });
      AutoBook autoBook = new AutoBook(Patient.of("Sara", "Ahmadi", "0499370899", "09121234567"),
          new AccountSession(provider.info().id(), "token", Map.of(), end.plus(Duration.ofDays(30))), 100);
      if (area) {
        hunter.watch(WatchRequest.area("u1", AreaQuery.builder(provider.info().id(), "قلب و عروق", "تهران").build())
            .plan("SIM").between(from, to).autoBook(autoBook));
      } else {
        for (Target t : targets) {
          hunter.watch(WatchRequest.of("u1", t).plan("SIM").between(from, to).autoBook(autoBook));
        }
      }
      Map<String, Target> bySlug = new HashMap<>();
      for (Target t : targets) {
        bySlug.put(t.ref().key(), t);
      }
      record Change(Instant at, Release release, boolean open) {}
      List<Change> changes = new ArrayList<>();
      for (Release rel : world.releases) {
        changes.add(new Change(rel.releasedAt(), rel, true));
        changes.add(new Change(rel.takenAt(), rel, false));
      }
      changes.sort((a, b) -> a.at().compareTo(b.at()));
      int next = 0;
      while (clock.instant().isBefore(end)) {
        clock.advance(step);
        Instant now = clock.instant();
        while (next < changes.size() && !changes.get(next).at().isAfter(now)) {
          Change c = changes.get(next++);
          Target t = bySlug.get(c.release().doctor().slug());
          if (c.open()) {
            provider.open(t, c.release().slotStart());
          } else if (!booked.containsKey(c.release().key())) {
            provider.take(new Slot(t, c.release().slotStart(), c.release().slotStart().plus(InMemoryProvider.SLOT_LENGTH),
                "k" + c.release().slotStart().getEpochSecond()));
          }
        }
        hunter.runDue();
      }
    }
    List<Long> seenMs = new ArrayList<>();
    List<Long> bookedMs = new ArrayList<>();
    int matching = 0;
    for (Release rel : world.releases) {
      LocalDate day = rel.slotStart().atZone(SlotHunterZones.TEHRAN).toLocalDate();
      if (rel.releasedAt().isAfter(end) || rel.takenAt().isAfter(end) || day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      matching++;
      Instant s = seen.get(rel.key());
      if (s != null && s.isBefore(rel.takenAt())) {
        seenMs.add(Duration.between(rel.releasedAt(), s).toMillis());
      }
      Instant b = booked.get(rel.key());
      if (b != null) {
        bookedMs.add(Duration.between(rel.releasedAt(), b).toMillis());
      }
    }
    List<Instant> at = provider.requests().stream().map(InMemoryProvider.Request::at).toList();
    return new Result(area ? "(w) area watch" : "(s) 200 separate watches", matching, seenMs, bookedMs, at.size(),
        provider.count(InMemoryProvider.Operation.AREA_SEARCH),
        provider.count(InMemoryProvider.Operation.FREE_CALENDAR), most(at, Duration.ofMinutes(1)),
        most(at, Duration.ofHours(1)));
  }

  private static String key(Slot s) {
    return Release.key(s.target().ref().key(), s.start());
  }

  private static int most(List<Instant> at, Duration window) {
    int most = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (!at.get(j).plus(window).isAfter(at.get(i))) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  private static String minutes(List<Long> ms, double q) {
    if (ms.isEmpty()) {
      return "-";
    }
    long[] sorted = ms.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    return String.format(Locale.ROOT, "%.1f min", v / 60_000.0);
  }
}
