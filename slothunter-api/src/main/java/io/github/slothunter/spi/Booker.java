package io.github.slothunter.spi;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import java.util.Optional;

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

  /**
   * Reads a booking back from the provider's own records (its receipt or the account's "my
   * bookings"), so that the engine reports only bookings the provider confirms. Optional: a provider
   * that implements it lists {@link io.github.slothunter.api.Capability#READ_BACK}.
   *
   * <p>The returned booking is the provider's view: its slot start is the time the provider has on
   * record, its tracking code the provider's (which may differ from the one {@link #book} saw).
   *
   * @param booking a booking {@link #book} returned
   * @return the provider's record, or empty if the provider has no live booking under that key
   *     (never made, cancelled or deleted)
   * @throws SlotHunterException {@code UNSUPPORTED} by default; a provider error if the read failed,
   *     in which case the booking's state is unknown (not absent)
   */
  default Optional<Booking> readBack(Booking booking, AccountSession session) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED)
        .message("this provider cannot read bookings back").build();
  }
}
