package io.github.slothunter.api;

/** Where a watch is in its life. Immutable and thread-safe. */
public enum WatchState {
  /** Polling and notifying (and booking, if it auto-books). */
  ACTIVE,
  /** Polling and notifying, but auto-booking stopped (session expired, patient data rejected). */
  BOOKING_PAUSED,
  /** Auto-booking made its bookings; still notifying. */
  BOOKED,
  /** Cancelled by the host; no more events. */
  CANCELLED
}
