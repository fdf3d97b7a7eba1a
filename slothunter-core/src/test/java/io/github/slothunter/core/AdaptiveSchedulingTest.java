package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.SlotChange;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Issue 11: the adaptive scheduler spends the same budget where the forecast says releases come. */
class AdaptiveSchedulingTest {
  static final Plan ADAPT = new Plan("ADAPT", Plan.UNLIMITED, Duration.ofSeconds(30), true, 4,
      Duration.ofMinutes(5), true);

  /** A forecaster whose rates the test sets; records what the engine tells it. */
  static final class ScriptedForecaster implements ReleaseForecaster {
    final Map<String, BiFunction<String, Instant, Double>> rates = new ConcurrentHashMap<>();
    final List<String> observed = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> warmedUp = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> forgotten = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean fail;
    volatile boolean failForecast;
    volatile boolean failWarmUp;
    volatile List<ForecastWindow> windows = List.of();
    volatile java.util.function.Function<String, Duration> watched = id -> ReleaseForecaster.super.watchedFor(id);
    volatile java.time.ZoneId zone = java.time.ZoneOffset.UTC;
    volatile boolean failZone;
    /** If set, windows are made from {@code from}: a certain opening of 12 slots in this hour, nothing else. */
    volatile Instant openingHour;

    void rate(String targetId, double perHour) {
      rates.put(targetId, (id, at) -> perHour);
    }

    @Override
    public void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes) {
      observed.add(targetId + " " + since + " " + at + " " + changes.size());
    }

    @Override
    public void warmUp(String providerId, String targetId, List<SlotChange> history) {
      if (failWarmUp) {
        throw new IllegalStateException("broken history");
      }
      warmedUp.add(targetId + " " + history.size());
    }

    @Override
    public double rate(String targetId, Instant at) {
      if (fail) {
        throw new IllegalStateException("broken model");
      }
      return rates.getOrDefault(targetId, (id, t) -> 0.5).apply(targetId, at);
    }

    @Override
    public List<ForecastWindow> forecast(String targetId, Instant from, int hours) {
      if (failForecast) {
        throw new IllegalStateException("broken forecast");
      }
      if (openingHour == null) {
        return windows;
      }
      List<ForecastWindow> out = new ArrayList<>();
      for (int h = 0; h < hours; h++) {
        Instant a = from.plus(Duration.ofHours(h));
        long apart = Math.abs(Duration.between(a, openingHour).toMillis());
        double share = Math.max(0, 3_600_000 - apart) / 3_600_000.0; // of the opening's hour in this window
        out.add(new ForecastWindow(a, a.plus(Duration.ofHours(1)), 12 * share, share));
      }
      return out;
    }

    @Override
    public java.time.ZoneId zone() {
      if (failZone) {
        throw new IllegalStateException("broken zone");
      }
      return zone;
    }

    @Override
    public Duration watchedFor(String targetId) {
      return watched.apply(targetId);
    }

    @Override
    public void forget(String targetId) {
      forgotten.add(targetId);
    }
  }

  private static EngineFixture fixture(RequestBudget budget, ScriptedForecaster forecaster, Plan... more) {
    List<Plan> plans = new ArrayList<>(List.of(Plans.FREE, ADAPT, EngineFixture.FAST));
    plans.addAll(List.of(more));
    EngineFixture f = new EngineFixture(budget, Store.inMemory(), true);
    f.hunter.close();
    f.hunter = f.builder().forecaster(forecaster).plans(Plans.of(Plans.FREE, plans)).build();
    f.hunter.listen(f.events);
    return f;
  }

  /** A target its own owner watches on the adaptive plan, with the forecast rate the test sets. */
  private static Target watched(EngineFixture f, ScriptedForecaster fc, String key, double perHour) {
    return watched(f, fc, key, perHour, "ADAPT");
  }

  /** The same on the named plan. */
  private static Target watched(EngineFixture f, ScriptedForecaster fc, String key, double perHour, String plan) {
    Target t = f.provider.target(key);
    fc.rate(t.id(), perHour);
    f.hunter.watch(WatchRequest.of("u-" + key, t).plan(plan));
    return t;
  }

  /** Polls per target, on average over these targets (none for a target never polled). */
  private static double averagePolls(Map<String, List<Instant>> polls, List<Target> targets) {
    return targets.stream().mapToInt(t -> polls.getOrDefault(t.id(), List.of()).size()).average().orElse(0);
  }

  private static Map<String, List<Instant>> pollsByTarget(EngineFixture f) {
    Map<String, List<Instant>> out = new HashMap<>();
    for (InMemoryProvider.Request r : f.provider.requests()) {
      if (r.operation() == Operation.FREE_DAYS) {
        out.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r.at());
      }
    }
    return out;
  }

  private static List<Duration> gaps(List<Instant> polls) {
    List<Duration> out = new ArrayList<>();
    for (int i = 1; i < polls.size(); i++) {
      out.add(Duration.between(polls.get(i - 1), polls.get(i)));
    }
    return out;
  }

  @Test
  void underAShortBudgetPollsFollowTheRateWithinThePlanBounds() {
    ScriptedForecaster fc = new ScriptedForecaster();
    // 3 polls a minute for six targets that would each take 2 at the plan's 30 s
    try (EngineFixture f = fixture(RequestBudget.of(3, 180, 2), fc)) {
      Target hot = watched(f, fc, "dr-hot", 10);
      Target dead = watched(f, fc, "dr-dead", 0.0001);
      Target mid = watched(f, fc, "dr-mid-0", 1);
      for (int i = 1; i < 4; i++) {
        watched(f, fc, "dr-mid-" + i, 1);
      }

      for (int s = 0; s < 2 * 3600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      for (List<Instant> p : polls.values()) {
        assertThat(gaps(p)).allSatisfy(g -> assertThat(g).isBetween(ADAPT.minInterval(), ADAPT.maxInterval()));
      }
      int h = polls.get(hot.id()).size();
      int m = polls.get(mid.id()).size();
      int d = polls.get(dead.id()).size();
      assertThat(h).isGreaterThan(2 * m);
      assertThat(m).isGreaterThan(d);
      assertThat(d).isBetween(24, 26); // backed off to the plan's 5-minute maximum, never beyond
      assertThat(BudgetAndResilienceTest.maxInWindow(f.provider.requests(), Duration.ofMinutes(1)))
          .isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aBusyTargetPolledAMomentAgoYieldsToAQuietOneLeftAlone() {
    // a poll of a busy target polled a moment ago finds less than one of a quiet target left for long
    Plan wide = new Plan("WIDE", Plan.UNLIMITED, Duration.ofMinutes(1), true, 4, Duration.ofHours(2), true);
    ScriptedForecaster fc = new ScriptedForecaster();
    try (EngineFixture f = fixture(RequestBudget.of(4, 240, 2), fc, wide)) {
      List<Target> busy = new ArrayList<>();
      List<Target> quiet = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        (i < 10 ? busy : quiet).add(watched(f, fc, "dr-" + i, i < 10 ? 4 : 0.25, "WIDE"));
      }

      for (int s = 0; s < 3 * 1800; s++) {
        f.tick(Duration.ofSeconds(2));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      double b = averagePolls(polls, busy);
      double q = averagePolls(polls, quiet);
      // releasing 16 times as often, about 14 times the polls; by expected unseen releases alone 26 times
      assertThat(b / q).isBetween(6.0, 20.0);
      assertThat(BudgetAndResilienceTest.maxInWindow(f.provider.requests(), Duration.ofMinutes(1)))
          .isLessThanOrEqualTo(4);
    }
  }

  @Test
  void whileTheBudgetCanPollEveryTargetAtThePlanPaceAdaptiveChangesNothing() {
    ScriptedForecaster fc = new ScriptedForecaster();
    try (EngineFixture f = fixture(RequestBudget.of(1000, 100_000, 8), fc)) {
      watched(f, fc, "dr-hot", 10);
      watched(f, fc, "dr-dead", 0.0001);
      watched(f, fc, "dr-zero", 0);

      for (int s = 0; s < 600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      assertThat(pollsByTarget(f).values()).hasSize(3).allSatisfy(p -> {
        assertThat(p).hasSizeBetween(20, 21);
        assertThat(gaps(p)).containsOnly(ADAPT.minInterval());
      });
    }
  }

  @Test
  void aTargetTheForecasterHasNotWatchedLongIsExploredAboutAsOftenAsRoundRobin() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.watched = id -> id.contains("new") ? Duration.ZERO : Duration.ofDays(30);
    try (EngineFixture f = fixture(RequestBudget.of(6, 360, 2), fc)) {
      List<Target> known = new ArrayList<>();
      List<Target> fresh = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        known.add(watched(f, fc, "dr-old-" + i, 0.0001)); // both look dead
        fresh.add(watched(f, fc, "dr-new-" + i, 0.0001));
      }
      Target hot = watched(f, fc, "dr-hot", 20);

      for (int s = 0; s < 3600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      // 17 targets, 6 polls a minute: round robin comes by about every 3 minutes
      for (Target n : fresh) {
        assertThat(gaps(polls.get(n.id()))).allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(Duration.ofMinutes(4)));
      }
      for (Target k : known) { // trusted: backed off towards the plan's 5-minute maximum
        assertThat(gaps(polls.get(k.id()))).anySatisfy(g -> assertThat(g).isGreaterThan(Duration.ofMinutes(4)))
            .allSatisfy(g -> assertThat(g).isLessThan(Duration.ofSeconds(330)));
      }
      assertThat(polls.get(hot.id()).size()).isGreaterThan(2 * polls.get(fresh.get(0).id()).size());
    }
  }

  @Test
  void underAShortBudgetTheLikelyTargetsGetTheLargerShareAndTheBudgetHolds() {
    ScriptedForecaster fc = new ScriptedForecaster();
    RequestBudget budget = RequestBudget.of(20, 1200, 3);
    try (EngineFixture f = fixture(budget, fc)) {
      List<Target> hot = new ArrayList<>();
      List<Target> cold = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        (i < 20 ? hot : cold).add(watched(f, fc, "dr-" + i, i < 20 ? 5 : 0.05));
      }

      for (int s = 0; s < 3600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      double hotAvg = averagePolls(polls, hot);
      double coldAvg = averagePolls(polls, cold);
      assertThat(hotAvg).isGreaterThan(2 * coldAvg);
      assertThat(cold).allSatisfy(t -> assertThat(polls.getOrDefault(t.id(), List.of())).isNotEmpty());
      assertThat(BudgetAndResilienceTest.maxInWindow(f.provider.requests(), Duration.ofMinutes(1)))
          .isLessThanOrEqualTo(20);
    }
  }

  @Test
  void underAShortBudgetAPredictedOpeningGetsAPollJustBeforeAndTheBudgetThroughIt() {
    ScriptedForecaster fc = new ScriptedForecaster();
    try (EngineFixture f = fixture(RequestBudget.of(6, 360, 2), fc)) {
      Instant opening = Instant.parse("2026-12-05T06:00:00Z");
      f.clock.set(opening.minus(Duration.ofHours(2)));
      Target t = f.provider.target("dr-opens");
      fc.rates.put(t.id(), (id, at) -> !at.isBefore(opening) && at.isBefore(opening.plus(Duration.ofHours(1))) ? 30.0
          : 0.01);
      fc.windows = List.of(new ForecastWindow(opening, opening.plusSeconds(3600), 30, 0.9));
      f.hunter.watch(WatchRequest.of("u0", t).plan("ADAPT"));
      for (int i = 1; i <= 10; i++) { // ten busy doctors compete for the budget
        watched(f, fc, "dr-other-" + i, 1);
      }

      for (int s = 0; s < 4 * 3600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      List<Instant> polls = pollsByTarget(f).get(t.id());
      long quiet = polls.stream().filter(p -> p.isAfter(opening.minus(Duration.ofMinutes(70)))
          && p.isBefore(opening.minus(Duration.ofMinutes(2)))).count();
      long during = polls.stream().filter(p -> !p.isBefore(opening) && p.isBefore(opening.plus(Duration.ofHours(1))))
          .count();
      assertThat(quiet).isLessThanOrEqualTo(15); // about every 5 minutes: the plan's bound
      assertThat(polls).anySatisfy(p -> assertThat(p).isBetween(opening.minus(Duration.ofMinutes(1)),
          opening.minusSeconds(20))); // the poll that opens the window, as soon as the budget allows
      assertThat(during).isGreaterThanOrEqualTo(80); // most of the time every 30 s, the plan's minInterval
    }
  }

  @Test
  void theForecasterHearsEveryPollWarmsUpFromHistoryAndForgetsDroppedTargets() {
    ScriptedForecaster fc = new ScriptedForecaster();
    EngineFixture f = fixture(RequestBudget.of(1000, 100_000, 8), fc);
    try {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("ADAPT"));
      f.provider.open(t, f.at("06:00", 1));
      Instant first = f.clock.instant();
      f.hunter.runDue();
      f.provider.open(t, f.at("07:00", 1));
      f.tick(Duration.ofMinutes(6));

      assertThat(fc.observed).containsExactly(t.id() + " null " + first + " 1",
          t.id() + " " + first + " " + f.clock.instant() + " 1");
      assertThat(f.store.history(t.id())).extracting(SlotChange::since).containsExactly(null, first);

      f.hunter.close();
      f.hunter = f.builder().forecaster(fc).plans(Plans.of(Plans.FREE, List.of(Plans.FREE, ADAPT))).build();
      f.tick(Duration.ofMinutes(6));
      assertThat(fc.warmedUp).containsExactly(t.id() + " 2");

      f.hunter.cancel(w.id());
      assertThat(fc.forgotten).contains(t.id());
    } finally {
      f.close();
    }
  }

  @Test
  void aBrokenForecasterFallsBackToThePlanInterval() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.fail = true;
    try (EngineFixture f = fixture(RequestBudget.of(1000, 100_000, 8), fc)) {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t).plan("ADAPT"));
      f.hunter.runDue();
      f.provider.open(t, f.at("06:00", 1));

      f.tick(Duration.ofSeconds(30));

      assertThat(f.events.await(SlotOpened.class, 1)).hasSize(1);
      assertThat(gaps(pollsByTarget(f).get(t.id()))).containsExactly(Duration.ofSeconds(30));
    }
  }

  @Test
  void aPredictedOpeningBringsTheNextPollToAMinuteBeforeIt() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.zone = null; // says none: UTC hours
    try (EngineFixture f = fixture(RequestBudget.of(2, 120, 1), fc)) { // dr-b takes every poll but dr-a's due ones
      Target t = f.provider.target("dr-a");
      fc.rate(t.id(), 0.0001); // looks dead: would back off to the 5-minute maximum
      fc.rate(f.provider.target("dr-b").id(), 1);
      Instant hour = Instant.parse("2026-12-05T06:00:00Z");
      fc.windows = List.of(new ForecastWindow(hour.minusSeconds(3600), hour, 0, 0),
          new ForecastWindow(hour, hour.plusSeconds(3600), 12, 0)); // a burst well above the mean, no opening
      f.clock.set(hour.minus(Duration.ofMinutes(4)));
      f.hunter.watch(WatchRequest.of("u1", t).plan("ADAPT"));
      f.hunter.watch(WatchRequest.of("u2", f.provider.target("dr-b")).plan("ADAPT"));

      f.hunter.runDue();
      for (int s = 0; s < 240; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      // within the half minute the budget may take to free a token (the 5-minute bound alone would say 06:01)
      assertThat(pollsByTarget(f).get(t.id())).anySatisfy(p -> assertThat(p).isBetween(hour.minusSeconds(60),
          hour.minusSeconds(31)));
    }
  }

  @Test
  void thePollBeforeAPredictedOpeningFollowsTheForecastersClockHours() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.zone = SlotHunterZones.TEHRAN; // UTC+03:30: its hours start at half past UTC's
    try (EngineFixture f = fixture(RequestBudget.of(2, 120, 1), fc)) { // dr-b takes every poll but dr-a's due ones
      Target t = f.provider.target("dr-a");
      fc.rate(t.id(), 0.0001);
      fc.rate(f.provider.target("dr-b").id(), 1);
      fc.openingHour = Instant.parse("2026-12-05T06:30:00Z"); // 10:00 in Tehran
      f.clock.set(Instant.parse("2026-12-05T05:50:00Z")); // 09:20 in Tehran
      f.hunter.watch(WatchRequest.of("u1", t).plan("ADAPT"));
      f.hunter.watch(WatchRequest.of("u2", f.provider.target("dr-b")).plan("ADAPT"));

      f.hunter.runDue();
      for (int s = 0; s < 40 * 60; s += 10) {
        f.tick(Duration.ofSeconds(10));
      }

      // a minute before 10:00 Tehran, not before 09:30 (a UTC hour; the window from it holds half the opening)
      Instant opening = fc.openingHour;
      Instant utcHour = Instant.parse("2026-12-05T06:00:00Z");
      assertThat(pollsByTarget(f).get(t.id()))
          .anySatisfy(p -> assertThat(p).isBetween(opening.minusSeconds(60), opening.minusSeconds(31)))
          .noneSatisfy(p -> assertThat(p).isBetween(utcHour.minusSeconds(60), utcHour.minusSeconds(31)));
    }
  }

  @Test
  void brokenForecastsNaNRatesAndBrokenWarmUpsNeverStopPolling() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.failForecast = true;
    fc.failWarmUp = true;
    fc.failZone = true;
    try (EngineFixture f = fixture(RequestBudget.of(1000, 100_000, 8), fc)) {
      Target t = f.provider.target("dr-a");
      fc.rates.put(t.id(), (id, at) -> Double.NaN);
      f.hunter.watch(WatchRequest.of("u1", t).plan("ADAPT"));

      f.hunter.runDue();
      f.tick(Duration.ofSeconds(30));
      f.tick(Duration.ofSeconds(30));

      assertThat(gaps(pollsByTarget(f).get(t.id()))).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
  }

  @Test
  void aMoreDemandingWatchOnACoalescedTargetTightensItsScheduleAndAnEqualOneChangesNothing() {
    ScriptedForecaster fc = new ScriptedForecaster();
    try (EngineFixture f = fixture(RequestBudget.of(1000, 100_000, 8), fc)) {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t)); // FREE: every 5 minutes
      f.hunter.runDue();
      f.hunter.watch(WatchRequest.of("u2", t)); // the same plan: nothing changes
      f.tick(Duration.ofMinutes(1));
      assertThat(pollsByTarget(f).get(t.id())).hasSize(1);

      f.hunter.watch(WatchRequest.of("u3", t).plan("FAST")); // every 10 seconds now
      f.tick(Duration.ofSeconds(10));

      assertThat(pollsByTarget(f).get(t.id())).hasSize(2);
    }
  }
  @Test
  void forecastsThatFailOrAreNotNumbersUnderAShortBudgetLeaveThoseTargetsAtThePlanPace() {
    ScriptedForecaster fc = new ScriptedForecaster();
    // 6 a minute, and an hour that lasts the hour at that pace (less the hour's reserve)
    try (EngineFixture f = fixture(RequestBudget.of(6, 400, 2), fc)) {
      Target nan = f.provider.target("dr-nan");
      Target broken = f.provider.target("dr-broken");
      fc.rates.put(nan.id(), (id, at) -> Double.NaN);
      fc.rates.put(broken.id(), (id, at) -> {
        throw new IllegalStateException("broken model");
      });
      f.hunter.watch(WatchRequest.of("u-nan", nan).plan("ADAPT"));
      f.hunter.watch(WatchRequest.of("u-broken", broken).plan("ADAPT"));
      for (int i = 0; i < 10; i++) {
        watched(f, fc, "dr-" + i, 1);
      }

      for (int s = 0; s < 1800; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      for (Target t : List.of(nan, broken)) { // due every 30 s after the first round
        List<Duration> g = gaps(polls.get(t.id()));
        assertThat(g.subList(1, g.size())).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(75)));
        assertThat(g).hasSizeGreaterThan(25);
      }
      assertThat(polls.get(f.provider.target("dr-0").id())).hasSizeGreaterThan(5);
    }
  }

  @Test
  void oddAnswersAboutHowLongATargetWasWatchedNeverStopPolling() {
    ScriptedForecaster fc = new ScriptedForecaster();
    fc.watched = id -> {
      if (id.contains("boom")) {
        throw new IllegalStateException("broken model");
      }
      return id.contains("null") ? null : Duration.ofSeconds(-5);
    };
    try (EngineFixture f = fixture(RequestBudget.of(6, 360, 2), fc)) {
      List<Target> all = new ArrayList<>();
      for (String key : List.of("dr-boom", "dr-null", "dr-negative")) {
        all.add(watched(f, fc, key, 0.0001));
      }
      for (int i = 0; i < 20; i++) {
        watched(f, fc, "dr-busy-" + i, 5);
      }

      for (int s = 0; s < 1800; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, List<Instant>> polls = pollsByTarget(f);
      // a failing answer trusts the forecast (the plan's bound); no answer or a negative one explores
      assertThat(gaps(polls.get(all.get(0).id()))).allSatisfy(g -> assertThat(g).isLessThan(Duration.ofMinutes(6)));
      for (Target t : all.subList(1, 3)) {
        assertThat(gaps(polls.get(t.id()))).allSatisfy(g -> assertThat(g).isLessThan(Duration.ofMinutes(5)));
      }
    }
  }

  @Test
  void aThreadedEngineGivesTheBudgetToTheLikelyTargetAndFindsItsSlot() throws Exception {
    // about 2 polls a second for 11 targets that would each take one a second
    InMemoryProvider p = InMemoryProvider.builder().clock(java.time.Clock.systemUTC()).budget(RequestBudget.of(120, 7200, 2)).build();
    ScriptedForecaster fc = new ScriptedForecaster();
    Plan quick = new Plan("QUICK", Plan.UNLIMITED, Duration.ofSeconds(1), false, 1, Duration.ofSeconds(20), true);
    Target hot = p.target("dr-hot");
    fc.rate(hot.id(), 1000);
    List<Target> cold = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Target t = p.target("dr-cold-" + i);
      fc.rate(t.id(), 0.001);
      cold.add(t);
    }
    try (SlotHunter h = SlotHunter.builder().provider(p.factory()).plans(Plans.of(quick, List.of(quick)))
        .forecaster(fc).build()) {
      RecordingListener events = new RecordingListener();
      h.listen(events);
      h.watch(WatchRequest.of("u-hot", hot));
      cold.forEach(t -> h.watch(WatchRequest.of("u-" + t.ref().key(), t)));

      Thread.sleep(2000);
      p.open(hot, Instant.now().plus(Duration.ofDays(1)));
      assertThat(events.await(SlotOpened.class, 1)).singleElement()
          .satisfies(o -> assertThat(o.slot().target()).isEqualTo(hot));
      Thread.sleep(3000);
    }

    Map<String, Long> polls = new HashMap<>();
    for (InMemoryProvider.Request r : p.requests()) {
      if (r.operation() == Operation.FREE_DAYS) {
        polls.merge(r.targetId(), 1L, Long::sum);
      }
    }
    double coldAvg = cold.stream().mapToLong(t -> polls.getOrDefault(t.id(), 0L)).average().orElse(0);
    assertThat(polls.get(hot.id())).isGreaterThan((long) (2 * coldAvg));
    assertThat(cold).allSatisfy(t -> assertThat(polls.get(t.id())).isNotNull());
  }
}
