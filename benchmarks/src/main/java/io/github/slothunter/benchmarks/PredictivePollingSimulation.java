package io.github.slothunter.benchmarks;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.benchmarks.SimRun.Outcome;
import io.github.slothunter.benchmarks.SimWorld.Doctor;
import io.github.slothunter.benchmarks.SimWorld.Release;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.spi.ProviderFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

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
  private static final Instant START = SimWorld.START; // a Saturday, 00:00 Tehran

  private PredictivePollingSimulation() {}

  enum Pattern { CALENDAR, CANCELLATIONS, DEAD }

  private static Pattern pattern(Doctor d) {
    return Pattern.valueOf(d.kind());
  }

  /** The seeded world: {@code n} doctors and every release over {@code days} days. */
  static SimWorld world(int n, int days, long seed) {
    SimWorld world = new SimWorld();
    Instant end = START.plus(Duration.ofDays(days));
    for (int i = 0; i < n; i++) {
      // separate streams per doctor: a longer run has the same doctors and, day by day, the same releases
      Random r = new Random(SimWorld.mix(seed, i, 1));
      Random events = new Random(SimWorld.mix(seed, i, 2));
      Random cancels = new Random(SimWorld.mix(seed, i, 3));
      double u = r.nextDouble();
      Pattern p = u < 0.3 ? Pattern.CALENDAR : u < 0.7 ? Pattern.CANCELLATIONS : Pattern.DEAD;
      Doctor d = new Doctor(String.format(Locale.ROOT, "dr-%04d", i), i, p.name(),
          8 + 12 * r.nextDouble(), new double[168], new double[168]);
      world.doctors.add(d);
      Set<Instant> used = new HashSet<>();
      if (p == Pattern.CALENDAR) {
        int day = r.nextInt(6); // Saturday..Thursday
        int[] hours = {7, 8, 9, 10, 12, 14, 18, 20, 21, 22};
        int hour = hours[r.nextInt(hours.length)];
        int perDay = 4 + r.nextInt(5);
        int openDays = 2 + r.nextInt(3);
        world.weeklyOpenings(events, d, day, hour, perDay, openDays, 600, end, used);
        world.cancellations(cancels, d, 0.3, 8, 20, 1.0, days, used);
      } else if (p == Pattern.CANCELLATIONS) {
        double[] rates = {0.5, 1, 2, 4, 8};
        int[][] habits = {{7, 11}, {18, 23}, {8, 20}};
        int[] h = habits[r.nextInt(habits.length)];
        double rate = rates[r.nextInt(rates.length)];
        world.cancellations(cancels, d, rate, h[0], h[1], 0.8, days, used);
      }
    }
    world.sortReleases();
    return world;
  }

  public static void main(String[] args) throws Exception {
    int targets = arg(args, 0, 500);
    int days = arg(args, 1, 14);
    int perMinute = arg(args, 2, 12);
    long seed = arg(args, 3, 11);
    int stepSeconds = arg(args, 4, 2);
    String strategies = args.length > 5 ? args[5] : "bcoa";
    int maxIntervalMinutes = arg(args, 6, 120);
    int warmDays = arg(args, 7, 0);
    SimWorld world = world(targets, warmDays + days, seed);
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

    SimRun run = new SimRun(world, from, end, step, seed, site -> { });
    boolean debug = Boolean.getBoolean("sim.debug");
    Map<Character, Outcome> outcomes = new LinkedHashMap<>();
    for (char s : strategies.toCharArray()) {
      Map<String, List<Instant>> polls = new ConcurrentHashMap<>();
      UnaryOperator<ProviderFactory> tap = debug ? f -> recording(f, run.clock(), polls) : UnaryOperator.identity();
      ReleaseForecaster forecaster = s == 'o' ? new SimRun.Oracle(world) : ReleaseForecaster.defaults();
      Outcome o;
      switch (s) {
        case 'a': {
          Outcome ref = outcomes.containsKey('b') ? outcomes.get('b') : outcomes.get('c');
          double rate = ref != null ? ref.requests() / (days * 1440.0) : perMinute - Math.min(3, perMinute / 10);
          o = run.roundRobin(String.format(Locale.ROOT, "(a) round robin, %.1f req/min", rate), rate, false);
          break;
        }
        case 'b':
          o = run.engine("(b) plan scheduler", fixed, budget, null, false, tap);
          break;
        case 'c':
          o = run.engine("(c) adaptive", fixed.withAdaptive(true), budget, forecaster, false, tap);
          break;
        case 'o': // reference: the adaptive engine told the world's true rates (what perfect learning would reach)
          o = run.engine("(o) adaptive, true rates", fixed.withAdaptive(true), budget, forecaster, false, tap);
          break;
        case 'd': // sensitivity: adaptive with the default maxInterval of a 1-minute plan (30 min)
          o = run.engine("(c) adaptive, maxInterval 30m",
              new Plan("SIM", Plan.UNLIMITED, Duration.ofMinutes(1), false, 4).withAdaptive(true), budget, forecaster,
              false, tap);
          break;
        default:
          throw new IllegalArgumentException("unknown strategy " + s + " (use a, b, c, d, o)");
      }
      if (debug && s != 'a') {
        if (s != 'b') {
          debug(world, forecaster, end);
        }
        pollDebug(world, polls);
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
  private static void missedOpenings(SimWorld world, java.util.Collection<Outcome> outcomes, Instant from, Instant end) {
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

  private static String census(SimWorld w) {
    Map<Pattern, Integer> n = new LinkedHashMap<>();
    for (Pattern p : Pattern.values()) {
      n.put(p, 0);
    }
    w.doctors.forEach(d -> n.merge(pattern(d), 1, Integer::sum));
    return n.get(Pattern.CALENDAR) + " weekly calendar openings, " + n.get(Pattern.CANCELLATIONS)
        + " cancellations only, " + n.get(Pattern.DEAD) + " dead";
  }

  private static int arg(String[] args, int i, int def) {
    return args.length > i && !args[i].isBlank() ? Integer.parseInt(args[i]) : def;
  }

  // ---------------------------------------------------------------- diagnostics

  /** What the forecaster believes at the end about the first week's openings a week later, against its average belief. */
  private static void debug(SimWorld world, ReleaseForecaster f, Instant end) {
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
      double[] means = world.doctors.stream().filter(d -> pattern(d) == p).mapToDouble(d -> {
        double x = 0;
        for (int h = 0; h < 168; h++) {
          x += f.rate(d.target().id(), week2.plus(Duration.ofHours(h)));
        }
        return x / 168;
      }).sorted().toArray();
      double truth = world.releases.stream().filter(r -> pattern(r.doctor()) == p).count() / (means.length * 14.0 * 24);
      System.out.printf(Locale.ROOT, "%s: forecast mean rate p10 %.4f, median %.4f, p90 %.4f /h; true mean %.4f /h%n", p,
          means[means.length / 10], means[means.length / 2], means[means.length * 9 / 10], truth);
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> shapes = new ArrayList<>();
    for (Doctor d : world.doctors) {
      if (pattern(d) != Pattern.CANCELLATIONS) {
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
  private static ProviderFactory recording(ProviderFactory real, java.time.Clock clock,
      Map<String, List<Instant>> polls) {
    return SlotWatcherTap.wrap(real, w -> SlotWatcherTap.counting(w, true, target -> polls
        .computeIfAbsent(target.ref().key(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(clock.instant())));
  }

  /** Per pattern: polls per day, and for openings the wait from the opening to the next poll, by week. */
  private static void pollDebug(SimWorld world, Map<String, List<Instant>> polls) {
    for (Pattern p : Pattern.values()) {
      long n = 0;
      int doctors = 0;
      for (Doctor d : world.doctors) {
        if (pattern(d) == p) {
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

  // ---------------------------------------------------------------- report

  private static void table(String title, SimWorld world, java.util.Collection<Outcome> outcomes, Instant end,
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
