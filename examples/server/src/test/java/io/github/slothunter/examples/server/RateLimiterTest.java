package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");

  @Test
  void allowsABurstThenPacesRequests() {
    RateLimiter limiter = new RateLimiter(clock, 3, 2);

    assertThat(limiter.acquire("k")).isZero();
    assertThat(limiter.acquire("k")).isZero();
    assertThat(limiter.acquire("k")).isZero();
    assertThat(limiter.acquire("k")).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.acquire("k")).isZero();
  }

  @Test
  void refillsNoFurtherThanTheBurst() {
    RateLimiter limiter = new RateLimiter(clock, 2, 1);
    limiter.acquire("k");
    limiter.acquire("k");

    clock.advance(Duration.ofHours(1));

    assertThat(limiter.acquire("k")).isZero();
    assertThat(limiter.acquire("k")).isZero();
    assertThat(limiter.acquire("k")).isPositive();
  }

  @Test
  void forgetsIdleKeys() {
    RateLimiter limiter = new RateLimiter(clock, 2, 1);
    limiter.acquire("a");
    limiter.acquire("b");
    clock.advance(Duration.ofMinutes(11));
    limiter.acquire("b");

    limiter.evictIdle();

    assertThat(limiter.size()).isEqualTo(1);
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RateLimiter(clock, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(clock, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(clock, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
