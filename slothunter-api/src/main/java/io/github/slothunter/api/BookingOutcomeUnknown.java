package io.github.slothunter.api;

import java.time.Instant;

/**
 * A booking attempt ended without a usable answer: the process stopped between the attempt record
 * and the provider's answer, or the provider's answer to the book (or move) call was lost (timeout,
 * server error, unreadable reply). The provider may have made the booking, so its hold is not
 * released and the engine does not book again for the watch (its auto-booking pauses).
 *
 * <p>This is not the last word when the provider can look bookings up by slot
 * ({@link Capability#FIND_BOOKING}): the engine then reads the account's bookings, retrying within
 * its request budget until the hold lapses (at least 15 minutes), and follows up with the outcome:
 * {@link BookingSucceeded} ({@code verified}, with the provider's tracking code) if the booking was
 * made, or {@link BookingFailed} and {@link WatchResumed} if it was not (the hold is released and
 * auto-booking resumes by itself). Without that capability, or when the records could not be read
 * in time, the outcome stays unknown and booking stays paused: the host should check the patient's
 * account on the provider.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot the attempt was for
 * @param attemptKey the idempotency key of the attempt
 * @param at when the engine found it
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record BookingOutcomeUnknown(String watchId, String owner, Slot slot, String attemptKey, Instant at,
    SlotLabel label) implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public BookingOutcomeUnknown {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public BookingOutcomeUnknown(String watchId, String owner, Slot slot, String attemptKey, Instant at) {
    this(watchId, owner, slot, attemptKey, at, SlotLabel.UNKNOWN);
  }
}
