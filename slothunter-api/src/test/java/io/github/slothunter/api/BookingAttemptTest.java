package io.github.slothunter.api;

import static io.github.slothunter.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.BookingAttempt.State;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BookingAttemptTest {
  private static final Slot SLOT = Fixtures.slot();
  private static final String KEY = BookingAttempt.keyOf("w1", SLOT);
  private static final URI PAY = URI.create("https://www.paziresh24.com/pay/1");

  private static BookingAttempt started() {
    return new BookingAttempt(KEY, "w1", SLOT, State.STARTED, null, null, null, null, null, T0);
  }

  private static BookingAttempt booked(PaymentState payment, URI link) {
    return new BookingAttempt(KEY, "w1", SLOT, State.BOOKED, "hold-1", T0.plusSeconds(300), "booking-1", "TRK-1", null,
        T0, payment, link);
  }

  @Test
  void theKeyIsTheWatchAndTheSlotId() {
    assertThat(BookingAttempt.keyOf("w1", SLOT)).isEqualTo("w1|" + SLOT.id());
    assertThat(BookingAttempt.keyOf("w2", SLOT)).isNotEqualTo(KEY);
  }

  @Test
  void anAttemptNotYetBookedHasNoPaymentState() {
    BookingAttempt a = started();

    assertThat(a.payment()).isNull();
    assertThat(a.paymentLink()).isNull();
    assertThat(a.paymentRequired()).isFalse();
  }

  @Test
  void aBookedAttemptWithoutPaymentDetailsNeedsNoPayment() {
    BookingAttempt a = new BookingAttempt(KEY, "w1", SLOT, State.BOOKED, "hold-1", T0.plusSeconds(300), "booking-1",
        "TRK-1", null, T0);

    assertThat(a.payment()).isEqualTo(PaymentState.NOT_REQUIRED);
    assertThat(a.paymentLink()).isNull();
    assertThat(a.paymentRequired()).isFalse();
  }

  @Test
  void aBookingThatMustBePaidSaysSoAndKeepsTheLink() {
    BookingAttempt a = booked(PaymentState.PAY_TO_CONFIRM, PAY);

    assertThat(a.paymentRequired()).isTrue();
    assertThat(a.paymentLink()).isEqualTo(PAY);
    assertThat(booked(PaymentState.NOT_REQUIRED, null).paymentRequired()).isFalse();
  }

  @Test
  void withChangesOnlyTheStateAndTheTime() {
    BookingAttempt a = booked(PaymentState.PAY_TO_CONFIRM, PAY);
    Instant later = T0.plusSeconds(60);

    BookingAttempt unknown = a.with(State.UNKNOWN, later);

    assertThat(unknown).isEqualTo(new BookingAttempt(KEY, "w1", SLOT, State.UNKNOWN, "hold-1", T0.plusSeconds(300),
        "booking-1", "TRK-1", null, later, PaymentState.PAY_TO_CONFIRM, PAY));
    assertThat(a.state()).isEqualTo(State.BOOKED);
    assertThat(a.updatedAt()).isEqualTo(T0);
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void onlyAttemptsThatNeverFinishedAreOpen(State state) {
    BookingAttempt a = started().with(state, T0);

    assertThat(a.open()).isEqualTo(EnumSet.of(State.STARTED, State.HELD, State.BOOKING, State.HOLD_UNKNOWN, State.REPLACING)
        .contains(state));
  }

  @Test
  void anAttemptNeedsItsKeyWatchSlotStateAndTime() {
    assertThatThrownBy(() -> new BookingAttempt(null, "w1", SLOT, State.STARTED, null, null, null, null, null, T0))
        .isInstanceOf(NullPointerException.class).hasMessage("key");
    assertThatThrownBy(() -> new BookingAttempt(KEY, null, SLOT, State.STARTED, null, null, null, null, null, T0))
        .isInstanceOf(NullPointerException.class).hasMessage("watchId");
    assertThatThrownBy(() -> new BookingAttempt(KEY, "w1", null, State.STARTED, null, null, null, null, null, T0))
        .isInstanceOf(NullPointerException.class).hasMessage("slot");
    assertThatThrownBy(() -> new BookingAttempt(KEY, "w1", SLOT, null, null, null, null, null, null, T0))
        .isInstanceOf(NullPointerException.class).hasMessage("state");
    assertThatThrownBy(() -> new BookingAttempt(KEY, "w1", SLOT, State.STARTED, null, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessage("updatedAt");
  }

  @Test
  void aFailedAttemptKeepsWhyItFailed() {
    BookingAttempt failed = new BookingAttempt(KEY, "w1", SLOT, State.FAILED, null, null, null, null,
        ErrorCode.SLOT_TAKEN, T0);

    assertThat(failed.error()).isEqualTo(ErrorCode.SLOT_TAKEN);
    assertThat(failed.open()).isFalse();
    assertThat(failed.payment()).isNull();
  }
}
