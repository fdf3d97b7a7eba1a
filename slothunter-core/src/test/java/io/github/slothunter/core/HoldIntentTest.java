package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import io.github.slothunter.testkit.RepeatedHold;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hold request whose answer is lost: the intent saved before it is resolved, so no hold the
 * engine does not know of outlives the time it takes to find out, and a hold that cannot be found
 * is reported with its lapse and never asked for again for the owner before then.
 */
class HoldIntentTest {

  @ParameterizedTest(name = "repeated hold answered {0}")
  @EnumSource(RepeatedHold.class)
  void aLostHoldAnswerIsFoundAndReleasedOrReportedWithItsLapse(RepeatedHold answer) {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      Slot slot = f.provider.open(t, f.at("06:00", 1));
      f.provider.reclaims(answer).loseHoldAnswers(true);
      f.restart(); // the engine reads the provider's capabilities at start
      Instant intentAt = f.clock.instant();
      Watch w = f.autoWatch(t, f.autoBook());

      f.hunter.runDue();
      assertThat(f.events.await(BookingFailed.class, 1).get(0).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
      assertThat(f.provider.holds()).as("the provider holds it; the engine does not know the key").hasSize(1);
      BookingAttempt intent = f.store.attempt(BookingAttempt.keyOf(w.id(), slot)).orElseThrow();
      assertThat(intent.state()).isEqualTo(BookingAttempt.State.STARTED);
      assertThat(intent.holder()).as("saved before the call").isEqualTo(InMemoryProvider.HOLDER);
      f.provider.loseHoldAnswers(false);

      f.tick(Duration.ofSeconds(30));
      assertThat(f.provider.count(Operation.HOLD)).as("nothing before the intent settles").isEqualTo(1);
      f.tick(Duration.ofSeconds(31)); // a poll after the settle: the slot is not free
      assertThat(f.provider.count(Operation.HOLD)).as("the poll's answer comes first").isEqualTo(1);
      f.tick(Duration.ofSeconds(10));

      if (answer == RepeatedHold.REFUSED) {
        HoldOutcomeUnknown told = f.events.await(HoldOutcomeUnknown.class, 1).get(0);
        Instant lapse = intentAt.plus(Duration.ofSeconds(60)).plus(Duration.ofMinutes(5));
        assertThat(told.lapsesAt()).isEqualTo(lapse);
        assertThat(told.watchId()).isEqualTo(w.id());
        assertThat(f.store.attempt(intent.key()).orElseThrow().state()).isEqualTo(BookingAttempt.State.HOLD_UNKNOWN);
        long holds = f.provider.count(Operation.HOLD);
        // another watch of the same owner on the same doctor does not try the slot either
        f.hunter.watch(WatchRequest.of("u1", t).plan("FAST").autoBook(f.autoBook()));
        for (int i = 0; i < 20; i++) {
          f.tick(Duration.ofSeconds(10));
        }
        assertThat(f.clock.instant()).isBefore(lapse);
        assertThat(f.provider.count(Operation.HOLD)).as("not held again for the owner before the lapse")
            .isEqualTo(holds);
        f.tick(Duration.between(f.clock.instant(), lapse).plusSeconds(1));
        assertThat(f.store.attempt(intent.key()).orElseThrow().state()).isEqualTo(BookingAttempt.State.FAILED);
        assertThat(f.events.of(HoldOutcomeUnknown.class)).as("told once").hasSize(1);
      } else {
        // asked again as the same holder, granted, released: the slot is free and the watch books it
        f.tick(Duration.ofSeconds(10));
        assertThat(f.events.await(BookingSucceeded.class, 1).get(0).watchId()).isEqualTo(w.id());
        assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
        assertThat(f.provider.holds()).isEmpty();
        assertThat(f.provider.bookings()).hasSize(1);
        assertThat(f.events.of(HoldOutcomeUnknown.class)).isEmpty();
      }
    }
  }

  @Test
  void aRefusedReclaimIsClearedEarlyByAPollThatShowsTheSlotFree() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      Slot slot = f.provider.open(t, f.at("06:00", 1));
      f.provider.reclaims(RepeatedHold.REFUSED).loseHoldAnswers(true);
      f.restart();
      Watch w = f.autoWatch(t, f.autoBook());
      f.hunter.runDue();
      f.provider.loseHoldAnswers(false);
      f.tick(Duration.ofSeconds(61));
      f.tick(Duration.ofSeconds(10));
      f.events.await(HoldOutcomeUnknown.class, 1);

      // the site drops the hold (it lapsed early): the next poll sees the slot free and the watch books it
      f.provider.dropHolds();
      f.tick(Duration.ofSeconds(10));
      f.tick(Duration.ofSeconds(10));

      assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot()).isEqualTo(slot);
      assertThat(f.store.openAttempts()).isEmpty();
      assertThat(f.store.attempt(BookingAttempt.keyOf(w.id(), slot)).orElseThrow().state())
          .isEqualTo(BookingAttempt.State.BOOKED);
    }
  }

  @Test
  void withoutReclaimTheIntentIsReportedAndARestartKeepsTheBlockUntilTheLapse() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      Slot slot = f.provider.open(t, f.at("06:00", 1));
      f.provider.loseHoldAnswers(true);
      Watch w = f.autoWatch(t, f.autoBook());
      f.hunter.runDue();
      f.provider.loseHoldAnswers(false);
      f.tick(Duration.ofSeconds(61));
      f.tick(Duration.ofSeconds(10));
      HoldOutcomeUnknown told = f.events.await(HoldOutcomeUnknown.class, 1).get(0);

      f.restart();
      long holds = f.provider.count(Operation.HOLD);
      f.tick(Duration.ofSeconds(10));
      f.tick(Duration.ofSeconds(10));

      assertThat(f.provider.count(Operation.HOLD)).as("the block outlives the restart").isEqualTo(holds);
      assertThat(f.events.of(HoldOutcomeUnknown.class)).as("not told again after the restart").hasSize(1);
      f.tick(Duration.between(f.clock.instant(), told.lapsesAt()).plusSeconds(1));
      assertThat(f.store.attempt(BookingAttempt.keyOf(w.id(), slot)).orElseThrow().state())
          .isEqualTo(BookingAttempt.State.FAILED);
    }
  }

  @Test
  void withoutAPollTheProviderIsAskedOnceTheEvidenceWaitIsOver() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.provider.reclaims(RepeatedHold.SAME_HOLD).loseHoldAnswers(true);
      f.restart();
      f.hunter.watch(WatchRequest.of("u1", t).plan("SLOW").autoBook(f.autoBook()));
      f.hunter.runDue();
      f.provider.loseHoldAnswers(false);

      f.tick(Duration.ofSeconds(179)); // settled, no poll since (SLOW polls every 5 minutes)
      assertThat(f.provider.count(Operation.RELEASE)).isZero();
      f.tick(Duration.ofSeconds(2));

      assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
      assertThat(f.provider.holds()).isEmpty();
    }
  }

  @Test
  void aReclaimThatFailsIsRetriedWithBackoffUntilItCanBeAnswered() {
    try (EngineFixture f = new EngineFixture()) {
      Target t = f.provider.target("dr-a");
      f.provider.open(t, f.at("06:00", 1));
      f.provider.reclaims(RepeatedHold.SAME_HOLD).loseHoldAnswers(true);
      f.restart();
      f.autoWatch(t, f.autoBook());
      f.hunter.runDue();
      f.provider.loseHoldAnswers(false);
      f.provider.failNext(Operation.HOLD, ErrorCode.PROVIDER_UNAVAILABLE);

      f.tick(Duration.ofSeconds(61));
      f.tick(Duration.ofSeconds(10)); // the reclaim fails: tried again 15 s later
      assertThat(f.provider.count(Operation.RELEASE)).isZero();
      f.tick(Duration.ofSeconds(16));

      assertThat(f.provider.count(Operation.RELEASE)).isEqualTo(1);
      assertThat(f.events.of(HoldOutcomeUnknown.class)).isEmpty();
    }
  }
}
