package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.patient;
import static io.github.slothunter.store.jdbc.Fixtures.session;
import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Book-then-cancel killed between its two steps: the restarted engine finishes the cancel, so the
 * patient ends with exactly the new booking (never both, never none), the owner hears the booking
 * once per id and no failure, and the watch books nothing more.
 */
class ReplacementCrashRecoveryTest {
  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().id("fake").clock(clock).build();
  private final List<SlotHunter> engines = new ArrayList<>();
  private final List<CrashingStore> crashing = new ArrayList<>();
  private final Target target = target("dr-a");

  /** Where the kill happens. */
  enum Step {
    /** The new booking is saved (REPLACING), its success not yet published, the cancel not sent. */
    AFTER_THE_NEW_BOOKING_IS_SAVED(CrashingStore.Point.afterAttempt(BookingAttempt.State.REPLACING)),
    /** The cancel reached the provider; its answer never came back. */
    AFTER_THE_CANCEL_CALL_REACHED_THE_PROVIDER(CrashingStore.Point.nowhere()),
    /** The job is saved done, its events not yet published. */
    AFTER_THE_JOB_IS_SAVED_DONE(CrashingStore.Point.afterAttempt(BookingAttempt.State.BOOKED));

    final CrashingStore.Point point;

    Step(CrashingStore.Point point) {
      this.point = point;
    }
  }

  static Stream<Arguments> steps() {
    return TestDatabase.cases(Step.values(), false, true);
  }

  @AfterEach
  void closeEngines() {
    crashing.forEach(CrashingStore::revive);
    engines.forEach(SlotHunter::close);
  }

  @ParameterizedTest(name = "{0}, killed {1}, read-back {2}")
  @MethodSource("steps")
  void aKillBetweenBookAndCancelIsFinishedByTheRestart(TestDatabase.Kind kind, Step step, boolean readBack)
      throws InterruptedException {
    TestDatabase db = kind.create(dir);
    provider.addCalendar(target);
    provider.readBack(readBack);
    Booking current = provider.addBooking(provider.open(slot(target, 180)));
    provider.take(current.slot());
    Slot better = provider.open(slot(target, 0));

    CrashingStore store = new CrashingStore(db.open(TestDatabase.KEY, clock), step.point);
    crashing.add(store);
    if (step == Step.AFTER_THE_CANCEL_CALL_REACHED_THE_PROVIDER) {
      provider.onAnswer(r -> {
        if (r.operation() == Operation.CANCEL && !store.crashed()) {
          store.kill("as the cancel call's answer came back");
        }
      });
    }
    SlotHunter killed = store.engine(provider.factory(), clock);
    engines.add(killed);
    HeardEvents before = new HeardEvents();
    killed.listen(before::onEvent);
    Watch watch = killed.watch(WatchRequest.of("u1", target).plan("PRO")
        .autoBook(new AutoBook(patient(), session(), 1).replacing(current)));
    for (int round = 0; round < 10 && !store.crashed(); round++) {
      try {
        killed.runDue();
      } catch (CrashingStore.Crash expected) {
        break;
      }
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(store.crashed()).as("killed " + step).isTrue();
    before.kill();
    provider.onAnswer(r -> {});
    provider.open(slot(target, -60)); // even better: the finished job must not book again

    HeardEvents after = new HeardEvents();
    try (SlotHunter restarted = CrashingStore.node(provider.factory(), db.open(TestDatabase.KEY, clock), clock)) {
      restarted.listen(after::onEvent);
      for (int round = 0; round < 3; round++) {
        clock.advance(Duration.ofMinutes(1));
        restarted.runDue();
      }
      assertThat(restarted.find(watch.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
    }

    assertThat(provider.bookings()).as("exactly the new booking: never both, never none").extracting(Booking::slot)
        .containsExactly(better);
    assertThat(provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(provider.holds()).isEmpty();
    List<String> booked = HeardEvents.ids(before, after, BookingSucceeded.class);
    assertThat(booked).as("the owner hears the booking, every time under one id").isNotEmpty()
        .containsOnly(booked.get(0));
    assertThat(HeardEvents.ids(before, after, BookingFailed.class)).isEmpty();
    assertThat(HeardEvents.ids(before, after, BookingOutcomeUnknown.class)).isEmpty();
    try (JdbcStore reopened = db.open(TestDatabase.KEY, clock)) {
      assertThat(reopened.openAttempts()).as("the job is over").isEmpty();
    }
    assertThat(db.rows("SELECT event_id FROM event_outbox")).as("the outbox is empty once delivered").isEmpty();
  }
}
