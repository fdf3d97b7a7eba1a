package io.github.slothunter.api;

import java.time.Instant;

/**
 * A hold request's answer was lost (a timeout, a server error, the process stopped while it was in
 * flight) and the engine could not find out whether the provider holds the slot for it: asking again
 * as the same holder was refused (the provider does not tell its own holder from another patient) or
 * is not possible, and no poll has shown the slot free since. No book call was sent, so nothing was
 * booked.
 *
 * <p>If the provider does hold the slot, the hold lapses by {@code lapsesAt} at the latest and the slot
 * goes back to everyone; until then the engine does not hold that slot again for this owner. Watches
 * go on booking other slots. The engine follows up only if the slot shows up free before then (the
 * attempt ends quietly).
 *
 * <p>Immutable and thread-safe.
 *
 * @param watchId the watch
 * @param owner the watch's owner
 * @param slot the slot the hold was requested for
 * @param attemptKey the idempotency key of the attempt
 * @param lapsesAt the latest time a hold the request may have placed lapses
 * @param at when the engine gave up finding out
 * @param label the slot's doctor, center, service, price and distance for display ({@link SlotLabel#UNKNOWN}
 *     when the engine has not looked the doctor up)
 */
public record HoldOutcomeUnknown(String watchId, String owner, Slot slot, String attemptKey, Instant lapsesAt,
    Instant at, SlotLabel label) implements WatchEvent {

  /** Defaults a missing label to {@link SlotLabel#UNKNOWN}. */
  public HoldOutcomeUnknown {
    label = label == null ? SlotLabel.UNKNOWN : label;
  }

  /** An event without a label ({@link SlotLabel#UNKNOWN}). */
  public HoldOutcomeUnknown(String watchId, String owner, Slot slot, String attemptKey, Instant lapsesAt,
      Instant at) {
    this(watchId, owner, slot, attemptKey, lapsesAt, at, SlotLabel.UNKNOWN);
  }
}
