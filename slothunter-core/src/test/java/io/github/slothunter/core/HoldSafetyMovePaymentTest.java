package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the auto-booker does with a hold once it matters: a booked or moved hold is never released;
 * a lost book answer is never released blindly; moving a booking instead of book-then-cancel; paid
 * services.
 */
class HoldSafetyMovePaymentTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** A watch by link, so the engine looks the doctor up and knows the service's price. */
  private Watch autoWatch(String link, AutoBook ab) {
    return f.hunter.watch(WatchRequest.of("u1", link).plan("FAST").autoBook(ab));
  }

  /** A provider that can move bookings (the engine reads capabilities when it starts). */
  private void canMove() {
    f.provider.moves(true);
    f.restart();
  }

  /** The patient's current booking at a later slot, which the calendar no longer shows. */
  private Booking current(Target t) {
    Booking b = f.provider.addBooking(f.provider.open(t, f.at("09:00", 3)));
    f.provider.take(b.slot());
    return b;
  }

  // ------------------------------------------------------------------ never release what was booked

  @Test
  void aBookedHoldIsNeverReleasedWhenTheEngineCloses() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    String holdKey = f.events.await(HoldPlaced.class, 1).get(0).hold().providerHoldKey();
    f.events.await(BookingSucceeded.class, 1);

    f.hunter.close();

    assertThat(f.provider.releasedHoldKeys()).doesNotContain(holdKey).isEmpty();
    assertThat(f.provider.count(Operation.RELEASE)).isZero();
    assertThat(f.provider.bookings()).hasSize(1);
  }

  @Test
  void aBookedHoldIsNeverReleasedByLaterPolls() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    f.events.await(BookingSucceeded.class, 1);

    for (int i = 0; i < 5; i++) {
      f.tick(Duration.ofSeconds(10));
    }

    assertThat(f.provider.count(Operation.RELEASE)).isZero();
  }

  @Test
  void aLostBookAnswerIsReportedAsUnknownAndItsHoldIsNeverReleased() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    f.provider.open(t, f.at("07:00", 1));
    f.provider.loseAnswers(true); // the site booked, then the answer timed out
    Watch w = f.autoWatch(t, f.autoBook());

    f.hunter.runDue();
    BookingOutcomeUnknown unknown = f.events.await(BookingOutcomeUnknown.class, 1).get(0);
    f.tick(Duration.ofSeconds(10));
    f.hunter.close();

    assertThat(f.provider.count(Operation.RELEASE)).isZero();
    assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(f.provider.bookings()).hasSize(1);
    assertThat(f.events.of(BookingSucceeded.class)).isEmpty();
    assertThat(f.store.attempt(unknown.attemptKey()).orElseThrow().state()).isEqualTo(BookingAttempt.State.UNKNOWN);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
  }

  @Test
  void aHoldWhoseBookCallWasSentIsNotReleasedAfterACrash() {
    Target t = f.provider.target("dr-a");
    Watch w = f.autoWatch(t, f.autoBook());
    f.hunter.runDue();
    Slot slot = f.provider.open(t, f.at("06:00", 1));
    // a crash after the book call went out: the record says BOOKING, the site made the booking
    var hold = f.provider.booker().orElseThrow().hold(slot, f.session());
    f.store.saveAttempt(new BookingAttempt(BookingAttempt.keyOf(w.id(), slot), w.id(), slot,
        BookingAttempt.State.BOOKING, hold.providerHoldKey(), hold.expiresAt(), null, null, null, f.clock.instant()));
    f.provider.booker().orElseThrow().book(hold, EngineFixture.patient(), f.session());

    f.restart();
    f.tick(Duration.ofSeconds(10));
    f.hunter.close();

    assertThat(f.events.await(BookingOutcomeUnknown.class, 1).get(0).slot()).isEqualTo(slot);
    assertThat(f.provider.releasedHoldKeys()).doesNotContain(hold.providerHoldKey());
    assertThat(f.provider.bookings()).hasSize(1);
  }

  // ------------------------------------------------------------------ move instead of book-then-cancel

  @Test
  void aBetterSlotMovesTheCurrentBookingKeepingItsIdAndTrackingCodeWithoutCancelling() {
    canMove();
    Target t = f.provider.target("dr-a");
    Booking current = current(t);
    f.autoWatch(t, f.autoBook().replacing(current));
    Slot earlier = f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.booking().slot()).isEqualTo(earlier);
    assertThat(ok.booking().providerBookingKey()).isEqualTo(current.providerBookingKey());
    assertThat(ok.booking().trackingCode()).isEqualTo(current.trackingCode());
    assertThat(ok.verification()).contains("was moved to this slot");
    assertThat(f.provider.count(Operation.MOVE)).isEqualTo(1);
    assertThat(f.provider.count(Operation.BOOK)).isZero();
    assertThat(f.provider.count(Operation.CANCEL)).isZero();
    assertThat(f.provider.bookings()).extracting(Booking::slot).containsExactly(earlier);
  }

  @Test
  void theHoldAMoveConsumedIsNeverReleased() {
    canMove();
    Target t = f.provider.target("dr-a");
    f.autoWatch(t, f.autoBook().replacing(current(t)));
    f.provider.open(t, f.at("06:00", 1));
    f.hunter.runDue();
    String holdKey = f.events.await(HoldPlaced.class, 1).get(0).hold().providerHoldKey();
    f.events.await(BookingSucceeded.class, 1);

    f.tick(Duration.ofSeconds(10));
    f.hunter.close();

    assertThat(f.provider.releasedHoldKeys()).doesNotContain(holdKey);
    assertThat(f.provider.count(Operation.RELEASE)).isZero();
  }

  @Test
  void aFailedMoveReleasesTheNewHoldAndTheOldBookingStands() {
    canMove();
    Target t = f.provider.target("dr-a");
    Booking current = current(t);
    f.provider.failNext(Operation.MOVE, ErrorCode.INVALID_INPUT);
    f.autoWatch(t, f.autoBook().replacing(current));
    f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(failed.reason()).contains("the previous booking (" + current.trackingCode() + ") stands");
    String holdKey = f.events.await(HoldPlaced.class, 1).get(0).hold().providerHoldKey();
    assertThat(f.provider.releasedHoldKeys()).containsExactly(holdKey);
    assertThat(f.provider.count(Operation.BOOK)).isZero();
    assertThat(f.provider.count(Operation.CANCEL)).isZero();
    assertThat(f.provider.bookings()).containsExactly(current);
  }

  @Test
  void aLostMoveAnswerIsReportedAsUnknownWithoutReleasingTheHold() {
    canMove();
    f.provider.loseAnswers(true);
    Target t = f.provider.target("dr-a");
    f.autoWatch(t, f.autoBook().replacing(current(t)));
    f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();
    f.events.await(BookingOutcomeUnknown.class, 1);
    f.hunter.close();

    assertThat(f.provider.count(Operation.RELEASE)).isZero();
    assertThat(f.provider.count(Operation.CANCEL)).isZero();
    assertThat(f.events.of(BookingSucceeded.class)).isEmpty();
  }

  @Test
  void aBookingAwaitingPaymentIsNotMovedButReplacedByBookThenCancel() {
    canMove();
    Target t = f.provider.target("dr-a");
    Booking plain = current(t);
    Booking unpaid = new Booking(plain.slot(), plain.providerBookingKey(), plain.trackingCode(), plain.bookedAt(),
        PaymentState.PAY_TO_CONFIRM, URI.create("https://mem.example/pay/1"));
    f.autoWatch(t, f.autoBook().replacing(unpaid));
    Slot earlier = f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).booking().slot()).isEqualTo(earlier);
    assertThat(f.provider.count(Operation.MOVE)).isZero();
    assertThat(f.provider.count(Operation.BOOK)).isEqualTo(1);
    assertThat(f.provider.count(Operation.CANCEL)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ paid services

  @Test
  void aPayToConfirmBookingIsReportedWithItsLinkAndKeptInTheAttemptRecord() {
    f.provider.payToConfirm(true);
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    Watch w = f.autoWatch(t, f.autoBook());

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    URI link = URI.create("https://mem.example/pay/" + ok.booking().providerBookingKey());
    assertThat(ok.paymentRequired()).isTrue();
    assertThat(ok.paymentLink()).isEqualTo(link);
    assertThat(ok.verification()).contains("pay to confirm at " + link).doesNotContain("confirmed by");
    assertThat(f.store.attempts(w.id())).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(BookingAttempt.State.BOOKED);
      assertThat(a.payment()).isEqualTo(PaymentState.PAY_TO_CONFIRM);
      assertThat(a.paymentLink()).isEqualTo(link);
    });
  }

  @Test
  void aWatchWithoutOnlinePaymentDoesNotHoldAPricedServiceButStillAnnouncesIt() {
    Target t = f.provider.target("dr-a"); // priced 1000
    f.provider.open(t, f.at("06:00", 1));
    autoWatch("mem:dr-a", f.autoBook().withoutOnlinePayment());

    f.hunter.runDue();

    assertThat(f.events.await(SlotOpened.class, 1)).hasSize(1);
    assertThat(f.provider.count(Operation.HOLD)).isZero();
  }

  @Test
  void aWatchWithoutOnlinePaymentBooksAFreeService() {
    Target t = f.provider.pricedDoctor("dr-free", 0L, "s1").get(0);
    f.provider.open(t, f.at("06:00", 1));
    autoWatch("mem:dr-free", f.autoBook().withoutOnlinePayment());

    f.hunter.runDue();

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).paymentRequired()).isFalse();
  }

  @Test
  void anUnexpectedPaymentIsReportedHonestlyAndTheBookingIsNotCancelled() {
    Target t = f.provider.pricedDoctor("dr-free", 0L, "s1").get(0);
    f.provider.open(t, f.at("06:00", 1));
    f.provider.payToConfirm(true);
    autoWatch("mem:dr-free", f.autoBook().withoutOnlinePayment());

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.paymentRequired()).isTrue();
    assertThat(ok.verification()).contains("pay to confirm", "the booking was kept");
    assertThat(f.provider.count(Operation.CANCEL)).isZero();
    assertThat(f.provider.bookings()).hasSize(1);
  }

  @Test
  void aReplacementThatNeedsPaymentKeepsThePreviousBooking() {
    Target t = f.provider.target("dr-a");
    Booking current = current(t);
    f.provider.payToConfirm(true);
    f.autoWatch(t, f.autoBook().replacing(current));
    f.provider.open(t, f.at("06:00", 1));

    f.hunter.runDue();

    BookingSucceeded ok = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.verification()).contains("the previous booking was kept because the new one is confirmed only once paid");
    assertThat(f.provider.count(Operation.CANCEL)).isZero();
    assertThat(f.provider.bookings()).hasSize(2);
  }

  // ------------------------------------------------------------------ a person must finish it

  @Test
  void aBookingThatNeedsAPersonPausesBookingAndNamesTheHandOffPage() {
    Target t = f.provider.target("dr-a");
    f.provider.open(t, f.at("06:00", 1));
    URI page = URI.create("https://mem.example/book/by-hand");
    f.provider.failNext(Operation.BOOK, SlotHunterException.builder(ErrorCode.MANUAL_ACTION_REQUIRED)
        .providerId(InMemoryProvider.DEFAULT_ID).message("a form").handOff(page).build());
    Watch w = f.autoWatch(t, f.autoBook());

    f.hunter.runDue();

    BookingFailed failed = f.events.await(BookingFailed.class, 1).get(0);
    assertThat(failed.code()).isEqualTo(ErrorCode.MANUAL_ACTION_REQUIRED);
    assertThat(failed.willRetry()).isFalse();
    assertThat(failed.reason()).contains(page.toString());
    assertThat(f.events.await(WatchPaused.class, 1).get(0).reason()).isEqualTo(ErrorCode.MANUAL_ACTION_REQUIRED);
    assertThat(f.store.loadWatch(w.id()).orElseThrow().state()).isEqualTo(WatchState.BOOKING_PAUSED);
    assertThat(f.provider.holds().size()).isZero();
  }
}
