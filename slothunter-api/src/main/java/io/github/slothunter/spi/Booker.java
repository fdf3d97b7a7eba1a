package io.github.slothunter.spi;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;

/**
 * Holds and books slots for a logged-in account. Thread-safe.
 *
 * <p>Error contract: {@code SLOT_TAKEN} when someone else has the slot, {@code HOLD_EXPIRED}
 * when a hold lapsed, {@code AUTH_REQUIRED} when the session is missing, expired or rejected.
 */
public interface Booker {
  /** Reserves the slot for a short time. */
  Hold hold(Slot slot, AccountSession session);

  /** Turns a hold into a booking for the patient. */
  Booking book(Hold hold, Patient patient, AccountSession session);

  /** Gives a hold back. Idempotent: releasing an expired or released hold succeeds. */
  void release(Hold hold, AccountSession session);

  /**
   * Cancels a booking.
   *
   * @param patient the patient it was booked for (some providers ask for the national code)
   */
  void cancel(Booking booking, Patient patient, AccountSession session);
}
