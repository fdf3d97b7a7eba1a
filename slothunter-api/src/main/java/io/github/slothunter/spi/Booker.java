package io.github.slothunter.spi;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import java.time.Duration;
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
   * Gives back a hold placed as {@code holder} ({@link #holder}), which may be another run's (the
   * engine releases what a crashed run held). Providers that bind holds to their holder send it; the
   * default ignores it and calls {@link #release(Hold, AccountSession)}.
   *
   * @param holder the holder the hold was asked for as, or {@code null} for this instance's own
   */
  default void release(Hold hold, String holder, AccountSession session) {
    release(hold, session);
  }

  /**
   * Who the provider binds this session's holds to, when that is something other than the session
   * itself (Paziresh24: the terminal id). The engine saves it with the hold intent before each
   * {@link #hold} call and passes it back to {@link #reclaim}. It may ask the provider for the
   * identity the hold call would obtain anyway (Paziresh24's setTerminal), never anything about a slot.
   *
   * @return the holder's name, or {@code null} (the default) when there is nothing to name
   */
  default String holder(AccountSession session) {
    return null;
  }

  /**
   * How long a hold lasts on this provider: what {@link #hold} gives, or what the provider is assumed
   * to give where it does not say. The engine uses it to know when a hold whose answer was lost has
   * lapsed for sure. Default: 10 minutes.
   */
  default Duration holdLifetime() {
    return Duration.ofMinutes(10);
  }

  /**
   * Asks the provider again for a slot whose {@link #hold} answer was lost (a timeout, a server error,
   * the process stopped while the call was in flight), as the same {@code holder}, to find out whether
   * that holder holds it. Optional: a provider that implements it lists
   * {@link io.github.slothunter.api.Capability#RECLAIM_HOLD}.
   *
   * <p>Returns the hold the provider grants now (the lost call's own hold when the provider answers a
   * repeated request so, or a new one); the engine releases it, so afterwards the slot is not held.
   * Empty when the provider refuses the slot to this holder: someone holds it (perhaps the lost call
   * itself, if the provider does not tell its own holder apart) or it is gone; the engine then waits
   * for later polls or the hold's lapse. Any other failure throws.
   *
   * @param holder what {@link #holder} named when the intent was saved, or {@code null}
   * @throws SlotHunterException {@code UNSUPPORTED} by default; a provider error if the request failed
   */
  default Optional<Hold> reclaim(Slot slot, String holder, AccountSession session) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED)
        .message("this provider cannot be asked again for a hold whose answer was lost").build();
  }

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

  /**
   * Looks for the account's live booking of a slot in the provider's own records (its "my bookings"
   * list), for when the booking's id is not known: the answer to {@link #book} was lost (a timeout, a
   * server error, the process died) and the engine must find out whether the provider made it before
   * it books again or releases the hold. Optional: a provider that implements it lists
   * {@link io.github.slothunter.api.Capability#FIND_BOOKING}.
   *
   * <p>Contract as for {@link #readBack}: the returned booking is the provider's record (its id, its
   * tracking code, its time); empty means the records were read and show no live booking of this slot
   * for the account (never made, cancelled or deleted), which the engine takes as "not booked". Any
   * failure to read them must throw, never answer empty.
   *
   * @param slot the slot a booking was asked for (its calendar and start identify it)
   * @return the account's booking of that slot, or empty if the records show none
   * @throws SlotHunterException {@code UNSUPPORTED} by default; a provider error if the read failed, in
   *     which case the outcome stays unknown
   */
  default Optional<Booking> findBooking(Slot slot, AccountSession session) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED)
        .message("this provider cannot look bookings up by slot").build();
  }

  /**
   * Moves an existing booking onto a newly held slot (a reschedule): the provider keeps the booking's
   * id and tracking code and gives it the new time. Optional: a provider that implements it lists
   * {@link io.github.slothunter.api.Capability#MOVE}.
   *
   * <p>On success the hold is consumed by the booking: it must not be released. On a definite failure
   * the existing booking stands and the caller releases the hold. On {@code PROVIDER_UNAVAILABLE} or
   * {@code PROTOCOL} the outcome is unknown (the provider may have moved it): the caller must not
   * release the hold blindly.
   *
   * @param existing the booking to move (a booking {@link #book} returned)
   * @param newHold a hold on the new slot, of the same calendar
   * @return the existing booking at the new slot: same {@link Booking#providerBookingKey()} and
   *     tracking code
   * @throws SlotHunterException {@code UNSUPPORTED} by default, and, before any request, when this
   *     booking cannot be moved (for example it awaits payment, or the provider moves only some kinds of
   *     bookings); otherwise the provider's error
   */
  default Booking move(Booking existing, Hold newHold, AccountSession session) {
    throw SlotHunterException.builder(ErrorCode.UNSUPPORTED)
        .message("this provider cannot move bookings").build();
  }

  /**
   * Whether booking this calendar is known, before booking, to need an online payment (for example a
   * priced or online-visit service). The book answer is the definitive signal ({@link
   * Booking#paymentRequired()}); this is the best guess beforehand, used to skip such slots when the
   * owner asked not to pay online. The default says so when the price is known and above zero.
   *
   * @param target the calendar
   * @param price the service's price from the provider's lookup, or {@code null} when unknown
   */
  default boolean paymentExpected(Target target, Long price) {
    return price != null && price > 0;
  }
}
