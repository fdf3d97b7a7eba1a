package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.HealthState;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plan change reaches the owner's existing watches: pace, quota and auto-booking, saved and told. */
class PlanChangeTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private long polls() {
    return f.provider.count(Operation.FREE_DAYS);
  }

  private void run(Duration total) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusSeconds(10)) {
      f.tick(Duration.ofSeconds(10));
    }
  }

  @Test
  void anUpgradeSpeedsUpTheWatchesTheOwnerAlreadyHas() {
    Target t = f.provider.target("dr-a");
    Watch w = f.hunter.watch(WatchRequest.of("u1", t)); // FREE: a poll every 5 minutes
    f.hunter.runDue();
    run(Duration.ofMinutes(2));
    assertThat(polls()).as("FREE: one poll in two minutes").isEqualTo(1);

    f.hunter.setPlan("u1", "PREMIUM");

    assertThat(f.store.loadWatch(w.id()).orElseThrow().planName()).as("saved before setPlan returns")
        .isEqualTo("PREMIUM");
    assertThat(f.hunter.find(w.id()).orElseThrow().planName()).isEqualTo("PREMIUM");
    run(Duration.ofMinutes(3));
    assertThat(polls()).as("PREMIUM: a poll a minute from now on").isBetween(3L, 5L);
    assertThat(f.hunter.health(w.id()).pace()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aDowngradeStopsAutoBookingAndTheWatchesBeyondTheQuotaAndAnUpgradeBringsThemBack() {
    f.hunter.setPlan("u1", "PREMIUM");
    Target a = f.provider.target("dr-a");
    Target b = f.provider.target("dr-b");
    Watch booking = f.hunter.watch(WatchRequest.of("u1", a).autoBook(f.autoBook()));
    f.clock.advance(Duration.ofSeconds(1));
    Watch second = f.hunter.watch(WatchRequest.of("u1", b));
    f.hunter.runDue();

    f.hunter.setPlan("u1", "FREE");
    f.provider.open(a, f.at("06:00", 1));
    run(Duration.ofMinutes(6));

    assertThat(f.hunter.health(booking.id()).state()).isEqualTo(HealthState.QUOTA);
    assertThat(f.hunter.health(second.id()).state()).isEqualTo(HealthState.QUOTA);
    assertThat(f.events.awaitMatching(WatchHealthChanged.class, e -> e.current() == HealthState.QUOTA, 2))
        .extracting(WatchHealthChanged::watchId).containsExactlyInAnyOrder(booking.id(), second.id());
    assertThat(f.provider.count(Operation.HOLD)).as("FREE has no auto-booking").isZero();
    assertThat(f.hunter.find(second.id()).orElseThrow().planName()).isEqualTo("FREE");

    f.hunter.setPlan("u1", "PREMIUM");
    run(Duration.ofMinutes(2));

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).watchId()).isEqualTo(booking.id());
    assertThat(f.hunter.health(second.id()).state()).isEqualTo(HealthState.ACTIVE);
    f.restart();
    assertThat(f.hunter.find(second.id()).orElseThrow().planName()).as("kept across a restart")
        .isEqualTo("PREMIUM");
  }

  @Test
  void aWatchRequestNamingAPlanMovesTheOwnersOtherWatchesToIt() {
    Watch first = f.hunter.watch(WatchRequest.of("u1", f.provider.target("dr-a")));

    f.hunter.watch(WatchRequest.of("u1", f.provider.target("dr-b")).plan("PREMIUM"));

    assertThat(f.hunter.find(first.id()).orElseThrow().planName()).isEqualTo("PREMIUM");
    assertThat(f.hunter.plan("u1").name()).isEqualTo("PREMIUM");
  }
}
