package io.github.slothunter.core;

import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Objects;

/**
 * What an owner may do: how many watches, how often their targets are polled, whether the engine
 * books for them, and how they rank when the request budget is short or several owners want one
 * slot.
 *
 * @param name the plan's name, unique within {@link Plans}
 * @param maxWatches the most watches an owner on this plan may have at once ({@link #UNLIMITED} for no limit)
 * @param minInterval the shortest poll interval the owner's targets get
 * @param autoBook whether the engine may book for the owner
 * @param priority higher wins: budget share when the budget is short, and the first claim on a contested slot
 */
public record Plan(String name, int maxWatches, Duration minInterval, boolean autoBook, int priority) {
  /** {@link #maxWatches()} value meaning no limit. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** Validates; throws {@code INVALID_INPUT} naming the bad field. */
  public Plan {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 64) {
      throw SlotHunterException.invalid("plan name", "must be 1-64 characters: '" + name + "'");
    }
    if (maxWatches < 1) {
      throw SlotHunterException.invalid("plan maxWatches", "must be at least 1: " + maxWatches);
    }
    Objects.requireNonNull(minInterval, "minInterval");
    if (minInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw SlotHunterException.invalid("plan minInterval", "must be at least 10ms: " + minInterval);
    }
    if (priority < 0 || priority > 100) {
      throw SlotHunterException.invalid("plan priority", "must be 0-100: " + priority);
    }
  }
}
