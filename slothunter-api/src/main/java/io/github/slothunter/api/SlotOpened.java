package io.github.slothunter.api;

import java.net.URI;
import java.time.Instant;

/**
 * A slot matching the watch's filter appeared (it was not in the previous snapshot).
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the new slot
 * @param bookingLink where a person can book it by hand, or {@code null} if the provider offers none
 * @param at when the engine saw it
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record SlotOpened(String watchId, String owner, Slot slot, URI bookingLink, Instant at, SlotLabel label)
    implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public SlotOpened {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public SlotOpened(String watchId, String owner, Slot slot, URI bookingLink, Instant at) {
    this(watchId, owner, slot, bookingLink, at, SlotLabel.UNKNOWN);
  }
}
