package io.github.slothunter.benchmarks;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predictive polling, proven on a simulation: 500 doctors on FakePaziresh24 over 14 simulated days
 * (a virtual clock), watched through the real Paziresh24 provider over localhost HTTP by three
 * strategies with the same request budget:
 *
 * <ol>
 *   <li><b>(a) round robin</b>: a plain loop polling the targets in turn at a fixed pace, sized to
 *       spend as many requests as (b) did (what today's bots do);
 *   <li><b>(b) plan scheduler</b>: the engine, every target on one non-adaptive plan, the provider
 *       budget as the only limit;
 *   <li><b>(c) adaptive</b>: the same engine and plan with {@code adaptive} on and the default
 *       {@link ReleaseForecaster}.
 * </ol>
 *
 * <p>A reference row, <b>(o)</b>, runs the adaptive engine with a forecaster told the world's true
 * rate for every doctor and hour of the week (and the true take times): what perfect learning
 * would reach with the same scheduler, so the gap between (c) and (o) is what learning costs.
 *
 * <p><b>The world</b> (seeded, identical for every strategy; calendars start fully booked): 30% of
 * the doctors open next week's calendar once a week at a fixed day and hour (07:00-22:00, 0-10 min
 * late, 8-32 slots) and have a few cancellations (0.3 a day); 40% only get cancellations, 0.5 to 8
 * a day, 80% of them in the doctor's habitual part of the day (mornings 07-11, evenings 18-23 or
 * office hours 08-20), the rest at any time 07-23; 30% never free anything. Every freed slot is
 * taken by another patient after an exponential time with the doctor's mean, 8-20 minutes. A
 * release counts as <em>detected in time</em> if the strategy saw the slot (for the engine: emitted
 * {@code SlotOpened}) before the other patient took it; detection latency is the time from the
 * release (the fake knows it exactly) to that moment. Nothing is learned in advance: the adaptive
 * engine starts as ignorant as the others, so the first week includes its learning.
 *
 * <p><b>Days of watching first.</b> With {@code warmDays > 0} every strategy runs that many days
 * before the measured ones (same doctors, same releases day by day) and only the measured days
 * count, requests included: a deployment whose forecaster has the slot history of those days (live
 * or from the store, which is the same to it). A weekly calendar opening cannot be predicted before
 * it was seen once, so the first week of a new deployment is necessarily close to round robin.
 *
 * <p>The clock advances in steps (default 2 s) and the engine runs every due poll
 * ({@link SlotHunter#runDue()}); the fake applies releases and takes at their exact times. Each
 * poll costs what the engine's costs, for every strategy: one all-slots request for the next ten
 * days (spec 4.1b), one more per free day it did not answer, and on the first and every fifth poll of
 * a target one request for the free days past that window plus one per such day.
 *
 * <p><b>Budget.</b> Every request is a real HTTP round trip to the fake (about 1,500 a second on two
 * cores), so the default budget is 12 requests a minute for the 500 targets (about 200,000 requests
 * per strategy, one to one and a half minutes each) instead of the 30-60 a minute a production
 * deployment might get: the same for every strategy, and a scarcer budget, so predicting matters
 * more. Strategy (a) spends exactly as many requests as (b) did. The plan's {@code maxInterval} is
 * 2 hours; {@code d} runs (c) with the 30 minutes a 1-minute plan gets by default.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.PredictivePollingSimulation
 * [targets=500] [days=14] [perMinute=12] [seed=11] [stepSeconds=2] [strategies=bcoa, d too] [maxIntervalMinutes=120]
 * [warmDays=0]}
 * (add {@code -Dsim.debug=true} for forecast and poll diagnostics).
 */
public final class PredictivePollingSimulation {
  private static final Instant START = ZonedDateTime.of(LocalDate.of(2026, 1, 3), LocalTime.MIDNIGHT,
      SlotHunterZones.TEHRAN).toInstant(); // a Saturday, 00:00 Tehran

  /** As the engine: how often (in polls of a target) the days past its one-request window are read. */
  private static final int FAR_DAYS_EVERY = 5;

  private PredictivePollingSimulation() {}

  enum Pattern { CALENDAR, CANCELLATIONS, DEAD }

  /** One doctor's habits; each doctor has an office of their own (center, service and user-center ids). */
  record Doctor(String slug, int n, Pattern pattern, double meanTakeMinutes, double[] hourly, double[] openings) {
    String center() {
      return Integer.toString(100_000 + n);
    }

    String service() {
      return Integer.toString(200_000 + n);
    }

    String userCenterId() {
      return Integer.toString(300_000 + n);
    }

    Target target() {
      return new Target(new DoctorRef("paziresh24", slug), center(), service(),
          Map.of("user_center_id", userCenterId(), "server_id", "1"));
    }
  }

  /** One slot becoming free, and when another patient takes it. */
  record Release(Doctor doctor, Instant slotStart, Instant releasedAt, Instant takenAt, boolean opening) {
    String key() {
      return key(doctor.slug(), slotStart);
    }

    static String key(String slug, Instant start) {
      return slug + "@" + start.getEpochSecond();
    }
  }

  /** The seeded world: doctors and every release over the run. */
  static final class World {
    final List<Doctor> doctors = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();

    World(int n, int days, long seed) {
      Instant end = START.plus(Duration.ofDays(days));
      for (int i = 0; i < n; i++) {
        // separate streams per doctor: a longer run has the same doctors and, day by day, the same releases
        Random r = new Random(mix(seed, i, 1));
        Random events = new Random(mix(seed, i, 2));
        Random cancels = new Random(mix(seed, i, 3));
        double u = r.nextDouble();
        Pattern p = u < 0.3 ? Pattern.CALENDAR : u < 0.7 ? Pattern.CANCELLATIONS : Pattern.DEAD;
        Doctor d = new Doctor(String.format(Locale.ROOT, "dr-%04d", i), i, p,
            8 + 12 * r.nextDouble(), new double[168], new double[168]);
        doctors.add(d);
        Set<Instant> used = new HashSet<>();
        if (p == Pattern.CALENDAR) {
          int day = r.nextInt(6); // Saturday..Thursday
          int[] hours = {7, 8, 9, 10, 12, 14, 18, 20, 21, 22};
          int hour = hours[r.nextInt(hours.length)];
          int perDay = 4 + r.nextInt(5);
          int openDays = 2 + r.nextInt(3);
          d.hourly()[day * 24 + hour] += perDay * openDays;
          d.openings()[day * 24 + hour] += perDay * openDays;
          for (int w = 0; ; w++) {
            Instant at = tehran(START, w * 7 + day, hour, 0).plus(Duration.ofSeconds(events.nextInt(600)));
            if (!at.isBefore(end)) {
              break;
            }
            LocalDate first = at.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(7);
            for (int k = 0, opened = 0; opened < openDays; k++) {
              LocalDate dd = first.plusDays(k);
              if (dd.getDayOfWeek() == DayOfWeek.FRIDAY) {
                continue;
              }
              opened++;
              for (int s = 0; s < perDay; s++) {
                Instant start = dd.atTime(9, 0).plusMinutes(15L * s).atZone(SlotHunterZones.TEHRAN).toInstant();
                if (used.add(start)) {
                  releases.add(new Release(d, start, at, at.plus(take(events, d)), true));
                }
              }
            }
          }
          cancellations(cancels, d, 0.3, 8, 20, 1.0, days, used);
        } else if (p == Pattern.CANCELLATIONS) {
          double[] rates = {0.5, 1, 2, 4, 8};
          int[][] habits = {{7, 11}, {18, 23}, {8, 20}};
          int[] h = habits[r.nextInt(habits.length)];
          double rate = rates[r.nextInt(rates.length)];
          cancellations(cancels, d, rate, h[0], h[1], 0.8, days, used);
        }
      }
      releases.sort((a, b) -> a.releasedAt().compareTo(b.releasedAt()));
    }

    /** A Poisson stream of cancellations: {@code habitShare} of them between the habit hours, the rest 07-23. */
    private void cancellations(Random r, Doctor d, double perDay, int fromHour, int toHour, double habitShare, int days,
        Set<Instant> used) {
      for (int b = 0; b < 168; b++) {
        int h = b % 24;
        d.hourly()[b] += (h >= 7 && h < 23 ? perDay * (1 - habitShare) / 16 : 0)
            + (h >= fromHour && h < toHour ? perDay * habitShare / (toHour - fromHour) : 0);
      }
      for (int day = 0; day < days; day++) {
        int n = poisson(r, perDay);
        for (int i = 0; i < n; i++) {
          boolean habit = r.nextDouble() < habitShare;
          int lo = habit ? fromHour : 7;
          int hi = habit ? toHour : 23;
          Instant at = tehran(START, day, 0, 0).plus(Duration.ofSeconds((long) ((lo + (hi - lo) * r.nextDouble()) * 3600)));
          Instant start;
          do {
            LocalDate slotDay = at.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(1 + r.nextInt(10));
            start = slotDay.atTime(9, 0).plusMinutes(15L * r.nextInt(48)).atZone(SlotHunterZones.TEHRAN).toInstant();
          } while (!used.add(start));
          releases.add(new Release(d, start, at, at.plus(take(r, d)), false));
        }
      }
    }

    /** A well-spread seed per doctor and stream (nearby seeds give java.util.Random correlated first draws). */
    private static long mix(long seed, int doctor, int stream) {
      long z = seed * 0x9E3779B97F4A7C15L + doctor * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    private static Duration take(Random r, Doctor d) {
      double minutes = -Math.log(1 - r.nextDouble()) * d.meanTakeMinutes();
      return Duration.ofMillis(Math.max(1000, (long) (minutes * 60_000)));
    }

    private static int poisson(Random r, double mean) {
      double l = Math.exp(-mean);
      double p = 1;
      int k = -1;
      do {
        k++;
        p *= r.nextDouble();
      } while (p > l);
      return k;
    }

    /** A fresh fake with these doctors, every release and take scheduled. */
    FakePaziresh24 fake(FakeClock clock, long seed) {
      FakePaziresh24.Builder b = FakePaziresh24.builder().clock(clock).seed(seed).requestLogLimit(100).serverThreads(4);
      for (Doctor d : doctors) {
        b.doctor(d.slug(), x -> x.displayName("دکتر " + d.slug()).expertise("قلب و عروق")
            .center(d.center(), c -> c.name("مطب").city("تهران").serverId("1").userCenterId(d.userCenterId())
                .service(d.service(), s -> s.title("ویزیت").price(1_000_000).duration(Duration.ofMinutes(15)))));
      }
      FakePaziresh24 fake = b.build();
      for (Release rel : releases) {
        Doctor d = rel.doctor();
        fake.schedule(rel.releasedAt(), f -> f.openSlot(d.slug(), d.center(), d.service(), rel.slotStart()));
        fake.schedule(rel.takenAt(), f -> f.takeSlot(d.slug(), d.center(), d.service(), rel.slotStart()));
      }
      return fake.start();
    }
  }

  static Instant tehran(Instant base, int plusDays, int hour, int minute) {
    LocalDateTime t = base.atZone(SlotHunterZones.TEHRAN).toLocalDate().plusDays(plusDays).atTime(hour, minute);
    return t.atZone(SlotHunterZones.TEHRAN).toInstant();
  }

  /** What one strategy saw: first detection time per release key, and requests spent. */
  record Outcome(String name, Map<String, Instant> detected, long requests, double wallSeconds, String note) {}

  public static void main(String[] args) throws Exception {
    int targets = arg(args, 0, 500);
    int days = arg(args, 1, 14);
    int perMinute = arg(args, 2, 12);
    long seed = arg(args, 3, 11);
    int stepSeconds = arg(args, 4, 2);
    String strategies = args.length > 5 ? args[5] : "bcoa";
    int maxIntervalMinutes = arg(args, 6, 120);
    int warmDays = arg(args, 7, 0);
    World world = new World(targets, warmDays + days, seed);
    Instant from = START.plus(Duration.ofDays(warmDays));
    Instant end = from.plus(Duration.ofDays(days));
    Duration step = Duration.ofSeconds(stepSeconds);
    Plan fixed = new Plan("SIM", Plan.UNLIMITED, Duration.ofMinutes(1), false, 4)
        .withMaxInterval(Duration.ofMinutes(maxIntervalMinutes));
    RequestBudget budget = RequestBudget.of(perMinute, perMinute * 60, 4);
    System.out.printf(Locale.ROOT, "%d targets (%s), %s%d days, budget %d requests/min, seed %d, step %d s, plan SIM"
            + " (minInterval 1 min, maxInterval %d min); %d releases%n", targets, census(world),
        warmDays == 0 ? "" : warmDays + " days of watching, then ", days, perMinute, seed,
        stepSeconds, maxIntervalMinutes, world.releases.size());

    Map<Character, Outcome> outcomes = new LinkedHashMap<>();
    for (char s : strategies.toCharArray()) {
      Outcome o;
      switch (s) {
        case 'a': {
          Outcome ref = outcomes.containsKey('b') ? outcomes.get('b') : outcomes.get('c');
          double rate = ref != null ? ref.requests() / (days * 1440.0) : perMinute - Math.min(3, perMinute / 10);
          o = roundRobin(world, from, end, step, seed, rate);
          break;
        }
        case 'b':
          o = engine("(b) plan scheduler", world, from, end, step, seed, fixed, budget, null);
          break;
        case 'c':
          o = engine("(c) adaptive", world, from, end, step, seed, fixed.withAdaptive(true), budget, null);
          break;
        case 'o': // reference: the adaptive engine told the world's true rates (what perfect learning would reach)
          o = engine("(o) adaptive, true rates", world, from, end, step, seed, fixed.withAdaptive(true), budget,
              new Oracle(world));
          break;
        case 'd': // sensitivity: adaptive with the default maxInterval of a 1-minute plan (30 min)
          o = engine("(c) adaptive, maxInterval 30m", world, from, end, step, seed,
              new Plan("SIM", Plan.UNLIMITED, Duration.ofMinutes(1), false, 4).withAdaptive(true), budget, null);
          break;
        default:
          throw new IllegalArgumentException("unknown strategy " + s + " (use a, b, c, d, o)");
      }
      outcomes.put(s, o);
      System.out.printf(Locale.ROOT, "  ran %s in %.0f s%s%n", o.name(), o.wallSeconds(), o.note());
    }

    Instant half = from.plus(Duration.ofDays(days / 2));
    String learned = warmDays == 0 ? "after a week of learning" : "after " + (warmDays + days / 2) + " days of learning";
    table("all " + days + " days" + (warmDays == 0 ? "" : " after " + warmDays + " days of watching"), world,
        outcomes.values(), end, r -> !r.releasedAt().isBefore(from));
    table("second half (days " + (days / 2 + 1) + "-" + days + ": " + learned + ")", world,
        outcomes.values(), end, r -> !r.releasedAt().isBefore(half));
    table("calendar openings only", world, outcomes.values(), end,
        r -> r.opening() && !r.releasedAt().isBefore(from));
    table("calendar openings, second half", world, outcomes.values(), end,
        r -> r.opening() && !r.releasedAt().isBefore(half));
    table("cancellations only", world, outcomes.values(), end, r -> !r.opening() && !r.releasedAt().isBefore(from));
    table("cancellations, second half", world, outcomes.values(), end,
        r -> !r.opening() && !r.releasedAt().isBefore(half));
    missedOpenings(world, outcomes.values(), from, end);
  }

  /** Per strategy and measured week: calendar openings of which no slot was seen in time (never found). */
  private static void missedOpenings(World world, java.util.Collection<Outcome> outcomes, Instant from, Instant end) {
    System.out.println();
    for (Outcome o : outcomes) {
      StringBuilder line = new StringBuilder(o.name()).append(": openings with no slot seen in time");
      for (Instant a = from; a.isBefore(end); a = a.plus(Duration.ofDays(7))) {
        Instant z = a.plus(Duration.ofDays(7));
        Map<String, Boolean> found = new LinkedHashMap<>();
        for (Release r : world.releases) {
          if (r.opening() && !r.releasedAt().isBefore(a) && r.releasedAt().isBefore(z)) {
            String event = r.doctor().slug() + "@" + r.releasedAt().getEpochSecond();
            Instant d = o.detected().get(r.key());
            found.merge(event, d != null && d.isBefore(r.takenAt()), Boolean::logicalOr);
          }
        }
        long missed = found.values().stream().filter(f -> !f).count();
        line.append(String.format(Locale.ROOT, ", week %d: %d of %d", Duration.between(from, a).toDays() / 7 + 1,
            missed, found.size()));
      }
      System.out.println(line);
    }
  }

  private static String census(World w) {
    Map<Pattern, Integer> n = new LinkedHashMap<>();
    for (Pattern p : Pattern.values()) {
      n.put(p, 0);
    }
    w.doctors.forEach(d -> n.merge(d.pattern(), 1, Integer::sum));
    return n.get(Pattern.CALENDAR) + " weekly calendar openings, " + n.get(Pattern.CANCELLATIONS)
        + " cancellations only, " + n.get(Pattern.DEAD) + " dead";
  }

  private static int arg(String[] args, int i, int def) {
    return args.length > i && !args[i].isBlank() ? Integer.parseInt(args[i]) : def;
  }

  // ---------------------------------------------------------------- strategies

  private static Outcome engine(String name, World world, Instant from, Instant end, Duration step, long seed,
      Plan plan, RequestBudget budget, ReleaseForecaster given) throws Exception {
    FakeClock clock = FakeClock.at(START);
    long t0 = System.nanoTime();
    Map<String, Instant> detected = new ConcurrentHashMap<>();
    long before = -1;
    try (FakePaziresh24 fake = world.fake(clock, seed)) {
      Map<String, List<Instant>> polls = new ConcurrentHashMap<>();
      io.github.slothunter.spi.ProviderFactory factory = new Paziresh24ProviderFactory();
      if (Boolean.getBoolean("sim.debug")) {
        factory = recording(factory, clock, polls);
      }
      SlotHunter.Builder b = SlotHunter.builder().provider(factory)
          .providerConfig("paziresh24", "base-url", fake.baseUrl()).budget("paziresh24", budget)
          .plans(Plans.of(plan, List.of(plan))).clock(clock).manualScheduling().eventCapacity(1_000_000);
      ReleaseForecaster forecaster = given != null ? given : ReleaseForecaster.defaults();
      if (plan.adaptive()) {
        b.forecaster(forecaster);
      }
      try (SlotHunter hunter = b.build()) {
        hunter.listen(e -> {
          if (e instanceof SlotOpened o) {
            detected.putIfAbsent(Release.key(o.slot().target().ref().key(), o.slot().start()), o.at());
          }
        });
        for (Doctor d : world.doctors) {
          hunter.watch(WatchRequest.of("sim", d.target()).plan(plan.name()));
        }
        for (Instant t = START; t.isBefore(end); t = t.plus(step)) {
          if (before < 0 && !t.isBefore(from)) { // requests from the first measured step on
            before = fake.requestCount();
          }
          clock.set(t);
          hunter.runDue();
        }
      }
      if (Boolean.getBoolean("sim.debug")) {
        if (plan.adaptive()) {
          debug(world, forecaster, end);
        }
        pollDebug(world, polls);
      }
      return new Outcome(name, detected, fake.requestCount() - before, (System.nanoTime() - t0) / 1e9, "");
    }
  }

  /** Knows every doctor's true release rate by hour of week and take time; learns nothing. */
  static final class Oracle implements ReleaseForecaster {
    private final Map<String, Doctor> byTarget = new HashMap<>();

    Oracle(World world) {
      world.doctors.forEach(d -> byTarget.put(d.target().id(), d));
    }

    private final Map<String, Long> burstHour = new ConcurrentHashMap<>();

    @Override
    public void observe(String providerId, String targetId, Instant since, Instant at,
        List<io.github.slothunter.core.SlotChange> changes) {
      if (changes.stream().filter(c -> c.kind() == io.github.slothunter.core.SlotChange.Kind.OPENED).count() >= 4) {
        burstHour.put(targetId, Duration.between(START, at).toHours()); // like the default: not twice an hour
      }
    }

    @Override
    public double rate(String targetId, Instant at) {
      long hours = Math.floorDiv(Duration.between(START, at).toHours(), 1);
      int b = (int) Math.floorMod(hours, 168L);
      Doctor d = byTarget.get(targetId);
      boolean seen = burstHour.getOrDefault(targetId, -1L) == hours;
      return d.hourly()[b] - (seen ? d.openings()[b] : 0);
    }

    @Override
    public List<io.github.slothunter.core.ForecastWindow> forecast(String targetId, Instant from, int hours) {
      List<io.github.slothunter.core.ForecastWindow> out = new ArrayList<>();
      for (int h = 0; h < hours; h++) {
        Instant a = from.plus(Duration.ofHours(h));
        out.add(new io.github.slothunter.core.ForecastWindow(a, a.plus(Duration.ofHours(1)), rate(targetId, a), 0));
      }
      return out;
    }

    @Override
    public java.time.ZoneId zone() {
      return SlotHunterZones.TEHRAN; // its hours count from START, a Tehran midnight
    }

    @Override
    public java.util.Optional<Duration> typicalFreeTime(String targetId) {
      return java.util.Optional.of(Duration.ofMillis((long) (byTarget.get(targetId).meanTakeMinutes() * 60_000)));
    }
  }

  /** What the forecaster believes at the end about the first week's openings a week later, against its average belief. */
  private static void debug(World world, ReleaseForecaster f, Instant end) {
    Instant week2 = START.plus(Duration.ofDays(7));
    Map<String, Instant> openings = new LinkedHashMap<>();
    for (Release r : world.releases) {
      if (r.opening() && r.releasedAt().isBefore(week2)) {
        openings.putIfAbsent(r.doctor().slug(), r.releasedAt().plus(Duration.ofDays(7)));
      }
    }
    double sum = 0;
    int n = 0;
    for (Doctor d : world.doctors) {
      for (int h = 0; h < 168; h++) {
        sum += f.rate(d.target().id(), week2.plus(Duration.ofHours(h)));
        n++;
      }
    }
    System.out.printf(Locale.ROOT, "mean rate over all targets and hours: %.4f/h%n", sum / n);
    for (Pattern p : Pattern.values()) {
      double[] means = world.doctors.stream().filter(d -> d.pattern() == p).mapToDouble(d -> {
        double x = 0;
        for (int h = 0; h < 168; h++) {
          x += f.rate(d.target().id(), week2.plus(Duration.ofHours(h)));
        }
        return x / 168;
      }).sorted().toArray();
      double truth = world.releases.stream().filter(r -> r.doctor().pattern() == p).count() / (means.length * 14.0 * 24);
      System.out.printf(Locale.ROOT, "%s: forecast mean rate p10 %.4f, median %.4f, p90 %.4f /h; true mean %.4f /h%n", p,
          means[means.length / 10], means[means.length / 2], means[means.length * 9 / 10], truth);
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> shapes = new ArrayList<>();
    for (Doctor d : world.doctors) {
      if (d.pattern() != Pattern.CANCELLATIONS) {
        continue;
      }
      double fc = 0;
      double tr = 0;
      double dot = 0;
      double ff = 0;
      double tt = 0;
      for (int h = 0; h < 168; h++) {
        double x = f.rate(d.target().id(), week2.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(30)));
        int b = (int) Math.floorMod(Duration.between(START, week2.plus(Duration.ofHours(h))).toHours(), 168L);
        double y = d.hourly()[b];
        fc += x;
        tr += y;
        dot += x * y;
        ff += x * x;
        tt += y * y;
      }
      ratios.add(fc / tr);
      shapes.add(dot / Math.sqrt(ff * tt));
    }
    ratios.sort(null);
    shapes.sort(null);
    int q = ratios.size();
    System.out.printf(Locale.ROOT, "CANCELLATIONS forecast/true total: p10 %.2f median %.2f p90 %.2f; shape cosine p10 %.2f median %.2f%n",
        ratios.get(q / 10), ratios.get(q / 2), ratios.get(q * 9 / 10), shapes.get(q / 10), shapes.get(q / 2));
    int shown = 0;
    for (Doctor d : world.doctors) {
      Instant at = openings.get(d.slug());
      if (at == null || shown++ >= 15) {
        continue;
      }
      String id = d.target().id();
      System.out.printf(Locale.ROOT, "%s opening %s: rate -60m %.3f, -10m %.3f, at %.3f, +30m %.3f; same hour next day %.3f%n",
          d.slug(), at.atZone(SlotHunterZones.TEHRAN).toLocalDateTime(), f.rate(id, at.minus(Duration.ofMinutes(60))),
          f.rate(id, at.minus(Duration.ofMinutes(10))), f.rate(id, at), f.rate(id, at.plus(Duration.ofMinutes(30))),
          f.rate(id, at.plus(Duration.ofDays(1))));
    }
  }

  /** Wraps a provider factory to note when each target's calendar is looked at (one poll each). */
  private static io.github.slothunter.spi.ProviderFactory recording(io.github.slothunter.spi.ProviderFactory real,
      FakeClock clock, Map<String, List<Instant>> polls) {
    return SlotWatcherTap.wrap(real, w -> SlotWatcherTap.counting(w, true, target -> polls
        .computeIfAbsent(target.ref().key(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(clock.instant())));
  }

  /** Per pattern: polls per day, and for openings the wait from the opening to the next poll, by week. */
  private static void pollDebug(World world, Map<String, List<Instant>> polls) {
    for (Pattern p : Pattern.values()) {
      long n = 0;
      int doctors = 0;
      for (Doctor d : world.doctors) {
        if (d.pattern() == p) {
          doctors++;
          n += polls.getOrDefault(d.slug(), List.of()).size();
        }
      }
      System.out.printf(Locale.ROOT, "%s: %.1f polls per doctor-day%n", p, n / (double) doctors / 14);
    }
    for (int week = 0; week < 2; week++) {
      Instant from = START.plus(Duration.ofDays(7L * week));
      Instant to = from.plus(Duration.ofDays(7));
      List<Long> waits = new ArrayList<>();
      Set<String> done = new HashSet<>();
      for (Release r : world.releases) {
        if (r.opening() && !r.releasedAt().isBefore(from) && r.releasedAt().isBefore(to)
            && done.add(r.doctor().slug() + week)) {
          List<Instant> ps = polls.getOrDefault(r.doctor().slug(), List.of());
          long wait = -1;
          for (Instant t : ps) {
            if (t.isAfter(r.releasedAt())) {
              wait = Duration.between(r.releasedAt(), t).toMinutes();
              break;
            }
          }
          waits.add(wait < 0 ? 9999 : wait);
        }
      }
      waits.sort(null);
      if (waits.isEmpty()) {
        continue;
      }
      System.out.printf(Locale.ROOT, "week %d openings: %d, wait to next poll p25 %d, median %d, p75 %d min%n", week + 1,
          waits.size(), waits.get(waits.size() / 4), waits.get(waits.size() / 2), waits.get(waits.size() * 3 / 4));
    }
  }

  /** (a): poll target after target at a fixed pace of {@code perMinute} requests, diffing each target's slots. */
  private static Outcome roundRobin(World world, Instant from, Instant end, Duration step, long seed,
      double perMinute) throws Exception {
    FakeClock clock = FakeClock.at(START);
    long t0 = System.nanoTime();
    Map<String, Instant> detected = new HashMap<>();
    try (FakePaziresh24 fake = world.fake(clock, seed);
        Provider provider = new Paziresh24ProviderFactory().create(ProviderContext.builder("paziresh24")
            .config("base-url", fake.baseUrl()).clock(clock).build())) {
      SlotWatcher watcher = provider.slots();
      List<Target> targets = world.doctors.stream().map(Doctor::target).toList();
      List<Set<Instant>> seen = new ArrayList<>();
      targets.forEach(t -> seen.add(new HashSet<>()));
      long sent = 0;
      int next = 0;
      long before = -1;
      int[] sinceFar = new int[targets.size()];
      java.util.Arrays.fill(sinceFar, -1);
      for (Instant t = START; t.isBefore(end); t = t.plus(step)) {
        if (before < 0 && !t.isBefore(from)) {
          before = fake.requestCount();
        }
        clock.set(t);
        double allowed = perMinute * Duration.between(START, t).toMillis() / 60_000.0;
        while (sent < allowed) {
          Target target = targets.get(next);
          Set<Instant> now = new HashSet<>();
          // the engine's per-poll cost: one calendar request, one per free day it did not answer, and
          // the days past its window every FAR_DAYS_EVERY-th visit (the first visit included)
          io.github.slothunter.spi.FreeCalendar calendar = watcher.freeCalendar(target);
          sent++;
          List<LocalDate> free = new ArrayList<>(calendar.freeDays());
          LocalDate through = calendar.daysThrough();
          boolean farRead = through == null;
          if (calendar.fullyBooked()) {
            sinceFar[next] = 0;
          } else if (through != null && (sinceFar[next] < 0 || ++sinceFar[next] >= FAR_DAYS_EVERY)) {
            watcher.freeDays(target).stream().filter(d -> d.isAfter(through)).forEach(free::add);
            sent++;
            sinceFar[next] = 0;
            farRead = true;
          }
          for (LocalDate day : free) {
            List<Slot> slots = calendar.slotsOf(day).orElse(null);
            if (slots == null) {
              slots = watcher.freeSlots(target, day);
              sent++;
            }
            for (Slot s : slots) {
              now.add(s.start());
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
          next = (next + 1) % targets.size();
        }
      }
      return new Outcome(String.format(Locale.ROOT, "(a) round robin, %.1f req/min", perMinute), detected,
          fake.requestCount() - before, (System.nanoTime() - t0) / 1e9, "");
    }
  }

  // ---------------------------------------------------------------- report

  private static void table(String title, World world, java.util.Collection<Outcome> outcomes, Instant end,
      java.util.function.Predicate<Release> which) {
    List<Release> counted = world.releases.stream().filter(r -> !r.takenAt().isAfter(end)).filter(which).toList();
    System.out.println();
    System.out.println("== " + title + ": " + counted.size() + " releases, all taken by other patients");
    System.out.printf(Locale.ROOT, "%-34s | %8s | %-22s | %14s | %14s | %9s%n", "strategy", "releases",
        "detected in time", "median latency", "p90 latency", "requests");
    System.out.println("-".repeat(34) + "-+-" + "-".repeat(8) + "-+-" + "-".repeat(22) + "-+-" + "-".repeat(14)
        + "-+-" + "-".repeat(14) + "-+-" + "-".repeat(9));
    for (Outcome o : outcomes) {
      long[] latencies = new long[counted.size()];
      int n = 0;
      for (Release r : counted) {
        Instant d = o.detected().get(r.key());
        if (d != null && d.isBefore(r.takenAt()) && !d.isBefore(r.releasedAt())) {
          latencies[n++] = Duration.between(r.releasedAt(), d).toMillis();
        }
      }
      long[] s = Arrays.copyOf(latencies, n);
      Arrays.sort(s);
      System.out.printf(Locale.ROOT, "%-34s | %8d | %6d (%5.1f%%)         | %14s | %14s | %9d%n", o.name(),
          counted.size(), n, 100.0 * n / Math.max(1, counted.size()), minutes(s, 0.5), minutes(s, 0.9), o.requests());
    }
  }

  private static String minutes(long[] sorted, double q) {
    if (sorted.length == 0) {
      return "-";
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return String.format(Locale.ROOT, "%.1f min", sorted[Math.max(0, i)] / 60_000.0);
  }
}
