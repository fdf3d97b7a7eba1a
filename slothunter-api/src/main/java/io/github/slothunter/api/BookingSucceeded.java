package io.github.slothunter.api;

import java.time.Instant;

/**
 * The provider confirmed a booking made by the engine.
 *
 * <p>{@code verified} is {@code true} only when the booking was read back from the provider's own
 * records after it was made ({@link io.github.slothunter.spi.Booker#readBack}) and matched the
 * slot. Otherwise {@code verification} says why it is not verified (the provider cannot read
 * bookings back, the read failed, or the provider's records do not show it); hosts should then tell
 * the user to check the booking on the provider's site.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param booking the booking, with the provider's tracking code
 * @param verified whether the booking was read back from the provider after it was made
 * @param verification a short sentence on how the booking was (or could not be) verified, free of personal data
 * @param at when it was confirmed
 */
public record BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, String verification,
    Instant at) implements WatchEvent {

  /** An event with a default verification sentence. */
  public BookingSucceeded(String watchId, String owner, Booking booking, boolean verified, Instant at) {
    this(watchId, owner, booking, verified, verified ? "confirmed by the provider's records" : "not verified", at);
  }
}
