package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After {@code BookingOutcomeUnknown}, the engine finds out from the account's own bookings
 * ({@code Booker.findBooking}) whether the booking was made, and says so: booked with the provider's
 * tracking code, or not booked (the hold released, booking resumed). Without that capability the
 * outcome stays unknown and booking stays paused.
 */
class UnknownOutcomeTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** The provider can look bookings up (the engine reads capabilities when it starts). */
  private void canFindBookings() {
    f.provider.readBack(true);
    f.restart();
  }

  /** Advances the clock in 10-second polls until the time has passed. */
  private void run(Duration total) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusSeconds(10)) {
      f.tick(Duration.ofSeconds(10));
    }
  }

  /** An auto-booking watch on dr-a whose book call reached the site but whose answer was lost. */
  private Watch bookWithTheAnswerLost() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.loseAnswers(true);
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    f.events.await(BookingOutcomeUnknown.class, 1);
    f.provider.loseAnswers(false);
    return w;
  }

  @Test
  void withoutLookupsAHoldTheProviderStillGrantsShowsTheBookCallNeverUsedIt() {
    f.provider.reclaims(io.github.slothunter.testkit.RepeatedHold.SAME_HOLD);
    f.restart();
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.PROVIDER_UNAVAILABLE); // sent, never processed
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    f.events.await(BookingOutcomeUnknown.class, 1);
    assertThat(f.provider.holds()).hasSize(1);

    run(Duration.ofSeconds(40));

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.reason()).contains("still held the slot for this account").contains("hold was released");
    assertThat(f.events.await(WatchResumed.class, 1)).hasSize(1);
    assertThat(f.provider.holds()).isEmpty();
    assertThat(f.provider.bookings()).isEmpty();
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.ACTIVE);
  }

  @Test
  void withoutLookupsASlotTheProviderShowsTakenLeavesTheOutcomeUnknown() {
    f.provider.reclaims(io.github.slothunter.testkit.RepeatedHold.SAME_HOLD);
    f.restart();
    Watch w = bookWithTheAnswerLost(); // booked on the provider, the answer lost

    run(Duration.ofMinutes(2));

    assertThat(f.provider.count(Operation.HOLD)).as("asked once more, as the same holder").isEqualTo(2);
    assertThat(f.events.of(BookingFailed.class)).isEmpty();
    assertThat(f.events.of(BookingSucceeded.class)).isEmpty();
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(f.hunter.find(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void aLostAnswerWhoseBookingWasMadeEndsBookedWithTheProvidersTrackingCode() {
    canFindBookings();
    Target t = f.provider.target("dr-a");
    Slot slot = f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.loseAnswers(true); // the site booked, then the answer timed out
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    f.provider.loseAnswers(false);
    f.tick(Duration.ofSeconds(10));
    long looksBeforeSettling = f.provider.count(Operation.FIND_BOOKING);

    run(Duration.ofSeconds(30));

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    Booking made = f.provider.bookings().get(0);
    assertThat(looksBeforeSettling).as("not looked up before the provider had time to finish").isZero();
    assertThat(ok.verified()).isTrue();
    assertThat(ok.booking().trackingCode()).isEqualTo(made.trackingCode()).isEqualTo("TRK0");
    assertThat(ok.booking().slot()).isEqualTo(slot);
    assertThat(f.provider.count(Operation.BOOK)).as("never booked twice").isEqualTo(1);
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(f.provider.releasedHoldKeys()).as("the hold became the booking: never released").isEmpty();
    assertThat(f.provider.holds()).isEmpty();
    BookingAttempt a = f.store.attempt(unknown.attemptKey()).orElseThrow();
    assertThat(a.state()).isEqualTo(BookingAttempt.State.BOOKED);
    assertThat(a.trackingCode()).isEqualTo("TRK0");
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
    assertThat(f.events.of(BookingFailed.class)).isEmpty();
  }

  @Test
  void aLostAnswerWhoseBookingWasNotMadeReleasesTheHoldAndBooksTheNextSlot() {
    canFindBookings();
    Target t = f.provider.target("dr-a");
    Slot first = f.provider.open(t, f.at("06:00", 1));
    Slot next = f.provider.open(t, f.at("07:00", 1));
    f.provider.failNext(Operation.BOOK, ErrorCode.PROVIDER_UNAVAILABLE); // a 5xx: the site made nothing
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    String holdKey = f.events.await(HoldPlaced.class, 1).get(0).hold().providerHoldKey();

    run(Duration.ofSeconds(40));

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.slot()).isEqualTo(first);
    assertThat(failed.willRetry()).isTrue();
    assertThat(failed.reason()).contains("not made");
    assertThat(f.events.await(WatchResumed.class, 1).get(0).watchId()).isEqualTo(w.id());
    assertThat(f.provider.releasedHoldKeys()).containsExactly(holdKey);
    assertThat(f.store.attempt(unknown.attemptKey()).orElseThrow().state()).isEqualTo(BookingAttempt.State.FAILED);
    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot()).isEqualTo(next);
    assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(next);
    assertThat(f.provider.holds()).isEmpty();
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
  }

  @Test
  void readingTheBookingsIsRetriedThroughServerErrorsAndRateLimitsUntilItAnswers() {
    canFindBookings();
    Watch w = bookWithTheAnswerLost();
    f.provider.failNext(Operation.FIND_BOOKING, ErrorCode.PROVIDER_UNAVAILABLE)
        .failNext(Operation.FIND_BOOKING, ErrorCode.PROTOCOL)
        .throttleNext(Operation.FIND_BOOKING, Duration.ofSeconds(90));

    run(Duration.ofMinutes(5));

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isTrue();
    assertThat(f.provider.count(Operation.FIND_BOOKING)).as("three failed looks, then the answer").isEqualTo(4);
    assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(f.events.of(BookingSucceeded.class)).hasSize(1);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
  }

  @Test
  void withoutBookingLookupsTheOutcomeStaysUnknownAndBookingStaysPaused() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.loseAnswers(true);
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    f.provider.loseAnswers(false);

    run(Duration.ofMinutes(20));

    assertThat(f.events.of(BookingSucceeded.class)).isEmpty();
    assertThat(f.events.of(BookingFailed.class)).isEmpty();
    assertThat(f.events.of(WatchResumed.class)).isEmpty();
    assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(f.store.attempt(unknown.attemptKey()).orElseThrow().state()).isEqualTo(BookingAttempt.State.UNKNOWN);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void theOutcomeStaysUnknownWhenTheBookingsCannotBeReadBeforeTheDeadline() {
    canFindBookings();
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.loseAnswers(true);
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    f.provider.failAlways(Operation.FIND_BOOKING, ErrorCode.PROVIDER_UNAVAILABLE);

    run(Duration.ofMinutes(16)); // the hold lapses after 5 minutes; the engine tries for 15
    long looks = f.provider.count(Operation.FIND_BOOKING);
    run(Duration.ofMinutes(10));

    assertThat(looks).as("it kept trying").isGreaterThan(3);
    assertThat(f.provider.count(Operation.FIND_BOOKING)).as("and then stopped").isEqualTo(looks);
    assertThat(f.events.of(BookingSucceeded.class)).isEmpty();
    assertThat(f.events.of(BookingFailed.class)).isEmpty();
    assertThat(f.store.attempt(unknown.attemptKey()).orElseThrow().state()).isEqualTo(BookingAttempt.State.UNKNOWN);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void anUnknownOutcomeAnEarlierRunLeftIsFoundOutAfterARestart() {
    canFindBookings();
    Watch w = bookWithTheAnswerLost();

    f.restart(); // before the first look
    run(Duration.ofSeconds(40));

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verified()).isTrue();
    assertThat(f.events.of(BookingOutcomeUnknown.class)).as("told once").hasSize(1);
    assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKED);
  }
}
