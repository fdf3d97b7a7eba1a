package io.github.slothunter.api;

import io.github.slothunter.api.Slot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a target's slot history: a slot appeared or disappeared.
 *
 * <p>Immutable and thread-safe.
 *
 * @param slot the slot
 * @param kind appeared or disappeared
 * @param at when the engine saw the change
 * @param since when the engine last looked before and the slot was not yet in this state, or
 *     {@code null} if unknown: the change happened in {@code (since, at]}. Analytics use the
 *     width of that window as the detection latency bound; forecasters as the observed exposure.
 */
public record SlotChange(Slot slot, Kind kind, Instant at, Instant since) {

  /** Validates; {@code since} may be {@code null} but never after {@code at}. */
  public SlotChange {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (since != null && since.isAfter(at)) {
      throw new IllegalArgumentException("since " + since + " is after at " + at);
    }
  }

  /** A change whose window start is unknown. */
  public SlotChange(Slot slot, Kind kind, Instant at) {
    this(slot, kind, at, null);
  }

  /** The start of the window the change happened in, if known (see {@link #since()}). */
  public Optional<Instant> windowStart() {
    return Optional.ofNullable(since);
  }

  /** The direction of a change. Immutable and thread-safe. */
  public enum Kind {
    /** The slot became free. */
    OPENED,
    /** The slot stopped being free. */
    GONE
  }
}
