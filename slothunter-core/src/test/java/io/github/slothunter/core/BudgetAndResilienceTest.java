package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetAndResilienceTest {

  /** The largest number of requests in any window of the given length. */
  static int maxInWindow(List<InMemoryProvider.Request> log, Duration window) {
    return maxInWindowAt(log.stream().map(InMemoryProvider.Request::at).toList(), window);
  }

  /** The most requests sent at these times in any rolling window. */
  static int maxInWindowAt(List<Instant> at, Duration window) {
    List<Instant> times = at.stream().sorted().toList();
    int best = 0;
    int lo = 0;
    for (int hi = 0; hi < times.size(); hi++) {
      while (!times.get(lo).isAfter(times.get(hi).minus(window))) {
        lo++;
      }
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  @Test
  void tenThousandTargetsNeverExceedTheBudget() {
    RequestBudget budget = RequestBudget.of(20, 300, 3);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      List<Target> targets = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        Target t = f.provider.target("dr-" + i);
        targets.add(t);
        f.provider.open(t, f.at("06:00", 1 + i % 3));
        f.hunter.watch(WatchRequest.of("u" + i, t).plan("FAST"));
      }

      for (int s = 0; s < 2 * 3600; s += 5) {
        f.tick(Duration.ofSeconds(5));
      }

      List<InMemoryProvider.Request> log = f.provider.requests();
      assertThat(maxInWindow(log, Duration.ofMinutes(1))).isLessThanOrEqualTo(20);
      assertThat(maxInWindow(log, Duration.ofHours(1))).isLessThanOrEqualTo(300);
      assertThat(log).hasSizeGreaterThan(500);
      assertThat(f.hunter.stats().providers().get(0).requestsSent()).isEqualTo(log.size());
    }
  }

  @Test
  void aProTargetIsNotStarvedByAThousandFreeTargetsAndNoFreeTargetStarves() {
    RequestBudget budget = RequestBudget.of(20, 1200, 3);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      Target pro = f.provider.target("dr-pro");
      f.hunter.watch(WatchRequest.of("pro-user", pro).plan("FIXED_PRO")); // fixed interval: 240 polls wanted
      List<Target> free = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        Target t = f.provider.target("dr-" + i);
        free.add(t);
        f.hunter.watch(WatchRequest.of("u" + i, t));
      }

      for (int s = 0; s < 2 * 3600; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      Map<String, Long> polls = new HashMap<>();
      for (InMemoryProvider.Request r : f.provider.requests()) {
        polls.merge(r.targetId(), 1L, Long::sum);
      }
      // PRO wants a poll every 30 s: 240 in two hours; it gets (nearly) all of them
      assertThat(polls.get(pro.id())).isGreaterThanOrEqualTo(220L);
      // 1000 FREE targets share the rest of 20/min; every one is polled
      assertThat(free).allSatisfy(t -> assertThat(polls.getOrDefault(t.id(), 0L)).isGreaterThanOrEqualTo(1L));
      assertThat(maxInWindow(f.provider.requests(), Duration.ofMinutes(1))).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void pollsThatFindFreeDaysAreNotCutShortWhenEmptyPollsCouldFillTheMinute() {
    // Most calendars are full (one request per poll); a few have a free day (two requests). Polls
    // paced at the full rate used to fill the rolling minute, so every second request was refused
    // and those calendars were never read.
    RequestBudget budget = RequestBudget.of(40, 2400, 4);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      List<Target> all = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Target t = f.provider.target("dr-" + i);
        all.add(t);
        f.hunter.watch(WatchRequest.of("u" + i, t).plan("FAST"));
      }
      for (int s = 0; s < 300; s += 2) { // every calendar full: one-request polls fill the budget
        f.tick(Duration.ofSeconds(2));
      }
      List<Target> open = new ArrayList<>();
      for (int i = 0; i < all.size(); i += 20) {
        f.provider.open(all.get(i), f.at("06:00", 1));
        open.add(all.get(i));
      }
      long daysBefore = open.stream().mapToLong(t -> f.provider.count(Operation.FREE_DAYS, t)).sum();

      for (int s = 0; s < 300; s += 2) {
        f.tick(Duration.ofSeconds(2));
      }

      assertThat(f.events.await(io.github.slothunter.api.SlotOpened.class, open.size())).hasSize(open.size());
      long daysAsked = open.stream().mapToLong(t -> f.provider.count(Operation.FREE_DAYS, t)).sum() - daysBefore;
      long slotsAsked = open.stream().mapToLong(t -> f.provider.count(Operation.FREE_SLOTS, t)).sum();
      assertThat(slotsAsked).isGreaterThanOrEqualTo(daysAsked * 9 / 10);
      assertThat(maxInWindow(f.provider.requests(), Duration.ofMinutes(1))).isLessThanOrEqualTo(40);
    }
  }

  @Test
  void aPollCutShortByTheBudgetGoesOnAsSoonAsTheBudgetAllowsNotAtTheNextInterval() {
    RequestBudget budget = RequestBudget.of(6, 360, 2); // a poll of 8 free days needs 9 requests
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      Target t = f.provider.target("dr-a");
      for (int d = 1; d <= 8; d++) {
        f.provider.open(t, f.at("06:00", d));
      }
      f.hunter.watch(WatchRequest.of("u1", t)); // FREE: every 5 minutes

      for (int s = 0; s < 150; s++) {
        f.tick(Duration.ofSeconds(1));
      }

      // all eight days read within two and a half minutes, not one batch per 5-minute interval
      assertThat(f.events.await(io.github.slothunter.api.SlotOpened.class, 8)).hasSize(8);
      assertThat(f.provider.count(Operation.FREE_SLOTS, t)).isEqualTo(8);
      assertThat(maxInWindow(f.provider.requests(), Duration.ofMinutes(1))).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void aRateLimitPausesTheProviderHalvesItsRateAndRecovers() {
    RequestBudget budget = RequestBudget.of(40, 2400, 3);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      f.hunter.runDue();
      for (int i = 0; i < 3; i++) {
        f.provider.failNext(Operation.FREE_DAYS, SlotHunterException.builder(ErrorCode.RATE_LIMITED).providerId("mem")
            .retryAfter(Duration.ofSeconds(30)).message("429").build());
      }

      f.tick(Duration.ofSeconds(10));
      ProviderThrottled throttled = f.events.await(ProviderThrottled.class, 1).get(0);
      long sentAfter429 = f.provider.count(Operation.FREE_DAYS);
      f.tick(Duration.ofSeconds(10));
      f.tick(Duration.ofSeconds(10));

      assertThat(throttled.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(throttled.pause()).isEqualTo(Duration.ofSeconds(30));
      assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(sentAfter429);
      assertThat(f.hunter.stats().providers().get(0).effectivePerMinute()).isEqualTo(20);

      for (int i = 0; i < 30; i++) {
        f.tick(Duration.ofSeconds(10));
      }
      assertThat(f.hunter.stats().providers().get(0).rateLimited()).isEqualTo(3);
      // three refusals in a row are one burst: the rate climbs back to just under its level before it
      // (36 of 40) within seconds of the last pause, then probes upwards a little per success
      assertThat(f.hunter.stats().providers().get(0).effectivePerMinute()).isGreaterThanOrEqualTo(32);
      for (int i = 0; i < 400; i++) {
        f.tick(Duration.ofSeconds(10));
      }
      assertThat(f.hunter.stats().providers().get(0).effectivePerMinute()).isEqualTo(40);
    }
  }

  @Test
  void sustainedFailuresOpenTheCircuitPauseWatchesAndRecoveryResumesThem() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));
      for (int i = 0; i < 6; i++) { // five to open the circuit, one more to fail the first trial call
        f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);
      }

      f.hunter.runDue();
      for (int i = 0; i < 4; i++) {
        f.tick(Duration.ofSeconds(10)); // five failures in a row open the circuit
      }
      WatchPaused paused = f.events.await(WatchPaused.class, 1).get(0);
      ProviderThrottled throttled = f.events.await(ProviderThrottled.class, 1).get(0);
      long sentWhileOpen = f.provider.count(Operation.FREE_DAYS);
      for (int i = 0; i < 5; i++) {
        f.tick(Duration.ofSeconds(10));
      }

      assertThat(paused.reason()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(throttled.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(sentWhileOpen);
      assertThat(f.hunter.stats().providers().get(0).circuit()).isEqualTo("OPEN");

      for (int i = 0; i < 60; i++) {
        f.tick(Duration.ofSeconds(5));
      }
      assertThat(f.events.of(WatchPaused.class)).hasSize(1);
      assertThat(f.events.await(WatchResumed.class, 1)).singleElement()
          .satisfies(r -> assertThat(r.owner()).isEqualTo("u1"));
      assertThat(f.hunter.stats().providers().get(0).circuit()).isEqualTo("CLOSED");
      assertThat(f.hunter.stats(t).errors()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void unavailableProvidersAreRetriedWithBackoffSoonerThanTheInterval() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.hunter.watch(WatchRequest.of("u1", t).plan("SLOW"));
      f.provider.failNext(Operation.FREE_DAYS, ErrorCode.PROVIDER_UNAVAILABLE);

      f.hunter.runDue();
      f.tick(Duration.ofSeconds(4));

      assertThat(f.provider.count(Operation.FREE_DAYS)).isEqualTo(2);
      assertThat(f.hunter.stats(t).errors()).isEqualTo(1);
    }
  }

  @Test
  void aBudgetSpentMidPollKeepsThePreviousSlotsOfTheDaysNotFetchedAndResumesWhereItStopped() {
    RequestBudget budget = RequestBudget.of(3, 100, 1);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      Target t = f.provider.target("dr-a");
      var s1 = f.provider.open(t, f.at("06:00", 1));
      var s2 = f.provider.open(t, f.at("06:00", 2));
      var s3 = f.provider.open(t, f.at("06:00", 3));
      f.hunter.watch(WatchRequest.of("u1", t).plan("FAST"));

      f.hunter.runDue();
      List<io.github.slothunter.api.Slot> first = f.hunter.snapshot(t);
      f.tick(Duration.ofSeconds(61));

      assertThat(first).containsExactly(s1, s2);
      assertThat(f.hunter.snapshot(t)).containsExactly(s1, s2, s3);
      assertThat(f.provider.count(Operation.FREE_SLOTS)).isEqualTo(3); // the resumed poll reads only the day it missed
      assertThat(maxInWindow(f.provider.requests(), Duration.ofMinutes(1))).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aManualModeLookupWithTheBudgetSpentSaysOurBudgetIsSpentAndRegistersNothing() {
    RequestBudget budget = RequestBudget.of(1, 100, 1);
    try (EngineFixture f = new EngineFixture(budget, Store.inMemory(), true)) {
      f.provider.target("dr-a");
      f.provider.target("dr-b");
      f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST"));

      var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(SlotHunterException.class,
          () -> f.hunter.watch(WatchRequest.of("u2", "mem:dr-b").plan("FAST")));

      assertThat(thrown.code()).isEqualTo(ErrorCode.BUDGET_SPENT); // ours, not the site's: nothing was sent
      assertThat(thrown.getMessage()).contains("own request budget").contains("did not refuse");
      assertThat(thrown.retryAfter()).isPresent();
      assertThat(f.hunter.watches("u2")).isEmpty();
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(1);
    }
  }
}
