package io.github.slothunter.api;

/**
 * An event about one watch; delivered in order per watch.
 *
 * <p>Every event is an immutable record, safe to share between threads.
 */
public sealed interface WatchEvent extends SlotEvent
    permits SlotOpened, SlotGone, HoldPlaced, HoldOutcomeUnknown, BookingSucceeded, BookingFailed,
    BookingOutcomeUnknown, WatchPaused, WatchResumed, WatchHealthChanged {
  /** The watch the event is about. */
  String watchId();

  /** The watch's owner (a user id of the host app). */
  String owner();
}
