package io.github.slothunter.api;

import io.github.slothunter.api.Slot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The free slots of one target as of its last poll.
 *
 * <p>Immutable and thread-safe.
 *
 * @param targetId the target's {@link io.github.slothunter.api.Target#id()}
 * @param slots free slots, ascending by start
 * @param polledAt when the poll finished
 */
public record TargetSnapshot(String targetId, List<Slot> slots, Instant polledAt) {

  /** Validates and copies. */
  public TargetSnapshot {
    Objects.requireNonNull(targetId, "targetId");
    slots = List.copyOf(slots);
    Objects.requireNonNull(polledAt, "polledAt");
  }
}
