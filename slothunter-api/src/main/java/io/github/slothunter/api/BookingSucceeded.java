package io.github.slothunter.api;

import java.net.URI;
import java.time.Instant;

/**
 * The provider made a booking for the engine (a new one, or an existing one moved to a better slot).
 *
 * <p>Two separate questions, never to be mixed up:
 * <ul>
 *   <li><b>Does it exist?</b> {@code verified} is {@code true} only when the booking was read back
 *       from the provider's own records after it was made ({@link io.github.slothunter.spi.Booker#readBack})
 *       and matched the slot. Otherwise {@code verification} says why it is not verified (the provider
 *       cannot read bookings back, the read failed, or the provider's records do not show it); hosts
 *       should then tell the user to check the booking on the provider's site.
 *   <li><b>Is it final?</b> Only when no payment is due. When {@link #paymentRequired()} the booking
 *       exists but is confirmed only once the patient pays online: hosts must show "pay to confirm"
 *       with {@link #paymentLink()}, never "confirmed", even when {@code verified} is {@code true}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param booking the booking, with the provider's tracking code and payment state
 * @param verified whether the booking was read back from the provider after it was made
 * @param verification a short sentence on how the booking was (or could not be) verified, free of personal data
 * @param at when the provider answered
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, String verification,
    Instant at, SlotLabel label) implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public BookingSucceeded {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, String verification,
      Instant at) {
    this(watchId, owner, booking, verified, verification, at, SlotLabel.UNKNOWN);
  }

  /** An event with a default verification sentence and no label. */
  public BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, Instant at) {
    this(watchId, owner, booking, verified, defaultVerification(booking, verified), at);
  }

  /** An event with a default verification sentence. */
  public BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, Instant at,
      SlotLabel label) {
    this(watchId, owner, booking, verified, defaultVerification(booking, verified), at, label);
  }

  /** Whether the patient must still pay online for the booking to be confirmed ("pay to confirm"). */
  public boolean paymentRequired() {
    return booking != null && booking.paymentRequired();
  }

  /** Where the patient pays, or {@code null} when no payment is due or the provider gave no link. */
  public URI paymentLink() {
    return booking == null ? null : booking.paymentLink();
  }

  private static String defaultVerification(Booking booking, boolean verified) {
    if (booking != null && booking.paymentRequired()) {
      return verified ? "on the provider's records; pay to confirm" : "not verified; pay to confirm";
    }
    return verified ? "confirmed by the provider's records" : "not verified";
  }
}
