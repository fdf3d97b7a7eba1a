package io.github.slothunter.api;

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
 *       announced, unlike the watch filter's {@code WatchRequest.maxPrice});
 *   <li>{@code replaces}: the patient's current booking: book only a slot that starts strictly
 *       earlier, and once the new booking is made cancel the old one. The new booking is made
 *       first, so the patient is never left with none; if the old one cannot be cancelled, the host
 *       hears {@code BookingFailed} for it and both stay booked. Where the provider can move bookings
 *       ({@link io.github.slothunter.api.Capability#MOVE}) and the current booking is movable (not
 *       awaiting payment), the better slot is held and the current booking is moved onto it instead:
 *       same booking id and tracking code, no cancellation; if the move fails the current booking stands;
 *   <li>{@code onlinePaymentAllowed}: when {@code false} ({@link #withoutOnlinePayment()}), never hold a
 *       slot whose service is known beforehand to need online payment ({@link
 *       io.github.slothunter.spi.Booker#paymentExpected}). If the provider still answers that the booking
 *       must be paid, the booking is reported as made ("pay to confirm"), never cancelled silently.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param patient who the appointment is for
 * @param session the logged-in account that books
 * @param maxBookings how many bookings the watch makes before it stops booking (default 1; 1 with {@code replaces})
 * @param maxAttempts the most hold attempts in total, or 0 for no limit
 * @param minLeadTime the shortest acceptable time between booking and the slot's start ({@link Duration#ZERO} for none)
 * @param maxPrice the highest service price to book, or {@code null} for any (unknown prices pass)
 * @param replaces the booking to improve on, or {@code null}
 * @param onlinePaymentAllowed whether slots of services that need online payment may be booked (default {@code true})
 */
public record AutoBook(Patient patient, AccountSession session, int maxBookings, int maxAttempts,
    Duration minLeadTime, Long maxPrice, Booking replaces, boolean onlinePaymentAllowed) {

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

  /** Guards as given, allowing services that need online payment. */
  public AutoBook(Patient patient, AccountSession session, int maxBookings, int maxAttempts, Duration minLeadTime,
      Long maxPrice, Booking replaces) {
    this(patient, session, maxBookings, maxAttempts, minLeadTime, maxPrice, replaces, true);
  }

  /** {@code maxBookings} bookings without other guards. */
  public AutoBook(Patient patient, AccountSession session, int maxBookings) {
    this(patient, session, maxBookings, 0, Duration.ZERO, null, null, true);
  }

  /** One booking for the patient, without guards. */
  public static AutoBook of(Patient patient, AccountSession session) {
    return new AutoBook(patient, session, 1);
  }

  /** With at most {@code value} hold attempts in total (0: no limit). */
  public AutoBook withMaxAttempts(int value) {
    return new AutoBook(patient, session, maxBookings, value, minLeadTime, maxPrice, replaces, onlinePaymentAllowed);
  }

  /** Never booking a slot that starts sooner than {@code value} from now. */
  public AutoBook withMinLeadTime(Duration value) {
    return new AutoBook(patient, session, maxBookings, maxAttempts, value, maxPrice, replaces, onlinePaymentAllowed);
  }

  /** Never booking a service priced above {@code value} ({@code null}: any price). */
  public AutoBook withMaxPrice(Long value) {
    return new AutoBook(patient, session, maxBookings, maxAttempts, minLeadTime, value, replaces, onlinePaymentAllowed);
  }

  /**
   * Booking only a slot strictly earlier than {@code current}: moving {@code current} onto it where
   * the provider can move bookings, else booking it and then cancelling {@code current} (needs a
   * provider that can cancel). Sets {@code maxBookings} to 1.
   */
  public AutoBook replacing(Booking current) {
    Objects.requireNonNull(current, "current");
    return new AutoBook(patient, session, 1, maxAttempts, minLeadTime, maxPrice, current, onlinePaymentAllowed);
  }

  /**
   * Never holding a slot whose service is known beforehand to need online payment (a priced service,
   * or an online visit where the provider says so). A booking the provider still marks "pay to
   * confirm" is reported as such, not cancelled.
   */
  public AutoBook withoutOnlinePayment() {
    return new AutoBook(patient, session, maxBookings, maxAttempts, minLeadTime, maxPrice, replaces, false);
  }

  /** Masks the patient and the session. */
  @Override
  public String toString() {
    return "AutoBook[patient=" + patient + ", session=" + session + ", maxBookings=" + maxBookings
        + ", maxAttempts=" + maxAttempts + ", minLeadTime=" + minLeadTime + ", maxPrice=" + maxPrice
        + ", replaces=" + (replaces == null ? null : replaces.providerBookingKey())
        + ", onlinePaymentAllowed=" + onlinePaymentAllowed + "]";
  }
}
