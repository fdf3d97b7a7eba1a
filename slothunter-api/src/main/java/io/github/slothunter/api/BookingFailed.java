package io.github.slothunter.api;

import java.time.Instant;

/**
 * An auto-booking attempt failed. Any hold it made has been released.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot it tried to book
 * @param code why
 * @param reason a short explanation, free of personal data
 * @param willRetry whether the engine keeps trying other slots for this watch
 * @param at when it failed
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record BookingFailed(String watchId, String owner, Slot slot, ErrorCode code, String reason, boolean willRetry,
    Instant at, SlotLabel label) implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public BookingFailed {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public BookingFailed(String watchId, String owner, Slot slot, ErrorCode code, String reason, boolean willRetry,
      Instant at) {
    this(watchId, owner, slot, code, reason, willRetry, at, SlotLabel.UNKNOWN);
  }

  /** This event with a label. */
  public BookingFailed withLabel(SlotLabel value) {
    return new BookingFailed(watchId, owner, slot, code, reason, willRetry, at, value);
  }
}
