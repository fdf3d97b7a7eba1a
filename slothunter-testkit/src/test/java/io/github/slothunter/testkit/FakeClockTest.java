package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void standsStillAtTheGivenInstantInUtc() {
    FakeClock clock = FakeClock.at("2026-01-03T05:30:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-03T05:30:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-03T05:30:00Z").toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.instant()).isEqualTo(clock.instant());
  }

  @Test
  void advancesAndSets() {
    FakeClock clock = FakeClock.at(Instant.EPOCH);

    Instant advanced = clock.advance(Duration.ofMinutes(5));
    clock.advance(Duration.ZERO);

    assertThat(advanced).isEqualTo(Instant.EPOCH.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(advanced);
    clock.set(Instant.EPOCH);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void rejectsGoingBackWithAdvance() {
    FakeClock clock = FakeClock.at(Instant.EPOCH);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void zoneViewSharesTheTime() {
    FakeClock clock = FakeClock.at(Instant.EPOCH);
    FakeClock tehran = clock.withZone(ZoneId.of("Asia/Tehran"));

    clock.advance(Duration.ofHours(1));

    assertThat(tehran.instant()).isEqualTo(clock.instant());
    assertThat(tehran.getZone()).isEqualTo(ZoneId.of("Asia/Tehran"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThat(tehran.toString()).contains("1970-01-01T01:00:00Z", "Asia/Tehran");
  }

  @Test
  void concurrentAdvancesAreNotLost() throws Exception {
    FakeClock clock = FakeClock.at(Instant.EPOCH);
    ExecutorService pool = Executors.newFixedThreadPool(4);

    for (int i = 0; i < 1000; i++) {
      pool.execute(() -> clock.advance(Duration.ofMillis(1)));
    }
    pool.shutdown();

    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusSeconds(1));
  }
}
