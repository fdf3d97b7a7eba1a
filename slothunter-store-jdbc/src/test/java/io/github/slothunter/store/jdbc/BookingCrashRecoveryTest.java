package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.patient;
import static io.github.slothunter.store.jdbc.Fixtures.session;
import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.testkit.InMemoryProvider;
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
 * An auto-booking engine killed at each step of hold -> book -> publish, restarted with the same
 * instance id on the same database: it never books twice, releases a hold it knows was never
 * booked, tells the owner the outcome once per id, and loses no {@code SlotOpened}.
 *
 * <p>Run twice: on a provider that cannot look the account's bookings up, an attempt the kill left
 * open stays unknown (and one killed after its book call may have been sent keeps its hold); on one
 * that can ({@code FIND_BOOKING}), the restarted engine finds out and ends every attempt with its
 * real outcome: booked (verified, with the tracking code) or not booked (no hold left, booking
 * resumed).
 */
class BookingCrashRecoveryTest {
  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().id("fake").clock(clock).build();
  private final List<SlotHunter> engines = new ArrayList<>();
  private final List<CrashingStore> crashing = new ArrayList<>();
  private final Target target = target("dr-a");

  /** Where the kill happens, and what the restarted engine must end with, without and with booking lookups. */
  enum Step {
    BEFORE_THE_ATTEMPT_IS_SAVED(new CrashingStore.Point("saveAttempt", false,
        x -> x instanceof BookingAttempt a && a.state() == BookingAttempt.State.STARTED), Outcome.BOOKED,
        Outcome.BOOKED, false),
    /** The hold intent is saved, the hold call never sent: a poll after the intent settles shows the slot free. */
    AFTER_STARTED_BEFORE_THE_HOLD(CrashingStore.Point.afterAttempt(BookingAttempt.State.STARTED), Outcome.BOOKED,
        Outcome.BOOKED, false),
    /** Killed as the hold's answer came back: the provider holds the slot, the engine never learnt the key. */
    AFTER_THE_HOLD_CALL_REACHED_THE_PROVIDER(CrashingStore.Point.nowhere(), Outcome.HOLD_UNKNOWN, Outcome.BOOKED,
        true),
    AFTER_THE_HOLD(CrashingStore.Point.afterAttempt(BookingAttempt.State.HELD), Outcome.UNKNOWN, Outcome.NOT_BOOKED,
        false),
    AFTER_BOOKING_BEFORE_THE_BOOK_CALL(CrashingStore.Point.afterAttempt(BookingAttempt.State.BOOKING),
        Outcome.UNKNOWN, Outcome.NOT_BOOKED, true),
    /** Killed as the provider's answer to the book call came back: the provider booked it, the engine never heard. */
    AFTER_THE_BOOK_CALL_REACHED_THE_PROVIDER(CrashingStore.Point.nowhere(), Outcome.UNKNOWN_BUT_BOOKED,
        Outcome.FOUND_BOOKED, false),
    AFTER_BOOKED_BEFORE_PUBLISHING(CrashingStore.Point.afterAttempt(BookingAttempt.State.BOOKED), Outcome.BOOKED,
        Outcome.BOOKED, false),
    AFTER_PUBLISHING_BEFORE_MARKING(CrashingStore.Point.before("markDelivered"), Outcome.BOOKED, Outcome.BOOKED,
        false);

    final CrashingStore.Point point;
    /** The end on a provider without booking lookups. */
    final Outcome outcome;
    /** The end on a provider with booking lookups ({@code FIND_BOOKING}). */
    final Outcome resolved;
    /** Whether, without booking lookups, the hold stays at the provider (the book call may have reached it). */
    final boolean holdKept;

    Step(CrashingStore.Point point, Outcome outcome, Outcome resolved, boolean holdKept) {
      this.point = point;
      this.outcome = outcome;
      this.resolved = resolved;
      this.holdKept = holdKept;
    }
  }

  enum Outcome {
    /** Booked, and the owner heard it. */
    BOOKED,
    /** Not booked; the owner heard the outcome is unknown, and booking stays paused. */
    UNKNOWN,
    /** Booked by the provider, but the owner heard only that the outcome is unknown. */
    UNKNOWN_BUT_BOOKED,
    /** Unknown, then found on the account's bookings: the owner heard both, the success verified. */
    FOUND_BOOKED,
    /** Unknown, then found not to be on the account's bookings: the owner heard both, booking resumed. */
    NOT_BOOKED,
    /** Not booked; the owner heard that a hold may be left until it lapses, and the slot is not held again. */
    HOLD_UNKNOWN
  }

  static Stream<Arguments> steps() {
    return TestDatabase.cases(Step.values(), false, true);
  }

  @AfterEach
  void closeEngines() {
    crashing.forEach(CrashingStore::revive);
    engines.forEach(SlotHunter::close);
  }

  private SlotHunter engine(CrashingStore store) {
    SlotHunter h = store.engine(provider.factory(), clock);
    engines.add(0, h);
    return h;
  }

  @ParameterizedTest(name = "{0}, killed {1}, booking lookups {2}")
  @MethodSource("steps")
  void aKillAnywhereInABookingNeverBooksTwiceLeaksNoKnownHoldAndTellsTheOutcome(TestDatabase.Kind kind, Step step,
      boolean lookups) throws InterruptedException {
    TestDatabase db = kind.create(dir);
    provider.addCalendar(target);
    provider.readBack(lookups);
    provider.reclaims(lookups ? io.github.slothunter.testkit.RepeatedHold.SAME_HOLD : null);
    Slot slot = provider.open(slot(target, 0));

    CrashingStore store = new CrashingStore(db.open(TestDatabase.KEY, clock), step.point);
    crashing.add(store);
    if (step == Step.AFTER_THE_BOOK_CALL_REACHED_THE_PROVIDER || step == Step.AFTER_THE_HOLD_CALL_REACHED_THE_PROVIDER) {
      InMemoryProvider.Operation op = step == Step.AFTER_THE_BOOK_CALL_REACHED_THE_PROVIDER
          ? InMemoryProvider.Operation.BOOK : InMemoryProvider.Operation.HOLD;
      provider.onAnswer(r -> {
        if (r.operation() == op && !store.crashed()) {
          store.kill("as the " + op + " call's answer came back");
        }
      });
    }
    SlotHunter killed = engine(store);
    HeardEvents before = new HeardEvents();
    killed.listen(before::onEvent);
    Watch watch = killed.watch(WatchRequest.of("u1", target).plan("PRO")
        .autoBook(new AutoBook(patient(), session(), 1)));
    for (int round = 0; round < 20 && !store.crashed(); round++) {
      try {
        killed.runDue();
      } catch (CrashingStore.Crash expected) {
        break;
      }
      if (step == Step.AFTER_PUBLISHING_BEFORE_MARKING) {
        before.await(BookingSucceeded.class); // marked at the start of the next round
      }
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(store.crashed()).as("killed " + step).isTrue();
    before.kill();
    provider.onAnswer(r -> {});

    HeardEvents after = new HeardEvents();
    try (SlotHunter restarted = CrashingStore.node(provider.factory(), db.open(TestDatabase.KEY, clock), clock)) {
      restarted.listen(after::onEvent);
      for (int round = 0; round < 3; round++) { // polls, books or releases what the crash left
        clock.advance(Duration.ofMinutes(1));
        restarted.runDue();
      }
    }

    assertThat(provider.bookings()).as("never booked twice").hasSizeLessThanOrEqualTo(1);
    if (step == Step.AFTER_THE_HOLD_CALL_REACHED_THE_PROVIDER && lookups) {
      // the slot left (our unknown hold) and came back (released): it opened twice, each time under one id
      assertThat(new java.util.HashSet<>(HeardEvents.ids(before, after, SlotOpened.class))).hasSize(2);
    } else assertThat(HeardEvents.ids(before, after, SlotOpened.class)).as("one SlotOpened, one id").isNotEmpty()
        .allMatch(id -> id.equals(before.of(SlotOpened.class).isEmpty() ? after.of(SlotOpened.class).get(0).id()
            : before.of(SlotOpened.class).get(0).id()));
    List<String> booked = HeardEvents.ids(before, after, BookingSucceeded.class);
    List<String> unknown = HeardEvents.ids(before, after, BookingOutcomeUnknown.class);
    List<String> failed = HeardEvents.ids(before, after, BookingFailed.class);
    Outcome outcome = lookups ? step.resolved : step.outcome;
    switch (outcome) {
      case BOOKED, FOUND_BOOKED, UNKNOWN_BUT_BOOKED ->
          assertThat(provider.bookings()).extracting(b -> b.slot().id()).containsExactly(slot.id());
      case UNKNOWN, NOT_BOOKED, HOLD_UNKNOWN -> assertThat(provider.bookings()).isEmpty();
      default -> throw new AssertionError(outcome);
    }
    List<String> holdUnknown = HeardEvents.ids(before, after, HoldOutcomeUnknown.class);
    if (outcome == Outcome.HOLD_UNKNOWN) {
      assertThat(holdUnknown).as("the owner hears a hold may be left, once per id").isNotEmpty()
          .containsOnly(holdUnknown.get(0));
      assertThat(provider.count(InMemoryProvider.Operation.HOLD)).as("the slot is not held again").isEqualTo(1);
    } else {
      assertThat(holdUnknown).isEmpty();
    }
    if (outcome == Outcome.BOOKED || outcome == Outcome.FOUND_BOOKED) {
      assertThat(booked).as("the owner hears the booking, every time under one id").isNotEmpty()
          .containsOnly(booked.get(0));
    } else {
      assertThat(booked).isEmpty();
    }
    if (outcome == Outcome.BOOKED || outcome == Outcome.HOLD_UNKNOWN) {
      assertThat(unknown).isEmpty();
    } else {
      assertThat(unknown).as("the owner hears the outcome is unknown, once per id").isNotEmpty()
          .containsOnly(unknown.get(0));
    }
    if (outcome == Outcome.FOUND_BOOKED) {
      BookingSucceeded last = after.of(BookingSucceeded.class).get(after.of(BookingSucceeded.class).size() - 1);
      assertThat(last.verified()).as("found on the account's bookings").isTrue();
      assertThat(last.booking().trackingCode()).isEqualTo(provider.bookings().get(0).trackingCode());
    }
    if (outcome == Outcome.NOT_BOOKED) {
      assertThat(failed).as("the owner hears it was not booked, once per id").isNotEmpty().containsOnly(failed.get(0));
      assertThat(after.of(WatchResumed.class)).as("booking resumed").isNotEmpty();
      try (JdbcStore reopened = db.open(TestDatabase.KEY, clock)) {
        assertThat(reopened.loadWatch(watch.id()).orElseThrow().state()).isEqualTo(WatchState.ACTIVE);
      }
    } else {
      assertThat(failed).isEmpty();
    }
    if (!lookups && step.holdKept) {
      assertThat(provider.holds()).as("kept: the book or hold call may have reached the provider").hasSize(1);
    } else {
      assertThat(provider.holds()).as("no hold left behind").isEmpty();
    }
    assertThat(db.rows("SELECT event_id FROM event_outbox")).as("the outbox is empty once delivered").isEmpty();
  }
}
