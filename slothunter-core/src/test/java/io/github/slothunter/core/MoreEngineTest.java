package io.github.slothunter.core;

import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.TimeWindow;
import io.github.slothunter.api.BookingAttempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoreEngineTest {

  @Test
  void doctorLookupsAreReusedForTenMinutesThenRefreshed() {
    try (EngineFixture f = new EngineFixture()) {
      f.provider.doctor("dr-a", "s1", "s2");
      f.hunter.watch(WatchRequest.of("u1", "mem:dr-a").plan("FAST").service("s1"));
      f.hunter.watch(WatchRequest.of("u2", "mem:dr-a").plan("FAST").service("s2"));
      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(1);

      f.clock.advance(Duration.ofMinutes(11));
      f.hunter.lookup("mem:dr-a");

      assertThat(f.provider.count(Operation.LOOKUP)).isEqualTo(2);
    }
  }

  @Test
  void restoringManyWatchesOnOneTargetReadsItsSnapshotOnceAndAnnouncesNothingTwice() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      for (int i = 0; i < 3; i++) {
        f.hunter.watch(WatchRequest.of("u" + i, t).plan("FAST"));
      }
      f.hunter.runDue();
      f.events.await(SlotOpened.class, 3);

      f.restart();
      f.tick(Duration.ofSeconds(10));

      assertThat(f.events.settle().stream().filter(e -> e instanceof SlotOpened)).hasSize(3);
      assertThat(f.hunter.snapshot(t)).hasSize(1);
      assertThat(f.hunter.stats().targets()).isEqualTo(1);
    }
  }

  @Test
  void anInterruptedHoldIntentIsResolvedByAPollAndTheSlotIsBookedWhileAnInterruptedHeldAttemptIsUnknown() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      Watch w = f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(EngineFixture.patient(), f.session()));
      var slot = f.provider.open(t, f.at("06:00", 1));
      f.store.saveAttempt(new BookingAttempt(BookingAttempt.keyOf(w.id(), slot), w.id(), slot,
          BookingAttempt.State.STARTED, null, null, null, null, null, f.clock.instant()));
      f.store.saveAttempt(new BookingAttempt("gone|x", "gone", slot, BookingAttempt.State.HELD, "h9", null, null, null,
          null, f.clock.instant()));

      f.restart();

      // the STARTED one never sent a book call: no pause; the watch waits for the intent to settle
      assertThat(f.store.attempt("gone|x").orElseThrow().state()).isEqualTo(BookingAttempt.State.UNKNOWN);
      assertThat(f.store.openAttempts()).extracting(BookingAttempt::state).containsExactly(BookingAttempt.State.STARTED);
      f.tick(Duration.ofSeconds(30));
      assertThat(f.provider.count(Operation.HOLD)).as("not held again before the intent settles").isZero();
      f.tick(Duration.ofSeconds(31));

      // a poll after the settle shows the slot free: nobody holds it, so the watch books it
      assertThat(f.events.await(BookingSucceeded.class, 1).get(0).watchId()).isEqualTo(w.id());
      assertThat(f.provider.count(Operation.RELEASE)).isZero();
      assertThat(f.store.openAttempts()).isEmpty();
      assertThat(f.events.of(BookingOutcomeUnknown.class)).as("no book call was sent: nothing to pause for").isEmpty();
    }
  }

  @Test
  void builderRejectsBadInstanceIdsAndLeaseTimes() {
    SlotHunter.Builder b = SlotHunter.builder();

    assertThatThrownBy(() -> b.instanceId(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.instanceId("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.leaseTime(Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.instanceId("node-1").leaseTime(Duration.ofSeconds(5))).isSameAs(b);
  }

  @Test
  void timeWindowsWithoutALeadingZeroAndPlansAtTheirLimitsAreAccepted() {
    try (EngineFixture f = new EngineFixture()) {
      assertThat(WatchRequest.of("u1", f.provider.target("dr-q")).toString()).contains("target=");
      assertThatThrownBy(() -> new AutoBook(EngineFixture.patient(), f.session(), 101))
          .hasMessageContaining("maxBookings");
    }
    assertThat(TimeWindow.parse("9:30-11:00").from()).hasToString("09:30");
    assertThat(new Plan("X".repeat(64), 1, Duration.ofMillis(10), false, 100).priority()).isEqualTo(100);
    assertThatThrownBy(() -> new Plan("X".repeat(65), 1, Duration.ofMinutes(1), false, 1))
        .hasMessageContaining("plan name");
    assertThatThrownBy(() -> new Plan("X", 1, Duration.ofMinutes(1), false, -1)).hasMessageContaining("priority");
    assertThat(new SlotFilter(null, java.time.LocalDate.of(2026, 1, 1), java.util.Set.of(), List.of(), false, null)
        .mayMatchDay(java.time.LocalDate.of(2026, 1, 2))).isFalse();
  }
}
