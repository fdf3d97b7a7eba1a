package io.github.slothunter.core;

import io.github.slothunter.api.Slot;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a target's slot history: a slot appeared or disappeared.
 *
 * @param slot the slot
 * @param kind appeared or disappeared
 * @param at when the engine saw the change
 */
public record SlotChange(Slot slot, Kind kind, Instant at) {

  /** Validates. */
  public SlotChange {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }

  /** The direction of a change. */
  public enum Kind {
    /** The slot became free. */
    OPENED,
    /** The slot stopped being free. */
    GONE
  }
}
