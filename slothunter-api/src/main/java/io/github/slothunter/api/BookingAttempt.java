package io.github.slothunter.api;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The idempotency record of one auto-booking attempt (one watch, one slot). Written to the
 * {@link io.github.slothunter.spi.Store} before every provider call, so a crash never books twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key {@code watchId + "|" + slot.id()}
 * @param watchId the watch
 * @param slot the slot
 * @param state how far it got
 * @param holdKey the provider's hold key once held, else {@code null}
 * @param holdExpiresAt the hold's expiry once held, else {@code null}
 * @param bookingKey the provider's booking id once booked, else {@code null}
 * @param trackingCode the tracking code once booked, else {@code null}
 * @param error why it failed, else {@code null}
 * @param updatedAt when the record last changed
 * @param payment once booked, whether the booking still needs an online payment ("pay to confirm"),
 *     else {@code null}
 * @param paymentLink once booked and awaiting payment, where to pay (when the provider gave a link), else {@code null}
 * @param holder who the provider binds the hold to ({@link io.github.slothunter.spi.Booker#holder}, for
 *     example Paziresh24's terminal id), saved with the hold intent ({@link State#STARTED}) so that a hold
 *     whose answer was lost can be asked for again as the same holder; {@code null} when the provider
 *     binds holds to nothing the engine can name
 */
public record BookingAttempt(String key, String watchId, Slot slot, State state, String holdKey,
    Instant holdExpiresAt, String bookingKey, String trackingCode, ErrorCode error, Instant updatedAt,
    PaymentState payment, URI paymentLink, String holder) {

  /** Validates. */
  public BookingAttempt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** An attempt without a named holder. */
  public BookingAttempt(String key, String watchId, Slot slot, State state, String holdKey, Instant holdExpiresAt,
      String bookingKey, String trackingCode, ErrorCode error, Instant updatedAt, PaymentState payment,
      URI paymentLink) {
    this(key, watchId, slot, state, holdKey, holdExpiresAt, bookingKey, trackingCode, error, updatedAt, payment,
        paymentLink, null);
  }

  /** An attempt without payment details (not booked, or booked without online payment). */
  public BookingAttempt(String key, String watchId, Slot slot, State state, String holdKey, Instant holdExpiresAt,
      String bookingKey, String trackingCode, ErrorCode error, Instant updatedAt) {
    this(key, watchId, slot, state, holdKey, holdExpiresAt, bookingKey, trackingCode, error, updatedAt,
        bookingKey == null ? null : PaymentState.NOT_REQUIRED, null);
  }

  /** Whether the booking this attempt made still needs an online payment to be confirmed. */
  public boolean paymentRequired() {
    return payment == PaymentState.PAY_TO_CONFIRM;
  }

  /** The idempotency key of a watch and slot. */
  public static String keyOf(String watchId, Slot slot) {
    return watchId + "|" + slot.id();
  }

  /** A copy in a new state. */
  public BookingAttempt with(State newState, Instant at) {
    return new BookingAttempt(key, watchId, slot, newState, holdKey, holdExpiresAt, bookingKey, trackingCode, error, at,
        payment, paymentLink, holder);
  }

  /**
   * Whether the attempt had not finished when last written (a crash, if found at start-up), waits
   * for its hold's outcome ({@link State#HOLD_UNKNOWN}) or for the booking it replaces to be cancelled
   * ({@link State#REPLACING}).
   */
  public boolean open() {
    return state == State.STARTED || state == State.HELD || state == State.BOOKING || state == State.HOLD_UNKNOWN
        || state == State.REPLACING;
  }

  /** How far an attempt got. Immutable and thread-safe. */
  public enum State {
    /**
     * The hold intent, written before the hold request, with the {@link #holder()}: until the
     * provider answers, the engine cannot know whether the slot is held. Found open after a restart, or
     * left by a hold call whose answer was lost, it is resolved: the engine asks the provider for the
     * slot again as the same holder, or watches the slot's state on later polls, and releases what it
     * finds it holds; what cannot be known becomes {@link #HOLD_UNKNOWN}.
     */
    STARTED,
    /** The provider confirmed the hold; the book call has not been sent. */
    HELD,
    /** The provider confirmed the booking. */
    BOOKED,
    /** It failed and any hold was released. */
    FAILED,
    /**
     * Found open after a restart, or the provider's answer to the book (or move) call was lost: the
     * outcome at the provider is unknown, and the hold is not released (a release could undo a booking
     * the provider made).
     */
    UNKNOWN,
    /**
     * Written just before the book (or move) call: if found open after a restart, the call may have
     * reached the provider, so its hold is not released.
     */
    BOOKING,
    /**
     * A hold request whose answer was lost, and whether the provider holds the slot for us cannot be
     * found out: if it does, the hold lapses at {@link #holdExpiresAt()} (the latest it can). No book
     * call was sent. Until then the engine does not hold the slot again for the watch's owner; then the
     * attempt becomes {@link #FAILED}. The host heard {@link HoldOutcomeUnknown}.
     */
    HOLD_UNKNOWN,
    /**
     * The provider confirmed the booking ({@link #bookingKey()} is set), and the booking it replaces
     * ({@link AutoBook#replaces()}) is still to be cancelled: the second step of a book-then-cancel
     * replacement. Found open after a restart, the engine finishes it (cancels the old booking when the
     * new one is known to exist), then the attempt is {@link #BOOKED}. Counts as a booking.
     */
    REPLACING
  }
}
