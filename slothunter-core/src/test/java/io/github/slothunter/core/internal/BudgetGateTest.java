package io.github.slothunter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetGateTest {
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");

  @Test
  void theHourlyLimitHoldsRequestsBackUntilTheOldestLeavesTheWindow() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(5, 5, 5), clock);
    for (int i = 0; i < 5; i++) {
      assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
      gate.release();
      clock.advance(Duration.ofMinutes(2));
    }

    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isFalse();
    assertThat(gate.nextAvailableMillis(BudgetGate.Use.URGENT) - clock.millis())
        .isEqualTo(Duration.ofMinutes(50).toMillis());
    assertThat(gate.granted()).isEqualTo(5);
  }

  @Test
  void inFlightCallsAreCappedAndReleaseFreesThem() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(100, 1000, 2), clock);

    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isFalse();
    assertThat(gate.nextAvailableMillis(BudgetGate.Use.URGENT)).isGreaterThan(clock.millis());
    gate.release();
    gate.release();
    gate.release(); // an extra release never goes below zero

    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
  }

  @Test
  void pollsArePacedAndKeepAReserveForBooking() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(20, 1000, 20), clock);
    assertThat(gate.reserve()).isEqualTo(2);

    assertThat(gate.tryAcquire(BudgetGate.Use.POLL)).isTrue();
    assertThat(gate.tryAcquire(BudgetGate.Use.POLL)).isFalse(); // burst of 1 at 18 polls/min
    long next = gate.nextAvailableMillis(BudgetGate.Use.POLL) - clock.millis();
    assertThat(next).isBetween(3000L, 3400L);
    for (int i = 0; i < 17; i++) {
      assertThat(gate.tryAcquire(BudgetGate.Use.POLL_CONTINUE)).isTrue(); // a started poll is not paced
    }
    assertThat(gate.tryAcquire(BudgetGate.Use.POLL_CONTINUE)).isFalse(); // the reserve stays free
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isFalse();
    assertThat(gate.usedLastMinute()).isEqualTo(20);
  }

  @Test
  void acquireGivesUpAfterItsWaitWhenNothingFrees() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(1, 10, 1), clock);
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
    gate.release();

    long start = System.nanoTime();
    boolean got = gate.acquire(BudgetGate.Use.URGENT, Duration.ofMillis(30));

    assertThat(got).isFalse();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
  }

  @Test
  void aRateLimitPausesHalvesAndSharingSplitsTheBudget() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(40, 2400, 4), clock);

    gate.onRateLimited(Duration.ofSeconds(30));
    assertThat(gate.paused()).isTrue();
    assertThat(gate.effectivePerMinute()).isEqualTo(20);
    assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isFalse();
    assertThat(gate.nextAvailableMillis(BudgetGate.Use.URGENT) - clock.millis()).isEqualTo(30_000);
    clock.advance(Duration.ofSeconds(31));
    assertThat(gate.paused()).isFalse();

    gate.share(2);
    assertThat(gate.effectivePerMinute()).isEqualTo(10);
    gate.share(0);
    assertThat(gate.effectivePerMinute()).isEqualTo(20);
    for (int i = 0; i < 1000; i++) {
      gate.onSuccess();
    }
    assertThat(gate.effectivePerMinute()).isEqualTo(40);
  }

  @Test
  void aBurstOf429sHalvesOnceAndTheRateIsBackNearItsLevelWithinAMinute() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(20, 300, 3), clock);
    for (int i = 0; i < 5; i++) { // five calls in flight all answered 429, Retry-After 2 s
      gate.onRateLimited(Duration.ofSeconds(2));
    }
    assertThat(gate.effectivePerMinute()).isEqualTo(10);
    clock.advance(Duration.ofSeconds(1));
    gate.onRateLimited(Duration.ofSeconds(2)); // an answer that arrives during the pause: the same burst
    assertThat(gate.effectivePerMinute()).isEqualTo(10);

    clock.advance(Duration.ofSeconds(2)); // the pause is over
    int seconds = 0;
    while (gate.effectivePerMinute() < 16 && seconds < 60) { // one successful request a second
      clock.advance(Duration.ofSeconds(1));
      gate.onSuccess();
      seconds++;
    }

    assertThat(gate.effectivePerMinute()).isGreaterThanOrEqualTo(16); // >= 80% of 20
    assertThat(seconds).isLessThanOrEqualTo(15);
    clock.advance(Duration.ofSeconds(30));
    gate.onSuccess();
    assertThat(gate.effectivePerMinute()).isEqualTo(18); // quickly only up to just under the refused rate
    for (int i = 0; i < 80; i++) { // then a little per success: 4 x the per-minute rate in successes
      gate.onSuccess();
    }
    assertThat(gate.effectivePerMinute()).isEqualTo(20);
  }

  @Test
  void fiveRefusalsInARowStillClimbBackToTheLevelBeforeThemWithinAMinute() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(20, 300, 3), clock);
    for (int i = 0; i < 5; i++) { // each retry after the pause is refused again, Retry-After 2 s
      gate.onRateLimited(Duration.ofSeconds(2));
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(gate.effectivePerMinute()).isEqualTo(2); // the floor: a tenth of the rate

    for (int i = 0; i < 60; i++) { // a minute after the last Retry-After, one success a second
      clock.advance(Duration.ofSeconds(1));
      gate.onSuccess();
    }

    assertThat(gate.effectivePerMinute()).isGreaterThanOrEqualTo(16); // >= 80% of the 20 before the burst
  }

  @Test
  void a429AtTheRecoveredLevelLowersTheLevelItClimbsBackTo() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(40, 2400, 4), clock);
    gate.onRateLimited(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(60));
    gate.onSuccess();
    assertThat(gate.effectivePerMinute()).isEqualTo(36);

    clock.advance(Duration.ofSeconds(60)); // a new burst, well after the first
    gate.onRateLimited(Duration.ofSeconds(1)); // refused again at 36 a minute
    clock.advance(Duration.ofSeconds(60));
    gate.onSuccess();

    assertThat(gate.effectivePerMinute()).isEqualTo(32); // 90% of 36
  }

  // ---------------------------------------------------------------- every window spent over its length

  /** Polls as often as the gate lets them for {@code minutes}; returns the grant times (clock millis). */
  private java.util.List<Long> pollFlat(BudgetGate gate, int minutes, BudgetGate.Use use) {
    java.util.List<Long> at = new java.util.ArrayList<>();
    for (int t = 0; t < minutes * 600; t++) { // every 100 ms
      if (gate.tryAcquire(use)) {
        gate.release();
        at.add(clock.millis());
      }
      clock.advance(Duration.ofMillis(100));
    }
    return at;
  }

  private static long longestGap(java.util.List<Long> at) {
    long longest = 0;
    for (int i = 1; i < at.size(); i++) {
      longest = Math.max(longest, at.get(i) - at.get(i - 1));
    }
    return longest;
  }

  @Test
  void theHourIsSpentEvenlyOverTheHourNotInItsFirstMinutes() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(20, 300, 3), clock);
    long start = clock.millis();

    java.util.List<Long> at = pollFlat(gate, 120, BudgetGate.Use.POLL);

    // the pacer's pace: (300 - a burst of 18 - a reserve of 6) over the hour
    assertThat(gate.sustainablePollsPerMinute()).isBetween(4.5, 4.7);
    for (int tenMinutes = 0; tenMinutes < 12; tenMinutes++) {
      long from = start + tenMinutes * 600_000L;
      long n = at.stream().filter(t -> t >= from && t < from + 600_000L).count();
      assertThat(n).as("polls in minutes %d-%d", tenMinutes * 10, tenMinutes * 10 + 10)
          .isBetween(tenMinutes == 0 ? 46L : 45L, tenMinutes == 0 ? 66L : 48L);
    }
    assertThat(longestGap(at)).isLessThan(Duration.ofSeconds(15).toMillis()); // never a silence while the hour rolls
    for (long t : at) { // and no rolling hour over 300
      assertThat(at.stream().filter(u -> u > t - 3_600_000L && u <= t).count()).isLessThanOrEqualTo(300);
    }
  }

  @Test
  void requestsOutOfTurnSlowThePollsAfterThemSoTheHourStillLasts() {
    BudgetGate gate = new BudgetGate(RequestBudget.of(20, 300, 30), clock);
    long start = clock.millis();
    for (int i = 0; i < 20; i++) { // a booking spree at the start of the hour
      assertThat(gate.tryAcquire(BudgetGate.Use.URGENT)).isTrue();
      gate.release();
    }

    java.util.List<Long> at = pollFlat(gate, 60, BudgetGate.Use.POLL);

    assertThat(at.size() + 20).isLessThanOrEqualTo(300);
    assertThat(at.get(0) - start).isGreaterThanOrEqualTo(39_000L); // the pacer owes 2 tokens and needs 1: ~39 s
    assertThat(at).hasSizeBetween(240, 280);
  }

  @Test
  void aFurtherWindowIsPacedTooAndLookupsFollowTheLongWindowsButNotTheMinute() {
    RequestBudget daily = RequestBudget.of(20, 300, 3).withLimit(Duration.ofDays(1), 1440);
    BudgetGate gate = new BudgetGate(daily, clock);
    assertThat(gate.sustainablePollsPerMinute()).isBetween(0.9, 1.0); // about 1440 a day, less burst and reserve

    java.util.List<Long> polls = pollFlat(gate, 180, BudgetGate.Use.POLL);
    assertThat(polls).hasSizeBetween(18 + 150, 18 + 185); // a minute's burst, then about one a minute

    BudgetGate lookups = new BudgetGate(RequestBudget.of(20, 300, 3), clock);
    int burst = 0;
    while (lookups.tryAcquire(BudgetGate.Use.LOOKUP)) { // not paced within the minute: a whole burst at once
      lookups.release();
      burst++;
    }
    assertThat(burst).isEqualTo(18); // the minute less its reserve of 2
    assertThat(lookups.nextAvailableMillis(BudgetGate.Use.LOOKUP) - clock.millis()).isEqualTo(60_000L); // the minute
    clock.advance(Duration.ofMinutes(1));
    int next = 0;
    while (lookups.tryAcquire(BudgetGate.Use.LOOKUP)) {
      lookups.release();
      next++;
    }
    assertThat(next).isEqualTo(4); // the hour's pacer refilled 4.6 in that minute
    assertThat(lookups.nextAvailableMillis(BudgetGate.Use.LOOKUP) - clock.millis()).isBetween(5_000L, 13_100L);
    assertThat(lookups.tryAcquire(BudgetGate.Use.URGENT)).isTrue(); // urgent calls still have the reserve
  }
}
