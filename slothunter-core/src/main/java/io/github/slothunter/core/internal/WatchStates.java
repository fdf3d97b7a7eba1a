package io.github.slothunter.core.internal;

import io.github.slothunter.api.WatchState;

/**
 * What auto-booking ({@link AutoBooker}, {@link OutcomeResolver}) may do to a watch besides booking:
 * save its new state (BOOKED, BOOKING_PAUSED, ACTIVE again) and have its health re-reported. The
 * engine's registry and health tracker implement it; the booking rooms see nothing else of them.
 */
interface WatchStates {
  /** Saves the watch in a new state (a no-op if it was cancelled meanwhile). */
  void save(WatchRuntime wr, WatchState state);

  /** Recomputes the watch's health and reports a change. */
  void updateHealth(WatchRuntime wr);
}
