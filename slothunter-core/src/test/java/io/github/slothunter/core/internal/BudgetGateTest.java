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
}
