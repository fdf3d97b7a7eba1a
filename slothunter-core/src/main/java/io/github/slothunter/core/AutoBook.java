package io.github.slothunter.core;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import java.util.Objects;

/**
 * Book automatically for this patient with this account. {@link #toString()} masks both.
 *
 * @param patient who the appointment is for
 * @param session the logged-in account that books
 * @param maxBookings how many bookings the watch makes before it stops booking (default 1)
 */
public record AutoBook(Patient patient, AccountSession session, int maxBookings) {

  /** Validates. */
  public AutoBook {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(session, "session");
    if (maxBookings < 1 || maxBookings > 100) {
      throw SlotHunterException.invalid("autoBook maxBookings", "must be 1-100: " + maxBookings);
    }
  }

  /** One booking for the patient. */
  public static AutoBook of(Patient patient, AccountSession session) {
    return new AutoBook(patient, session, 1);
  }
}
