package io.github.slothunter.core;

import io.github.slothunter.api.SlotChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The default forecaster on synthetic histories. */
class HourOfWeekForecasterTest {
  /** A Saturday, 00:00 Tehran time. */
  static final ZonedDateTime WEEK0 = ZonedDateTime.of(LocalDate.of(2026, 11, 7), LocalTime.MIDNIGHT, SlotHunterZones.TEHRAN);
  private static final String PROVIDER = "mem";

  static String id(String key) {
    return target(key).id();
  }

  static Target target(String key) {
    return new Target(new DoctorRef(PROVIDER, key), "c1", "s1", Map.of());
  }

  static Instant at(int week, DayOfWeek day, int hour, int minute) {
    int offset = (day.getValue() + 1) % 7; // Saturday = 0
    return WEEK0.plusWeeks(week).plusDays(offset).withHour(hour).withMinute(minute).toInstant();
  }

  /**
   * Polls a target every {@code every} from {@code start} to {@code end}; a poll finds the slots
   * released in its interval (a count per release instant). Returns the history the store would
   * keep (polls that changed something), the first poll's initial inventory first.
   */
  static List<SlotChange> watch(ReleaseForecaster f, String key, Instant start, Instant end, Duration every,
      TreeMap<Instant, Integer> releases, int inventory) {
    Target t = target(key);
    List<SlotChange> history = new ArrayList<>();
    List<SlotChange> first = new ArrayList<>();
    for (int i = 0; i < inventory; i++) {
      first.add(new SlotChange(slot(t, start, 9000 + i), SlotChange.Kind.OPENED, start, null));
    }
    f.observe(PROVIDER, t.id(), null, start, first);
    history.addAll(first);
    int n = 0;
    for (Instant prev = start, now = start.plus(every); !now.isAfter(end); prev = now, now = now.plus(every)) {
      List<SlotChange> changes = new ArrayList<>();
      for (Map.Entry<Instant, Integer> e : releases.subMap(prev, false, now, true).entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          changes.add(new SlotChange(slot(t, now, n++), SlotChange.Kind.OPENED, now, prev));
        }
      }
      f.observe(PROVIDER, t.id(), prev, now, changes);
      history.addAll(changes);
    }
    return history;
  }

  static Slot slot(Target t, Instant near, int n) {
    Instant start = near.plus(Duration.ofDays(20)).plus(Duration.ofMinutes(15L * n));
    return new Slot(t, start, start.plus(Duration.ofMinutes(15)), "k" + n);
  }

  private static TreeMap<Instant, Integer> weekly(int fromWeek, int toWeek, DayOfWeek day, int hour, int minute, int n) {
    TreeMap<Instant, Integer> m = new TreeMap<>();
    for (int w = fromWeek; w <= toWeek; w++) {
      m.merge(at(w, day, hour, minute), n, Integer::sum);
    }
    return m;
  }

  private static ForecastWindow best(List<ForecastWindow> windows) {
    return windows.stream().max(Comparator.comparingDouble(ForecastWindow::expectedReleases)).orElseThrow();
  }

  private static ForecastWindow windowAt(List<ForecastWindow> windows, Instant from) {
    return windows.stream().filter(w -> w.from().equals(from)).findFirst().orElseThrow();
  }

  @Test
  void anOpeningSeenThisHourIsNotExpectedAgainInIt() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    // weeks 0-2 learn the Saturday 08:02 opening; week 3 is watched up to 08:10, just after it
    watch(f, "dr-a", WEEK0.toInstant(), at(3, DayOfWeek.SATURDAY, 8, 10), Duration.ofMinutes(10),
        weekly(0, 3, DayOfWeek.SATURDAY, 8, 2, 12), 0);

    double rest = f.rate(id("dr-a"), at(3, DayOfWeek.SATURDAY, 8, 30));
    double nextWeek = f.rate(id("dr-a"), at(4, DayOfWeek.SATURDAY, 8, 30));
    assertThat(nextWeek).isGreaterThan(5);
    assertThat(rest).isLessThan(nextWeek / 20); // the rest of this hour: cancellations only
    // the forecast of the coming week is unchanged: it is about that week's opening
    assertThat(f.forecast(id("dr-a"), at(4, DayOfWeek.SATURDAY, 8, 0), 1).get(0).expectedReleases()).isGreaterThan(5);
  }

  @Test
  void watchedForSpansTheEvidenceIncludingWarmUpHistory() {
    HourOfWeekForecaster live = HourOfWeekForecaster.builder().build();
    assertThat(live.watchedFor(id("dr-a"))).isZero();
    List<SlotChange> history = watch(live, "dr-a", at(0, DayOfWeek.MONDAY, 8, 0), at(0, DayOfWeek.MONDAY, 20, 0),
        Duration.ofMinutes(30), weekly(0, 0, DayOfWeek.MONDAY, 9, 10, 2), 1);
    assertThat(live.watchedFor(id("dr-a"))).isEqualTo(Duration.ofHours(12));

    HourOfWeekForecaster warm = HourOfWeekForecaster.builder().build();
    warm.warmUp(PROVIDER, id("dr-a"), history);
    // the history keeps only polls that changed something: from the first one to the last
    assertThat(warm.watchedFor(id("dr-a"))).isEqualTo(Duration.ofMinutes(90));
    warm.observe(PROVIDER, id("dr-a"), at(0, DayOfWeek.TUESDAY, 8, 0), at(0, DayOfWeek.TUESDAY, 8, 30), List.of());
    assertThat(warm.watchedFor(id("dr-a"))).isEqualTo(Duration.ofHours(24).plusMinutes(30));
    warm.forget(id("dr-a"));
    assertThat(warm.watchedFor(id("dr-a"))).isZero();
    assertThat(new ReleaseForecaster() {
      @Override
      public void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes) {}

      @Override
      public double rate(String targetId, Instant at) {
        return 0;
      }

      @Override
      public List<ForecastWindow> forecast(String targetId, Instant from, int hours) {
        return List.of();
      }
    }.watchedFor("any")).isEqualTo(Duration.ofDays(365)); // implementations that do not say are trusted
  }

  @Test
  void aQuietTargetKeepsMostOfTheProvidersOpeningChanceForAboutAWeek() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    // ten doctors open every Saturday 08:02; a new one has been quiet for three days
    for (int d = 0; d < 10; d++) {
      watch(f, "dr-" + d, WEEK0.toInstant(), at(2, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10),
          weekly(0, 1, DayOfWeek.SATURDAY, 8, 2, 12), 0);
    }
    watch(f, "dr-new", at(1, DayOfWeek.WEDNESDAY, 0, 0), at(2, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10),
        new TreeMap<>(), 0);
    watch(f, "dr-old", WEEK0.toInstant(), at(2, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10), new TreeMap<>(), 0);

    double opener = f.rate(id("dr-0"), at(2, DayOfWeek.SATURDAY, 8, 30));
    double quietThreeDays = f.rate(id("dr-new"), at(2, DayOfWeek.SATURDAY, 8, 30));
    double quietTwoWeeks = f.rate(id("dr-old"), at(2, DayOfWeek.SATURDAY, 8, 30));
    assertThat(quietThreeDays).isBetween(0.1 * opener, opener);
    assertThat(quietTwoWeeks).isLessThan(0.6 * quietThreeDays);
  }

  @Test
  void learnsASaturdayEightOClockCalendarOpening() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    TreeMap<Instant, Integer> releases = weekly(0, 3, DayOfWeek.SATURDAY, 8, 2, 12);
    // a little noise: single cancellations on weekday afternoons
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      releases.merge(at(random.nextInt(4), DayOfWeek.of(1 + random.nextInt(4)), 13 + random.nextInt(5),
          random.nextInt(60)), 1, Integer::sum);
    }

    watch(f, "dr-a", WEEK0.toInstant(), at(4, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10), releases, 0);
    List<ForecastWindow> nextWeek = f.forecast(id("dr-a"), at(4, DayOfWeek.SATURDAY, 0, 0), 168);

    ForecastWindow best = best(nextWeek);
    assertThat(best.from()).isEqualTo(at(4, DayOfWeek.SATURDAY, 8, 0));
    assertThat(best.to()).isEqualTo(at(4, DayOfWeek.SATURDAY, 9, 0));
    assertThat(best.openingProbability()).isGreaterThan(0.8);
    assertThat(best.expectedReleases()).isGreaterThan(8);
    assertThat(windowAt(nextWeek, at(4, DayOfWeek.SUNDAY, 8, 0)).openingProbability()).isLessThan(0.05);
    assertThat(f.rate(id("dr-a"), at(4, DayOfWeek.SATURDAY, 8, 30)))
        .isGreaterThan(20 * f.rate(id("dr-a"), at(4, DayOfWeek.SATURDAY, 3, 30)));
    assertThat(f.bucketOf(at(4, DayOfWeek.SATURDAY, 8, 30))).isEqualTo(8);
  }

  @Test
  void anOpeningSeenOnceIsExpectedAgainAWeekLaterAndAnHourWatchedWithoutOneLosesItsPrior() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    // one week watched every 10 minutes: an opening on Saturday 08:02; other doctors open on Sundays 08:02
    watch(f, "dr-once", WEEK0.toInstant(), at(1, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10),
        weekly(0, 0, DayOfWeek.SATURDAY, 8, 2, 12), 0);
    for (int d = 0; d < 5; d++) {
      watch(f, "dr-sun" + d, WEEK0.toInstant(), at(1, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10),
          weekly(0, 0, DayOfWeek.SUNDAY, 8, 2, 12), 0);
    }
    f.observe(PROVIDER, id("dr-fresh"), null, at(1, DayOfWeek.SATURDAY, 0, 0), List.of()); // its first poll

    List<ForecastWindow> nextWeek = f.forecast(id("dr-once"), at(1, DayOfWeek.SATURDAY, 0, 0), 48);
    double freshSunday = windowAt(f.forecast(id("dr-fresh"), at(1, DayOfWeek.SATURDAY, 0, 0), 48),
        at(1, DayOfWeek.SUNDAY, 8, 0)).openingProbability();

    // clinics open at fixed hours: one sighting outweighs the prior (with a prior of two trials: 0.36)
    assertThat(windowAt(nextWeek, at(1, DayOfWeek.SATURDAY, 8, 0)).openingProbability()).isBetween(0.7, 0.9);
    // the provider's Sunday openings: a new target inherits them, an hour watched through without one keeps a
    // quarter of that
    assertThat(freshSunday).isGreaterThan(0.5);
    assertThat(windowAt(nextWeek, at(1, DayOfWeek.SUNDAY, 8, 0)).openingProbability())
        .isBetween(0.1 * freshSunday, 0.3 * freshSunday);
  }

  @Test
  void decaysAPatternThatStoppedBelowACurrentOne() {
    // an opening on Saturdays 08:00 for weeks 0-7, stopped eight weeks ago; Mondays 18:00 for the last four weeks
    TreeMap<Instant, Integer> releases = weekly(0, 7, DayOfWeek.SATURDAY, 8, 2, 10);
    weekly(12, 15, DayOfWeek.MONDAY, 18, 2, 10).forEach((k, v) -> releases.merge(k, v, Integer::sum));
    HourOfWeekForecaster decaying = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster remembering = HourOfWeekForecaster.builder().halfLife(Duration.ofDays(100_000)).build();

    for (HourOfWeekForecaster f : List.of(decaying, remembering)) {
      watch(f, "dr-b", WEEK0.toInstant(), at(16, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(20), releases, 0);
    }
    List<ForecastWindow> d = decaying.forecast(id("dr-b"), at(16, DayOfWeek.SATURDAY, 0, 0), 168);
    List<ForecastWindow> r = remembering.forecast(id("dr-b"), at(16, DayOfWeek.SATURDAY, 0, 0), 168);

    Instant oldHour = at(16, DayOfWeek.SATURDAY, 8, 0);
    Instant newHour = at(16, DayOfWeek.MONDAY, 18, 0);
    assertThat(best(d).from()).isEqualTo(newHour);
    assertThat(windowAt(d, oldHour).expectedReleases()).isLessThan(windowAt(d, newHour).expectedReleases() / 2);
    assertThat(windowAt(d, oldHour).openingProbability()).isLessThan(windowAt(d, newHour).openingProbability());
    // without forgetting, eight old weeks would outweigh four new ones
    assertThat(best(r).from()).isEqualTo(oldHour);
  }

  @Test
  void coldStartUsesTheProviderPrior() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    for (int d = 0; d < 10; d++) {
      TreeMap<Instant, Integer> daily = new TreeMap<>();
      for (int day = 0; day < 14; day++) {
        daily.put(WEEK0.plusDays(day).withHour(10).withMinute(5 + 3 * d).toInstant(), 2);
      }
      watch(f, "dr-" + d, WEEK0.toInstant(), WEEK0.plusDays(14).toInstant(), Duration.ofMinutes(15), daily, 0);
    }
    Instant tenAm = WEEK0.plusDays(14).withHour(10).withMinute(30).toInstant();
    Instant threeAm = WEEK0.plusDays(14).withHour(3).withMinute(30).toInstant();
    // one brand-new target seen once (its first poll), another never
    f.observe(PROVIDER, id("dr-new"), null, WEEK0.plusDays(14).toInstant(), List.of());

    assertThat(f.rate(id("dr-new"), tenAm)).isGreaterThan(10 * f.rate(id("dr-new"), threeAm));
    assertThat(f.rate(id("dr-unseen"), tenAm)).isGreaterThan(10 * f.rate(id("dr-unseen"), threeAm));
    assertThat(f.rate(id("dr-new"), tenAm)).isCloseTo(f.rate(id("dr-unseen"), tenAm), within(1e-9));
    assertThat(f.rate(id("dr-new"), threeAm)).isGreaterThan(0);
    assertThat(f.targets()).isEqualTo(11);
  }

  @Test
  void aNewTargetInheritsTheProvidersCalendarOpenings() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    for (int d = 0; d < 5; d++) {
      watch(f, "dr-o" + d, WEEK0.toInstant(), at(4, DayOfWeek.SATURDAY, 0, 0), Duration.ofMinutes(10),
          weekly(0, 3, DayOfWeek.SATURDAY, 8, 2, 12), 0);
    }
    f.observe(PROVIDER, id("dr-fresh"), null, at(4, DayOfWeek.SATURDAY, 0, 0), List.of());

    List<ForecastWindow> week = f.forecast(id("dr-fresh"), at(4, DayOfWeek.SATURDAY, 0, 0), 24);

    assertThat(best(week).from()).isEqualTo(at(4, DayOfWeek.SATURDAY, 8, 0));
    assertThat(best(week).openingProbability()).isGreaterThan(0.5);
    assertThat(f.typicalFreeTime(id("dr-fresh"))).isEmpty();
  }

  @Test
  void initialInventoryIsNotCountedAsReleases() {
    HourOfWeekForecaster withInventory = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster without = HourOfWeekForecaster.builder().build();
    Instant start = at(0, DayOfWeek.SATURDAY, 8, 0);
    Instant end = at(1, DayOfWeek.SATURDAY, 8, 0);

    watch(withInventory, "dr-c", start, end, Duration.ofMinutes(30), new TreeMap<>(), 40);
    watch(without, "dr-c", start, end, Duration.ofMinutes(30), new TreeMap<>(), 0);

    for (int h = 0; h < 168; h++) {
      Instant t = end.plus(Duration.ofHours(h));
      assertThat(withInventory.rate(id("dr-c"), t)).isEqualTo(without.rate(id("dr-c"), t));
    }
    assertThat(best(withInventory.forecast(id("dr-c"), end, 24)).openingProbability()).isLessThan(0.01);
  }

  @Test
  void rateIsNeitherNegativeNorNaNWithoutExposure() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().baseRate(0).build();
    Instant t = at(0, DayOfWeek.SUNDAY, 9, 0);

    double unknown = f.rate(id("dr-z"), t);
    f.observe(PROVIDER, id("dr-z"), null, t, List.of());
    f.observe(PROVIDER, id("dr-z"), t, t, List.of()); // a zero-length interval
    double firstPolled = f.rate(id("dr-z"), t);
    List<ForecastWindow> windows = f.forecast(id("dr-z"), t, 3);

    assertThat(unknown).isZero();
    assertThat(firstPolled).isZero();
    assertThat(windows).allSatisfy(w -> {
      assertThat(w.expectedReleases()).isZero();
      assertThat(w.openingProbability()).isZero();
    });
    assertThat(HourOfWeekForecaster.builder().build().rate("no-provider-id", t))
        .isCloseTo(HourOfWeekForecaster.DEFAULT_BASE_RATE, within(1e-12));
  }

  @Test
  void warmingUpFromTheStoredHistoryEqualsWatchingLive() {
    TreeMap<Instant, Integer> releases = weekly(0, 2, DayOfWeek.TUESDAY, 20, 40, 6);
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      releases.merge(WEEK0.plusMinutes(random.nextInt(21 * 24 * 60)).toInstant(), 1, Integer::sum);
    }
    Instant start = WEEK0.toInstant();
    long every = Duration.ofMinutes(12).toMillis();
    long sinceStart = releases.lastKey().toEpochMilli() - start.toEpochMilli();
    Instant end = start.plusMillis((sinceStart + every - 1) / every * every); // the poll that sees the last release
    HourOfWeekForecaster live = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster warm = HourOfWeekForecaster.builder().build();

    List<SlotChange> history = watch(live, "dr-w", start, end, Duration.ofMinutes(12), releases, 5);
    warm.warmUp(PROVIDER, id("dr-w"), history);

    for (int h = 0; h < 168; h++) {
      Instant t = end.plus(Duration.ofHours(h));
      assertThat(warm.rate(id("dr-w"), t)).isCloseTo(live.rate(id("dr-w"), t), within(1e-4 * live.rate(id("dr-w"), t)));
    }
    List<ForecastWindow> a = live.forecast(id("dr-w"), end, 48);
    List<ForecastWindow> b = warm.forecast(id("dr-w"), end, 48);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).expectedReleases()).isCloseTo(a.get(i).expectedReleases(), within(1e-4));
      assertThat(b.get(i).openingProbability()).isCloseTo(a.get(i).openingProbability(), within(1e-4));
    }
  }

  /**
   * Polls a target every {@code every}; releases come at {@code perHour} (Poisson, any hour) and others
   * take each after an exponential time with mean {@code takeMean}: a poll sees only slots still free.
   */
  static List<SlotChange> watchContested(ReleaseForecaster f, String key, Instant start, Instant end, Duration every,
      double perHour, Duration takeMean, long seed) {
    Random random = new Random(seed);
    Target t = target(key);
    TreeMap<Instant, Instant> takenAtByRelease = new TreeMap<>();
    for (Instant r = start; r.isBefore(end); ) {
      r = r.plusMillis((long) (-Math.log(1 - random.nextDouble()) / perHour * 3_600_000));
      takenAtByRelease.put(r, r.plusMillis((long) (-Math.log(1 - random.nextDouble()) * takeMean.toMillis())));
    }
    List<SlotChange> history = new ArrayList<>();
    f.observe(PROVIDER, t.id(), null, start, List.of());
    Map<Instant, Slot> visible = new java.util.HashMap<>();
    int n = 0;
    Map<Instant, Integer> index = new java.util.HashMap<>();
    for (Instant r : takenAtByRelease.keySet()) {
      index.put(r, n++);
    }
    for (Instant prev = start, now = start.plus(every); !now.isAfter(end); prev = now, now = now.plus(every)) {
      List<SlotChange> changes = new ArrayList<>();
      Map<Instant, Slot> next = new java.util.HashMap<>();
      for (Map.Entry<Instant, Instant> e : takenAtByRelease.headMap(now, true).entrySet()) {
        if (e.getValue().isAfter(now)) {
          next.put(e.getKey(), visible.containsKey(e.getKey()) ? visible.get(e.getKey()) : slot(t, start, index.get(e.getKey())));
        }
      }
      for (Map.Entry<Instant, Slot> e : next.entrySet()) {
        if (!visible.containsKey(e.getKey())) {
          changes.add(new SlotChange(e.getValue(), SlotChange.Kind.OPENED, now, prev));
        }
      }
      for (Map.Entry<Instant, Slot> e : visible.entrySet()) {
        if (!next.containsKey(e.getKey())) {
          changes.add(new SlotChange(e.getValue(), SlotChange.Kind.GONE, now, prev));
        }
      }
      visible = next;
      f.observe(PROVIDER, t.id(), prev, now, changes);
      history.addAll(changes);
    }
    return history;
  }

  private static double meanRate(ReleaseForecaster f, String key, Instant from) {
    double sum = 0;
    for (int h = 0; h < 168; h++) {
      sum += f.rate(id(key), from.plus(Duration.ofHours(h)));
    }
    return sum / 168;
  }

  @Test
  void correctsForSlotsOthersTookBeforeThePoll() {
    HourOfWeekForecaster corrected = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster naive = HourOfWeekForecaster.builder().correctForTakenSlots(false).build();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);
    Instant end = at(3, DayOfWeek.SATURDAY, 0, 0);

    for (HourOfWeekForecaster f : List.of(corrected, naive)) {
      watchContested(f, "dr-often", start, end, Duration.ofMinutes(10), 1.0, Duration.ofMinutes(15), 1);
      watchContested(f, "dr-rarely", start, end, Duration.ofHours(2), 1.0, Duration.ofMinutes(15), 2);
    }

    // both release one slot an hour; the rarely polled one sees about an eighth of them
    assertThat(meanRate(corrected, "dr-often", end)).isBetween(0.75, 1.3);
    assertThat(meanRate(corrected, "dr-rarely", end)).isBetween(0.6, 1.6);
    assertThat(meanRate(naive, "dr-rarely", end)).isLessThan(0.3 * meanRate(naive, "dr-often", end));
    assertThat(corrected.typicalFreeTime(id("dr-often")).orElseThrow().toMinutes()).isBetween(11L, 19L);
    assertThat(corrected.typicalFreeTime(id("dr-rarely")).orElseThrow().toMinutes()).isBetween(8L, 30L);
    assertThat(corrected.correctsForTakenSlots()).isTrue();
    assertThat(naive.correctsForTakenSlots()).isFalse();
  }

  @Test
  void warmingUpWithTakenSlotsComesCloseToWatchingLive() {
    HourOfWeekForecaster live = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster warm = HourOfWeekForecaster.builder().build();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);
    Instant end = at(2, DayOfWeek.SATURDAY, 0, 0);

    List<SlotChange> history = watchContested(live, "dr-h", start, end, Duration.ofMinutes(20), 0.5,
        Duration.ofMinutes(15), 3);
    List<SlotChange> withFirstPoll = new ArrayList<>();
    withFirstPoll.add(new SlotChange(slot(target("dr-h"), start, 99_999), SlotChange.Kind.OPENED, start, null));
    withFirstPoll.addAll(history);
    warm.warmUp(PROVIDER, id("dr-h"), withFirstPoll);

    double liveRate = meanRate(live, "dr-h", end);
    assertThat(meanRate(warm, "dr-h", end)).isBetween(0.85 * liveRate, 1.15 * liveRate);
    assertThat(warm.typicalFreeTime(id("dr-h")).orElseThrow().toSeconds())
        .isBetween(live.typicalFreeTime(id("dr-h")).orElseThrow().toSeconds() * 9 / 10,
            live.typicalFreeTime(id("dr-h")).orElseThrow().toSeconds() * 11 / 10);
  }

  @Test
  void estimatesATakeTimeInsideAnInterval() {
    double tau = 600_000;

    assertThat(HourOfWeekForecaster.expectedTake(0, 1e12, tau)).isCloseTo(tau, within(1.0));
    assertThat(HourOfWeekForecaster.expectedTake(60_000, 61_000, tau)).isCloseTo(60_500, within(1.0));
    assertThat(HourOfWeekForecaster.expectedTake(0, 600_000, 0)).isEqualTo(300_000);
    assertThat(HourOfWeekForecaster.expectedTake(0, 600_000, tau)).isBetween(250_000.0, 300_000.0);
    assertThat(HourOfWeekForecaster.expectedTake(5, 5, tau)).isEqualTo(5);
  }

  @Test
  void spreadsAReleaseOverTheHoursItsIntervalCovers() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().priorWeight(0.001).build();
    Instant start = at(0, DayOfWeek.SUNDAY, 10, 0);
    f.observe(PROVIDER, id("dr-s"), null, start, List.of());

    // one poll over 10:00-12:00 finds two slots: one release credited to each hour
    Target t = target("dr-s");
    Instant end = start.plus(Duration.ofHours(2));
    f.observe(PROVIDER, t.id(), start, end, List.of(
        new SlotChange(slot(t, end, 1), SlotChange.Kind.OPENED, end, start),
        new SlotChange(slot(t, end, 2), SlotChange.Kind.OPENED, end, start)));

    double ten = f.rate(t.id(), at(0, DayOfWeek.SUNDAY, 10, 30));
    double eleven = f.rate(t.id(), at(0, DayOfWeek.SUNDAY, 11, 30));
    assertThat(ten).isCloseTo(eleven, within(0.01));
    assertThat(ten).isCloseTo(1.0, within(0.05));
  }

  @Test
  void manySlotsOverALongIntervalAreNotAnOpening() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().openingBurst(3).build();
    Target t = target("dr-l");
    Instant start = at(0, DayOfWeek.SUNDAY, 0, 0);
    Instant shortEnd = start.plus(Duration.ofMinutes(30));
    Instant longEnd = shortEnd.plus(Duration.ofHours(8));
    f.observe(PROVIDER, t.id(), null, start, List.of());

    f.observe(PROVIDER, t.id(), start, shortEnd, List.of(
        new SlotChange(slot(t, start, 1), SlotChange.Kind.OPENED, shortEnd, start),
        new SlotChange(slot(t, start, 2), SlotChange.Kind.OPENED, shortEnd, start),
        new SlotChange(slot(t, start, 3), SlotChange.Kind.OPENED, shortEnd, start)));
    f.observe(PROVIDER, t.id(), shortEnd, longEnd, List.of(
        new SlotChange(slot(t, start, 4), SlotChange.Kind.OPENED, longEnd, shortEnd),
        new SlotChange(slot(t, start, 5), SlotChange.Kind.OPENED, longEnd, shortEnd),
        new SlotChange(slot(t, start, 6), SlotChange.Kind.OPENED, longEnd, shortEnd)));
    List<ForecastWindow> day = f.forecast(t.id(), start, 9);

    assertThat(day.get(0).openingProbability()).isGreaterThan(0.3);
    assertThat(day.get(4).openingProbability()).isLessThan(0.05);
    assertThat(day.get(4).expectedReleases()).isGreaterThan(0.2);
  }

  @Test
  void countsAShortQuietGapAsWatchedAndALongOneAsNot() {
    HourOfWeekForecaster bridging = HourOfWeekForecaster.builder().build();
    HourOfWeekForecaster strict = HourOfWeekForecaster.builder().maxQuietGap(Duration.ZERO).build();
    Target t = target("dr-g");
    Instant start = at(0, DayOfWeek.SUNDAY, 9, 0);
    Instant later = start.plus(Duration.ofDays(3));

    for (HourOfWeekForecaster f : List.of(bridging, strict)) {
      f.observe(PROVIDER, t.id(), null, start, List.of());
      f.observe(PROVIDER, t.id(), later, later.plus(Duration.ofMinutes(10)),
          List.of(new SlotChange(slot(t, later, 1), SlotChange.Kind.OPENED, later.plus(Duration.ofMinutes(10)), later)));
    }

    // three quiet days at 15:00 lower the bridging forecaster's 15:00 rate only
    Instant threePm = at(1, DayOfWeek.SUNDAY, 15, 0);
    assertThat(bridging.rate(t.id(), threePm)).isLessThan(strict.rate(t.id(), threePm) * 0.8);
    assertThat(bridging.maxQuietGap()).isEqualTo(HourOfWeekForecaster.DEFAULT_MAX_QUIET_GAP);
  }

  @Test
  void learnsHowLongReleasedSlotsStayFree() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    Target t = target("dr-f");
    Instant p0 = at(0, DayOfWeek.SUNDAY, 9, 0);
    Instant p1 = p0.plus(Duration.ofMinutes(10));
    Instant p2 = p1.plus(Duration.ofMinutes(10));
    Instant p3 = p2.plus(Duration.ofMinutes(10));
    Slot a = slot(t, p0, 1);
    Slot b = slot(t, p0, 2);
    Slot inventory = slot(t, p0, 3);
    Slot expiring = new Slot(t, p1.plus(Duration.ofMinutes(5)), p1.plus(Duration.ofMinutes(20)), "soon");

    assertThat(f.typicalFreeTime(t.id())).isEmpty();
    f.observe(PROVIDER, t.id(), null, p0, List.of(new SlotChange(inventory, SlotChange.Kind.OPENED, p0, null)));
    f.observe(PROVIDER, t.id(), p0, p1, List.of(new SlotChange(a, SlotChange.Kind.OPENED, p1, p0),
        new SlotChange(b, SlotChange.Kind.OPENED, p1, p0), new SlotChange(expiring, SlotChange.Kind.OPENED, p1, p0)));
    // a is seen gone at p2 (taken in (p1, p2]: 5 minutes after it was seen), b and the inventory at p3
    f.observe(PROVIDER, t.id(), p1, p2, List.of(new SlotChange(a, SlotChange.Kind.GONE, p2, p1),
        new SlotChange(expiring, SlotChange.Kind.GONE, p2, p1)));
    f.observe(PROVIDER, t.id(), p2, p3, List.of(new SlotChange(b, SlotChange.Kind.GONE, p3, p2),
        new SlotChange(inventory, SlotChange.Kind.GONE, p3, p2)));

    // samples 5 and 15 minutes (the expired slot and the inventory give none): mean 10 minutes
    assertThat(f.typicalFreeTime(t.id()).orElseThrow().toSeconds()).isBetween(599L, 601L);
    assertThat(f.typicalFreeTime(id("dr-unknown"))).isEmpty();
  }

  @Test
  void forgetsATarget() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);
    watch(f, "dr-x", start, start.plus(Duration.ofDays(7)), Duration.ofMinutes(30),
        weekly(0, 0, DayOfWeek.MONDAY, 9, 10, 2), 0);
    watch(f, "dr-y", start, start.plus(Duration.ofDays(7)), Duration.ofMinutes(30), new TreeMap<>(), 0);
    Instant monday = at(1, DayOfWeek.MONDAY, 9, 30);
    double learned = f.rate(id("dr-x"), monday);

    f.forget(id("dr-x"));

    assertThat(f.targets()).isEqualTo(1);
    assertThat(f.rate(id("dr-x"), monday)).isLessThan(learned);
  }

  @Test
  void aTargetThatChangesProviderStartsOver() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);
    watch(f, "dr-m", start, start.plus(Duration.ofDays(7)), Duration.ofMinutes(30),
        weekly(0, 0, DayOfWeek.MONDAY, 9, 10, 2), 0);
    double before = f.rate(id("dr-m"), at(1, DayOfWeek.MONDAY, 9, 30));

    f.observe("other", id("dr-m"), null, start.plus(Duration.ofDays(7)), List.of());

    assertThat(f.rate(id("dr-m"), at(1, DayOfWeek.MONDAY, 9, 30))).isLessThan(before);
  }

  @Test
  void keepsLearningOverMonthsWithoutOverflow() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().halfLife(Duration.ofHours(6)).build();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);

    watch(f, "dr-o", start, start.plus(Duration.ofDays(120)), Duration.ofHours(1),
        weekly(0, 17, DayOfWeek.WEDNESDAY, 11, 20, 6), 0);

    double r = f.rate(id("dr-o"), start.plus(Duration.ofDays(120)));
    assertThat(r).isFinite().isPositive();
    assertThat(f.forecast(id("dr-o"), start.plus(Duration.ofDays(120)), 672)).hasSize(672)
        .allSatisfy(w -> assertThat(w.expectedReleases()).isFinite());
  }

  @Test
  void isSafeForConcurrentPollsOfDifferentTargets() throws Exception {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    Instant start = at(0, DayOfWeek.SATURDAY, 0, 0);
    try {
      for (int i = 0; i < 8; i++) {
        String key = "dr-t" + i;
        done.add(pool.submit(() -> {
          watch(f, key, start, start.plus(Duration.ofDays(7)), Duration.ofMinutes(5),
              weekly(0, 0, DayOfWeek.SUNDAY, 10, 1, 5), 0);
          return f.rate(id(key), start);
        }));
      }
      for (Future<?> d : done) {
        d.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(f.targets()).isEqualTo(8);
    double first = f.rate(id("dr-t0"), at(1, DayOfWeek.SUNDAY, 10, 30));
    for (int i = 1; i < 8; i++) {
      assertThat(f.rate(id("dr-t" + i), at(1, DayOfWeek.SUNDAY, 10, 30))).isCloseTo(first, within(1e-9));
    }
  }

  @Test
  void rejectsBadSettingsAndArguments() {
    HourOfWeekForecaster.Builder b = HourOfWeekForecaster.builder();
    assertThatThrownBy(() -> b.halfLife(Duration.ofMinutes(59))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.openingBurst(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.priorWeight(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.priorWeight(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseRate(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseRate(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxQuietGap(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    HourOfWeekForecaster f = b.build();
    assertThatThrownBy(() -> f.forecast("x", Instant.EPOCH, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.forecast("x", Instant.EPOCH, 673)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsItsSettings() {
    HourOfWeekForecaster f = HourOfWeekForecaster.builder().halfLife(Duration.ofDays(7)).zone(ZoneOffset.UTC)
        .openingBurst(6).priorWeight(3).baseRate(0.2).maxQuietGap(Duration.ofDays(2)).build();

    assertThat(f.halfLife()).isEqualTo(Duration.ofDays(7));
    assertThat(f.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(f.openingBurst()).isEqualTo(6);
    assertThat(f.priorWeight()).isEqualTo(3);
    assertThat(f.baseRate()).isEqualTo(0.2);
    assertThat(f.maxQuietGap()).isEqualTo(Duration.ofDays(2));
    // 1970-01-03 was a Saturday: 00:00 UTC is the first bucket in a UTC forecaster
    assertThat(f.bucketOf(Instant.parse("1970-01-03T00:30:00Z"))).isZero();
    assertThat(f.bucketOf(Instant.parse("1970-01-02T23:30:00Z"))).isEqualTo(167);
  }

  @Test
  void defaultsToTheHourOfWeekModelInTehranTime() {
    ReleaseForecaster f = ReleaseForecaster.defaults();

    assertThat(f).isInstanceOf(HourOfWeekForecaster.class);
    assertThat(((HourOfWeekForecaster) f).zone()).isEqualTo(SlotHunterZones.TEHRAN);
    assertThat(((HourOfWeekForecaster) f).bucketOf(at(0, DayOfWeek.SATURDAY, 0, 10))).isZero();
  }

  @Test
  void aMinimalForecasterGetsUsableDefaults() {
    ReleaseForecaster constant = new ReleaseForecaster() {
      final List<Instant> seen = new ArrayList<>();

      @Override
      public void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes) {
        seen.add(at);
      }

      @Override
      public double rate(String targetId, Instant at) {
        return seen.size();
      }

      @Override
      public List<ForecastWindow> forecast(String targetId, Instant from, int hours) {
        return List.of();
      }
    };
    Target t = target("dr-d");
    Instant p0 = at(0, DayOfWeek.SUNDAY, 9, 0);
    Instant p1 = p0.plus(Duration.ofMinutes(5));

    constant.warmUp(PROVIDER, t.id(), List.of(
        new SlotChange(slot(t, p0, 1), SlotChange.Kind.OPENED, p0, null),
        new SlotChange(slot(t, p0, 2), SlotChange.Kind.OPENED, p0, null),
        new SlotChange(slot(t, p0, 3), SlotChange.Kind.OPENED, p1, p0)));
    constant.forget(t.id());

    assertThat(constant.rate(t.id(), p1)).isEqualTo(2); // two polls replayed
    assertThat(constant.typicalFreeTime(t.id())).isEmpty();
  }

  @Test
  void forecastWindowsAreValidated() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new ForecastWindow(t, t, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastWindow(t, t.plusSeconds(1), -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastWindow(t, t.plusSeconds(1), Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastWindow(t, t.plusSeconds(1), Double.POSITIVE_INFINITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastWindow(t, t.plusSeconds(1), 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastWindow(t, t.plusSeconds(1), 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ForecastWindow(t, t.plusSeconds(1), 2, 1).openingProbability()).isEqualTo(1);
  }
}
