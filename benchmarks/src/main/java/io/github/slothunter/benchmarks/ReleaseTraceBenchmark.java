package io.github.slothunter.benchmarks;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.benchmarks.SimRun.Outcome;
import io.github.slothunter.benchmarks.SimWorld.Doctor;
import io.github.slothunter.benchmarks.SimWorld.Release;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.ReleaseForecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A replayable release trace at the site's pace (issue #21, item 5): 30 Paziresh24 doctors on
 * FakePaziresh24, which allows 20 requests a minute (HTTP 429 with Retry-After above it), a
 * competing patient taking every freed slot, and four strategies booking for one patient per doctor,
 * on a virtual clock over localhost HTTP through the real Paziresh24 provider.
 *
 * <p><b>The trace</b> (seeded: the same seed gives the same doctors, releases and takes for every
 * strategy; the doctors' order is shuffled by the seed; calendars start fully booked):
 * <ul>
 *   <li>6 dead doctors: never free anything;
 *   <li>6, 6 and 3 doctors with <b>1, 4 and 12 cancellations an hour</b> in their busy hours: a Poisson
 *       stream at that rate through a four-hour habit window (08-12, 12-16, 16-20 or 19-23 Tehran), plus
 *       an eighth of it over 07-23 (so 6, 24 and 72 a day); each frees a 15-minute slot 1-10 days ahead;
 *   <li>9 doctors with <b>weekly openings</b>: every week at a fixed weekday (Saturday-Thursday) and
 *       hour (08-20), up to 5 minutes late, the clinic opens the week after's first 2-3 working days,
 *       3-6 slots a day; plus half a cancellation a day (08-20).
 * </ul>
 * Another patient takes each freed slot after an exponential time with mean 90 s, unless a strategy
 * booked it first.
 *
 * <p><b>The strategies</b>, each booking the first slot it can for each doctor (one booking per doctor;
 * the patient's account logged in on the fake):
 * <ul>
 *   <li><b>(a) round robin</b>: a plain loop polling the doctors in turn at a fixed 20 requests a
 *       minute (the site's limit: what today's bots do), each poll costing what the engine's costs; it
 *       holds and books at once, on top of its pace, and pauses for the Retry-After of a 429;
 *   <li><b>(b) plan scheduler</b>: the engine, every doctor on the PRO plan (30 s) with adaptive off,
 *       auto-book on;
 *   <li><b>(c) adaptive</b>: the same with adaptive on and the default forecaster, which starts
 *       knowing nothing;
 *   <li><b>(o) oracle</b>: (c) with a forecaster told every doctor's true rate per hour of the week and
 *       the true take time: the practical limit of the scheduler.
 * </ul>
 * The engine's budget is 20 a minute and 1,200 an hour (the site's limit; it keeps 2 a minute for
 * holds and bookings), so it never draws a 429.
 *
 * <p><b>The metrics.</b> A release counts if it happened in the run and its take time fell inside
 * it. <em>Seen while free</em>: the strategy saw the slot (the engine: {@code SlotOpened}) before
 * the other patient took it; release -> seen is the time from the release (known exactly) to that
 * moment. <em>Doctors served</em>: doctors with a release for whom the strategy booked a slot.
 * <em>First release booked</em>: doctors whose first release (all slots of an opening count as one
 * release) the strategy booked. Requests and 429s are counted on the fake. With more than a week
 * simulated a second table shows the time after the first week, when the adaptive scheduler has
 * stopped exploring and has seen each weekly opening once.
 *
 * <p><b>The clock</b> advances in steps of half a second and the engine runs every due poll
 * ({@link io.github.slothunter.core.SlotHunter#runDue()}); the fake applies releases and takes at
 * their exact times. Coarser steps would starve the engine: its poll pacer holds at most one token,
 * so a step that passes the moment a token is due wastes the rest of it (2 s steps: 15 polls a minute
 * instead of its 18; half a second: 17).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.slothunter.benchmarks.ReleaseTraceBenchmark
 * [seed=21] [hours=168] [strategies=abco] [stepSeconds=0.5]} (about 4 minutes for a week on 2 cores;
 * add {@code -Dtrace.debug=true} for each doctor's first release per strategy).
 */
public final class ReleaseTraceBenchmark {
  /** The site's limit, and so the fake's and the engine's per-minute budget. */
  static final int PER_MINUTE = 20;
  static final Duration MEAN_TAKE = Duration.ofSeconds(90);
  private static final String DEAD = "dead";
  private static final String WEEKLY = "weekly";

  private ReleaseTraceBenchmark() {}

  /** The kind of a doctor with {@code perHour} cancellations an hour in their busy hours. */
  private static String cancellations(int perHour) {
    return perHour + "/h";
  }

  /** The seeded 30-doctor trace over {@code hours} hours. */
  static SimWorld trace(long seed, int hours) {
    List<String> kinds = new ArrayList<>();
    kinds.addAll(Collections.nCopies(6, DEAD));
    kinds.addAll(Collections.nCopies(6, cancellations(1)));
    kinds.addAll(Collections.nCopies(6, cancellations(4)));
    kinds.addAll(Collections.nCopies(3, cancellations(12)));
    kinds.addAll(Collections.nCopies(9, WEEKLY));
    Collections.shuffle(kinds, new Random(SimWorld.mix(seed, -1, 0)));
    SimWorld world = new SimWorld();
    Instant end = SimWorld.START.plus(Duration.ofHours(hours));
    int days = (hours + 23) / 24;
    double meanTakeMinutes = MEAN_TAKE.toMillis() / 60_000.0;
    for (int i = 0; i < kinds.size(); i++) {
      Random r = new Random(SimWorld.mix(seed, i, 1));
      Random events = new Random(SimWorld.mix(seed, i, 2));
      Random cancels = new Random(SimWorld.mix(seed, i, 3));
      String kind = kinds.get(i);
      Doctor d = new Doctor(String.format(Locale.ROOT, "dr-%02d", i), i, kind, meanTakeMinutes, new double[168],
          new double[168]);
      world.doctors.add(d);
      Set<Instant> used = new HashSet<>();
      if (kind.equals(WEEKLY)) {
        int[] hoursOfDay = {8, 9, 10, 12, 14, 16, 18, 20};
        int day = r.nextInt(6);
        int hour = hoursOfDay[r.nextInt(hoursOfDay.length)];
        world.weeklyOpenings(events, d, day, hour, 3 + r.nextInt(4), 2 + r.nextInt(2), 300, end, used);
        world.cancellations(cancels, d, 0.5, 8, 20, 1.0, days, used);
      } else if (!kind.equals(DEAD)) {
        int perHour = Integer.parseInt(kind.substring(0, kind.indexOf('/')));
        int[][] habits = {{8, 12}, {12, 16}, {16, 20}, {19, 23}};
        int[] h = habits[r.nextInt(habits.length)];
        // perHour through the four habit hours plus perHour / 8 over the sixteen hours 07-23
        world.cancellations(cancels, d, 6.0 * perHour, h[0], h[1], 4.0 / 6, days, used);
      }
    }
    world.sortReleases();
    return world;
  }

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 21;
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 168;
    String strategies = args.length > 2 ? args[2] : "abco";
    double stepSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
    SimWorld world = trace(seed, hours);
    Instant end = SimWorld.START.plus(Duration.ofHours(hours));
    SimRun run = new SimRun(world, SimWorld.START, end, Duration.ofMillis(Math.round(stepSeconds * 1000)), seed,
        site -> site.rateLimitPerMinute(PER_MINUTE).tokenTtl(Duration.ofHours(hours + 24L)));
    RequestBudget budget = RequestBudget.of(PER_MINUTE, PER_MINUTE * 60, 4);
    System.out.printf(Locale.ROOT, "30 doctors (%s), %d simulated hours, seed %d, step %.2f s; the site allows %d"
            + " requests/min; another patient takes each freed slot after Exp(mean %d s); %d releases%n",
        census(world), hours, seed, stepSeconds, PER_MINUTE, MEAN_TAKE.toSeconds(), world.releases.size());

    List<Outcome> outcomes = new ArrayList<>();
    for (char s : strategies.toCharArray()) {
      Outcome o;
      switch (s) {
        case 'a':
          o = run.roundRobin("(a) round robin, " + PER_MINUTE + " req/min", PER_MINUTE, true);
          break;
        case 'b':
          o = run.engine("(b) plan scheduler, PRO", Plans.PRO.withAdaptive(false), budget, null, true,
              UnaryOperator.identity());
          break;
        case 'c':
          o = run.engine("(c) adaptive, PRO", Plans.PRO, budget, ReleaseForecaster.defaults(), true,
              UnaryOperator.identity());
          break;
        case 'o':
          o = run.engine("(o) oracle: adaptive, true rates", Plans.PRO, budget, new SimRun.Oracle(world), true,
              UnaryOperator.identity());
          break;
        default:
          throw new IllegalArgumentException("unknown strategy " + s + " (use a, b, c, o)");
      }
      outcomes.add(o);
      System.out.printf(Locale.ROOT, "  ran %s in %.0f s%s%n", o.name(), o.wallSeconds(), o.note());
    }

    table("all " + hours + " hours", world, outcomes, end, r -> true, true);
    Instant week = SimWorld.START.plus(Duration.ofDays(7));
    if (end.isAfter(week)) {
      table("after the first week (hours 169-" + hours + ")", world, outcomes, end,
          r -> !r.releasedAt().isBefore(week), false);
    }
    byKind(world, outcomes, end);
    if (Boolean.getBoolean("trace.debug")) {
      firstReleases(world, outcomes, end);
    }
  }

  /** Per doctor and strategy: the first release, whether it was seen while free, and what was booked when. */
  private static void firstReleases(SimWorld world, List<Outcome> outcomes, Instant end) {
    for (Doctor d : world.doctors) {
      List<Release> rs = counted(world, end, r -> r.doctor() == d);
      if (rs.isEmpty()) {
        continue;
      }
      Instant first = rs.stream().map(Release::releasedAt).min(Instant::compareTo).orElseThrow();
      List<Release> firsts = rs.stream().filter(r -> r.releasedAt().equals(first)).toList();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %-6s first at +%5.1f min (%d slots, taken"
          + " after %d s):", d.slug(), d.kind(), Duration.between(SimWorld.START, first).toSeconds() / 60.0,
          firsts.size(), Duration.between(first, firsts.get(0).takenAt()).toSeconds()));
      for (Outcome o : outcomes) {
        long seen = firsts.stream().filter(r -> seenFree(o, r)).count();
        Instant seenAt = firsts.stream().map(r -> o.detected().get(r.key())).filter(x -> x != null)
            .min(Instant::compareTo).orElse(null);
        String bookedAt = rs.stream().filter(r -> o.booked().containsKey(r.key())).findFirst()
            .map(r -> (r.releasedAt().equals(first) ? "first" : "later") + " +"
                + Duration.between(SimWorld.START, o.booked().get(r.key())).toMinutes() + "m")
            .orElse("none");
        line.append(String.format(Locale.ROOT, " %s seen %d%s, booked %s;", o.name().substring(0, 3), seen,
            seenAt == null ? "" : " +" + Duration.between(first, seenAt).toSeconds() + "s", bookedAt));
      }
      System.out.println(line);
    }
  }

  private static String census(SimWorld w) {
    Map<String, Integer> n = new LinkedHashMap<>();
    for (String k : List.of(DEAD, cancellations(1), cancellations(4), cancellations(12), WEEKLY)) {
      n.put(k, 0);
    }
    w.doctors.forEach(d -> n.merge(d.kind(), 1, Integer::sum));
    return n.get(DEAD) + " dead, " + n.get(cancellations(1)) + " with 1/h, " + n.get(cancellations(4))
        + " with 4/h, " + n.get(cancellations(12)) + " with 12/h cancellations, " + n.get(WEEKLY)
        + " with weekly openings";
  }

  /** Releases that happened and were due to be taken inside the run. */
  private static List<Release> counted(SimWorld world, Instant end, Predicate<Release> which) {
    return world.releases.stream().filter(r -> !r.takenAt().isAfter(end)).filter(which).toList();
  }

  private static boolean seenFree(Outcome o, Release r) {
    Instant d = o.detected().get(r.key());
    return d != null && d.isBefore(r.takenAt()) && !d.isBefore(r.releasedAt());
  }

  private static void table(String title, SimWorld world, List<Outcome> outcomes, Instant end,
      Predicate<Release> which, boolean bookings) {
    List<Release> counted = counted(world, end, which);
    System.out.println();
    System.out.println("== " + title + ": " + counted.size() + " releases");
    String head = String.format(Locale.ROOT, "%-34s | %8s | %-16s | %-13s", "strategy", "releases",
        "seen while free", "release->seen");
    if (bookings) {
      head += String.format(Locale.ROOT, " | %-14s | %-20s", "doctors served", "first release booked");
    }
    head += String.format(Locale.ROOT, " | %8s | %5s", "requests", "429s");
    System.out.println(head);
    System.out.println(head.replaceAll("[^|]", "-").replace('|', '+'));
    for (Outcome o : outcomes) {
      long[] latencies = counted.stream().filter(r -> seenFree(o, r))
          .mapToLong(r -> Duration.between(r.releasedAt(), o.detected().get(r.key())).toMillis()).sorted().toArray();
      String row = String.format(Locale.ROOT, "%-34s | %8d | %5d (%5.1f%%)   | %5s / %5s", o.name(),
          counted.size(), latencies.length, 100.0 * latencies.length / Math.max(1, counted.size()),
          seconds(latencies, 0.5), seconds(latencies, 0.9));
      if (bookings) {
        row += String.format(Locale.ROOT, " | %-14s | %-20s", doctorsServed(world, o, counted),
            firstReleasesBooked(world, o, end));
      }
      System.out.println(row + String.format(Locale.ROOT, " | %8d | %5d", o.requests(), o.rateLimited()));
    }
  }

  /** Doctors with a release for whom the strategy booked a slot, "n of m". */
  private static String doctorsServed(SimWorld world, Outcome o, List<Release> counted) {
    Set<String> released = new HashSet<>();
    counted.forEach(r -> released.add(r.doctor().slug()));
    Set<String> served = new HashSet<>();
    for (Release r : world.releases) {
      if (o.booked().containsKey(r.key()) && released.contains(r.doctor().slug())) {
        served.add(r.doctor().slug());
      }
    }
    return served.size() + " of " + released.size();
  }

  /** Doctors whose first release (every slot freed at that moment) the strategy booked, "n of m (x%)". */
  private static String firstReleasesBooked(SimWorld world, Outcome o, Instant end) {
    Map<String, Instant> first = new LinkedHashMap<>();
    for (Release r : counted(world, end, r -> true)) {
      first.merge(r.doctor().slug(), r.releasedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }
    Set<String> booked = new HashSet<>();
    for (Release r : world.releases) {
      if (r.releasedAt().equals(first.get(r.doctor().slug())) && o.booked().containsKey(r.key())) {
        booked.add(r.doctor().slug());
      }
    }
    return String.format(Locale.ROOT, "%d of %d (%.0f%%)", booked.size(), first.size(),
        100.0 * booked.size() / Math.max(1, first.size()));
  }

  /** Seen while free by kind of doctor, for each strategy. */
  private static void byKind(SimWorld world, List<Outcome> outcomes, Instant end) {
    System.out.println();
    System.out.println("seen while free by kind of doctor (all hours):");
    for (Outcome o : outcomes) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", o.name()));
      for (String kind : List.of(cancellations(1), cancellations(4), cancellations(12), WEEKLY)) {
        List<Release> rs = counted(world, end, r -> r.doctor().kind().equals(kind));
        long seen = rs.stream().filter(r -> seenFree(o, r)).count();
        line.append(String.format(Locale.ROOT, " | %s %5.1f%% of %4d", kind, 100.0 * seen / Math.max(1, rs.size()),
            rs.size()));
      }
      System.out.println(line);
    }
    System.out.println();
    System.out.println("seen while free by day (the forecaster learns; it explores for the first week):");
    for (Outcome o : outcomes) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", o.name()));
      for (Instant day = SimWorld.START; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
        Instant from = day;
        Instant to = day.plus(Duration.ofDays(1));
        List<Release> rs = counted(world, end, r -> !r.releasedAt().isBefore(from) && r.releasedAt().isBefore(to));
        long seen = rs.stream().filter(r -> seenFree(o, r)).count();
        line.append(String.format(Locale.ROOT, " | %5.1f%%", 100.0 * seen / Math.max(1, rs.size())));
      }
      System.out.println(line);
    }
  }

  private static String seconds(long[] sortedMillis, double q) {
    if (sortedMillis.length == 0) {
      return "-";
    }
    int i = (int) Math.min(sortedMillis.length - 1, Math.ceil(q * sortedMillis.length) - 1);
    return Math.round(sortedMillis[Math.max(0, i)] / 1000.0) + " s";
  }
}
