package io.github.slothunter.core;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Objects;

/**
 * Book automatically for this patient with this account, within guards. {@link #toString()} masks
 * the patient and the session.
 *
 * <p>Guards, all optional (build with {@link #of} and the {@code with*} methods):
 * <ul>
 *   <li>{@code maxAttempts}: the most hold attempts the watch makes in total; when spent, booking
 *       pauses (the watch keeps notifying);
 *   <li>{@code minLeadTime}: never book a slot that starts sooner than this from now (the patient
 *       needs time to get there);
 *   <li>{@code maxPrice}: never book a service above this price (slots above it are still
 *       announced, unlike the watch filter's {@link WatchRequest#maxPrice});
 *   <li>{@code replaces}: the patient's current booking: book only a slot that starts strictly
 *       earlier, and once the new booking is made cancel the old one. The new booking is made
 *       first, so the patient is never left with none; if the old one cannot be cancelled, the host
 *       hears {@code BookingFailed} for it and both stay booked.
 * </ul>
 *
 * @param patient who the appointment is for
 * @param session the logged-in account that books
 * @param maxBookings how many bookings the watch makes before it stops booking (default 1; 1 with {@code replaces})
 * @param maxAttempts the most hold attempts in total, or 0 for no limit
 * @param minLeadTime the shortest acceptable time between booking and the slot's start ({@link Duration#ZERO} for none)
 * @param maxPrice the highest service price to book, or {@code null} for any (unknown prices pass)
 * @param replaces the booking to improve on, or {@code null}
 */
public record AutoBook(Patient patient, AccountSession session, int maxBookings, int maxAttempts,
    Duration minLeadTime, Long maxPrice, Booking replaces) {

  /** Validates; throws {@code INVALID_INPUT} naming the bad field. */
  public AutoBook {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(session, "session");
    if (maxBookings < 1 || maxBookings > 100) {
      throw SlotHunterException.invalid("autoBook maxBookings", "must be 1-100: " + maxBookings);
    }
    if (maxAttempts < 0 || maxAttempts > 10_000) {
      throw SlotHunterException.invalid("autoBook maxAttempts", "must be 0 (no limit) to 10000: " + maxAttempts);
    }
    Objects.requireNonNull(minLeadTime, "minLeadTime");
    if (minLeadTime.isNegative() || minLeadTime.compareTo(Duration.ofDays(60)) > 0) {
      throw SlotHunterException.invalid("autoBook minLeadTime", "must be 0 to 60 days: " + minLeadTime);
    }
    if (maxPrice != null && maxPrice < 0) {
      throw SlotHunterException.invalid("autoBook maxPrice", "must not be negative: " + maxPrice);
    }
    if (replaces != null && maxBookings != 1) {
      throw SlotHunterException.invalid("autoBook maxBookings", "must be 1 when replacing a booking: " + maxBookings);
    }
  }

  /** {@code maxBookings} bookings without other guards. */
  public AutoBook(Patient patient, AccountSession session, int maxBookings) {
    this(patient, session, maxBookings, 0, Duration.ZERO, null, null);
  }

  /** One booking for the patient, without guards. */
  public static AutoBook of(Patient patient, AccountSession session) {
    return new AutoBook(patient, session, 1);
  }

  /** With at most {@code value} hold attempts in total (0: no limit). */
  public AutoBook withMaxAttempts(int value) {
    return new AutoBook(patient, session, maxBookings, value, minLeadTime, maxPrice, replaces);
  }

  /** Never booking a slot that starts sooner than {@code value} from now. */
  public AutoBook withMinLeadTime(Duration value) {
    return new AutoBook(patient, session, maxBookings, maxAttempts, value, maxPrice, replaces);
  }

  /** Never booking a service priced above {@code value} ({@code null}: any price). */
  public AutoBook withMaxPrice(Long value) {
    return new AutoBook(patient, session, maxBookings, maxAttempts, minLeadTime, value, replaces);
  }

  /**
   * Booking only a slot strictly earlier than {@code current}, then cancelling {@code current}
   * (needs a provider that can cancel). Sets {@code maxBookings} to 1.
   */
  public AutoBook replacing(Booking current) {
    Objects.requireNonNull(current, "current");
    return new AutoBook(patient, session, 1, maxAttempts, minLeadTime, maxPrice, current);
  }

  /** Masks the patient and the session. */
  @Override
  public String toString() {
    return "AutoBook[patient=" + patient + ", session=" + session + ", maxBookings=" + maxBookings
        + ", maxAttempts=" + maxAttempts + ", minLeadTime=" + minLeadTime + ", maxPrice=" + maxPrice
        + ", replaces=" + (replaces == null ? null : replaces.providerBookingKey()) + "]";
  }
}
