package io.github.slothunter.api;

import java.net.URI;
import java.time.Instant;

/**
 * An appointment the provider has made. It is final unless {@link #paymentRequired()}: then it
 * exists but is confirmed only once the patient pays on the provider's site ("pay to confirm").
 *
 * <p>Immutable and thread-safe.
 *
 * @param slot the booked slot
 * @param providerBookingKey the provider's booking id (Paziresh24: {@code book_info.id})
 * @param trackingCode the code the patient shows at the clinic (Paziresh24: {@code reference_code});
 *     empty when the provider did not return one
 * @param bookedAt when the provider made it
 * @param payment whether an online payment is still needed to confirm it
 * @param paymentLink where the patient pays, or {@code null}: always {@code null} when no payment is
 *     needed, and {@code null} when one is needed but the provider gave no link
 */
public record Booking(Slot slot, String providerBookingKey, String trackingCode, Instant bookedAt,
    PaymentState payment, URI paymentLink) {

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Booking {
    Text.requirePresent("booking slot", slot);
    providerBookingKey = Text.required("booking providerBookingKey", providerBookingKey, Text.MAX_ID);
    trackingCode = Text.optional("booking trackingCode", trackingCode, Text.MAX_ID);
    Text.requirePresent("booking bookedAt", bookedAt);
    Text.requirePresent("booking payment", payment);
    if (paymentLink != null) {
      if (payment == PaymentState.NOT_REQUIRED) {
        throw SlotHunterException.invalid("booking paymentLink", "must be absent when no payment is required");
      }
      String scheme = paymentLink.getScheme();
      if (!paymentLink.isAbsolute() || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw SlotHunterException.invalid("booking paymentLink", "must be an absolute http(s) URL");
      }
    }
  }

  /** A booking that needs no online payment (final once the provider answers). */
  public Booking(Slot slot, String providerBookingKey, String trackingCode, Instant bookedAt) {
    this(slot, providerBookingKey, trackingCode, bookedAt, PaymentState.NOT_REQUIRED, null);
  }

  /** Whether the patient must still pay online for the booking to be confirmed ("pay to confirm"). */
  public boolean paymentRequired() {
    return payment == PaymentState.PAY_TO_CONFIRM;
  }

  /**
   * The same booking (same id, tracking code and payment state) at another slot, made at
   * {@code at}: what a provider returns after moving a booking to a new time.
   */
  public Booking movedTo(Slot newSlot, Instant at) {
    return new Booking(newSlot, providerBookingKey, trackingCode, at, payment, paymentLink);
  }
}
