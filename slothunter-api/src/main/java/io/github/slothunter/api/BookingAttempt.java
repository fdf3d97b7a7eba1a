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
 */
public record BookingAttempt(String key, String watchId, Slot slot, State state, String holdKey,
    Instant holdExpiresAt, String bookingKey, String trackingCode, ErrorCode error, Instant updatedAt,
    PaymentState payment, URI paymentLink) {

  /** Validates. */
  public BookingAttempt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(updatedAt, "updatedAt");
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
        payment, paymentLink);
  }

  /** Whether the attempt had not finished when last written (a crash, if found at start-up). */
  public boolean open() {
    return state == State.STARTED || state == State.HELD || state == State.BOOKING;
  }

  /** How far an attempt got. Immutable and thread-safe. */
  public enum State {
    /** Written before the hold request. */
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
    BOOKING
  }
}
