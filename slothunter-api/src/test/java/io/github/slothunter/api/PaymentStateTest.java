package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The payment state of a {@link Booking} and how {@link BookingSucceeded} reports it. */
class PaymentStateTest {
  private static final URI LINK = URI.create("https://www.paziresh24.com/factor/c1/b1");

  @Test
  void aBookingMadeWithTheOldConstructorNeedsNoPayment() {
    Booking b = new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0);

    assertThat(b.payment()).isEqualTo(PaymentState.NOT_REQUIRED);
    assertThat(b.paymentRequired()).isFalse();
    assertThat(b.paymentLink()).isNull();
  }

  @Test
  void aPayToConfirmBookingCarriesItsLink() {
    Booking b = new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0, PaymentState.PAY_TO_CONFIRM, LINK);

    assertThat(b.paymentRequired()).isTrue();
    assertThat(b.paymentLink()).isEqualTo(LINK);
  }

  @Test
  void aPayToConfirmBookingMayLackALinkWhenTheProviderGaveNone() {
    Booking b = new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0, PaymentState.PAY_TO_CONFIRM, null);

    assertThat(b.paymentRequired()).isTrue();
    assertThat(b.paymentLink()).isNull();
  }

  @Test
  void rejectsAPaymentLinkOnABookingThatNeedsNoPayment() {
    Fixtures.invalidInput(() -> new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0, PaymentState.NOT_REQUIRED,
        LINK), "booking paymentLink");
  }

  @Test
  void rejectsAPaymentLinkThatIsNotHttp() {
    Fixtures.invalidInput(() -> new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0, PaymentState.PAY_TO_CONFIRM,
        URI.create("javascript:alert(1)")), "booking paymentLink");
  }

  @Test
  void aMovedBookingKeepsItsIdTrackingCodeAndPayment() {
    Booking b = new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0);
    Slot later = new Slot(Fixtures.target(), Fixtures.T0.plusSeconds(7200), Fixtures.T0.plusSeconds(8100), "k2");

    Booking moved = b.movedTo(later, Fixtures.T0.plusSeconds(60));

    assertThat(moved.slot()).isEqualTo(later);
    assertThat(moved.providerBookingKey()).isEqualTo("b1");
    assertThat(moved.trackingCode()).isEqualTo("123");
    assertThat(moved.payment()).isEqualTo(PaymentState.NOT_REQUIRED);
  }

  @Test
  void bookingSucceededSaysPayToConfirmAndNeverConfirmedForAnUnpaidBooking() {
    Booking unpaid = new Booking(Fixtures.slot(), "b1", "123", Fixtures.T0, PaymentState.PAY_TO_CONFIRM, LINK);

    BookingSucceeded e = new BookingSucceeded("w", "o", unpaid, true, Fixtures.T0);

    assertThat(e.paymentRequired()).isTrue();
    assertThat(e.paymentLink()).isEqualTo(LINK);
    assertThat(e.verified()).isTrue();
    assertThat(e.verification()).contains("pay to confirm").doesNotContain("confirmed by");
  }

  @Test
  void bookingSucceededForAFreeBookingNeedsNoPayment() {
    BookingSucceeded e = new BookingSucceeded("w", "o", Fixtures.booking(), true, Fixtures.T0);

    assertThat(e.paymentRequired()).isFalse();
    assertThat(e.paymentLink()).isNull();
    assertThat(e.verification()).isEqualTo("confirmed by the provider's records");
  }
}
