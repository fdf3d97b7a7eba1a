package io.github.slothunter.api;

import java.time.Instant;

/**
 * The engine holds a slot for an auto-booking watch and is about to book it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param hold the hold
 * @param at when the provider confirmed the hold
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record HoldPlaced(String watchId, String owner, Hold hold, Instant at, SlotLabel label) implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public HoldPlaced {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public HoldPlaced(String watchId, String owner, Hold hold, Instant at) {
    this(watchId, owner, hold, at, SlotLabel.UNKNOWN);
  }
}
