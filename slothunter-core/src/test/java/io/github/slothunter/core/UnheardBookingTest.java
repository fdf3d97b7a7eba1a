package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A booking a crash left unheard and unread (killed between the book call and the read-back): the
 * next start reads it back before the outbox replays, so the owner hears it once, verified where
 * the provider's records show it; what cannot be read now is told as it was saved.
 */
class UnheardBookingTest {
  private final EngineFixture f = new EngineFixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** What a crash right after the booking was saved leaves: the attempt BOOKED, its provisional success undelivered. */
  private BookingSucceeded crashAfterBooking(boolean onRecord) {
    Target t = f.provider.target("dr-a");
    Watch w = f.autoWatch(t, f.autoBook());
    Slot slot = f.provider.open(t, f.at("06:00", 1));
    f.provider.take(slot);
    Booking made = onRecord ? f.provider.addBooking(slot)
        : new Booking(slot, "b-lost", "TRK-lost", f.clock.instant());
    f.store.saveAttempt(new BookingAttempt(BookingAttempt.keyOf(w.id(), slot), w.id(), slot,
        BookingAttempt.State.BOOKED, "h1", null, made.providerBookingKey(), made.trackingCode(), null,
        f.clock.instant()), List.of(new BookingSucceeded(w.id(), w.owner(), made, false,
        "booked; not yet verified on the provider's records", f.clock.instant())), "crashed");
    return new BookingSucceeded(w.id(), w.owner(), made, false, "", f.clock.instant());
  }

  @Test
  void aBookingOnTheProvidersRecordsIsToldVerifiedOnce() {
    f.provider.readBack(true);
    BookingSucceeded saved = crashAfterBooking(true);

    f.restart();

    BookingSucceeded heard = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(heard.id()).as("the provisional one's id").isEqualTo(saved.id());
    assertThat(heard.verified()).isTrue();
    assertThat(heard.verification()).isEqualTo("confirmed by the provider's records");
    assertThat(f.provider.count(Operation.READ_BACK)).isEqualTo(1);
    assertThat(f.events.settle()).filteredOn(BookingSucceeded.class::isInstance).hasSize(1);
  }

  @Test
  void aBookingTheRecordsDoNotShowIsToldSo() {
    f.provider.readBack(true);
    crashAfterBooking(false);

    f.restart();

    BookingSucceeded heard = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(heard.verified()).isFalse();
    assertThat(heard.verification()).contains("records do not show this booking");
  }

  @Test
  void aReadBackThatFailsNowLeavesTheSuccessAsItWasSaved() {
    f.provider.readBack(true);
    crashAfterBooking(true);
    f.provider.failNext(Operation.READ_BACK, ErrorCode.PROVIDER_UNAVAILABLE);

    f.restart();

    BookingSucceeded heard = f.events.await(BookingSucceeded.class, 1).get(0);
    assertThat(heard.verified()).isFalse();
    assertThat(heard.verification()).isEqualTo("booked; not yet verified on the provider's records");
  }

  @Test
  void aProviderThatCannotReadBackIsNotAsked() {
    crashAfterBooking(true);

    f.restart();

    assertThat(f.events.await(BookingSucceeded.class, 1).get(0).verification())
        .isEqualTo("booked; not yet verified on the provider's records");
    assertThat(f.provider.count(Operation.READ_BACK)).isZero();
  }
}
