package io.github.slothunter.core;

import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Objects;

/**
 * What an owner may do: how many watches, how often their targets are polled, whether the engine
 * books for them, and how they rank when the request budget is short or several owners want one
 * slot.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the plan's name, unique within {@link Plans}
 * @param maxWatches the most watches an owner on this plan may have at once ({@link #UNLIMITED} for no limit)
 * @param minInterval the shortest poll interval the owner's targets get
 * @param autoBook whether the engine may book for the owner
 * @param priority higher wins: budget share when the budget is short, and the first claim on a contested slot
 * @param maxInterval the longest the engine may leave an owner's target unpolled on its own
 *     initiative: adaptive scheduling never backs off beyond it (a budget shortage still can: when
 *     the budget cannot poll every target of the provider that often, adaptive targets fall due
 *     at twice the round-robin interval)
 * @param adaptive whether the owner's targets are scheduled by their forecast releases (see
 *     {@link ReleaseForecaster}) instead of at the fixed {@code minInterval}: while the budget can
 *     poll every target at its {@code minInterval} nothing changes; when it cannot, each poll goes
 *     to the target expected to show the most releases not yet seen per request, targets a
 *     forecaster has watched for less than a week are explored at about the round-robin pace, and
 *     a predicted calendar opening gets a poll a minute before its hour
 * @param price what the host charges for it per period, or {@code null} when it is not sold (the
 *     engine never charges: hosts show it and take the payment, then call {@code setPlan})
 */
public record Plan(String name, int maxWatches, Duration minInterval, boolean autoBook, int priority,
    Duration maxInterval, boolean adaptive, Price price) {
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
    Objects.requireNonNull(maxInterval, "maxInterval");
    if (maxInterval.compareTo(minInterval) < 0) {
      throw SlotHunterException.invalid("plan maxInterval", "must not be shorter than minInterval "
          + minInterval + ": " + maxInterval);
    }
  }

  /** A plan without a price. */
  public Plan(String name, int maxWatches, Duration minInterval, boolean autoBook, int priority,
      Duration maxInterval, boolean adaptive) {
    this(name, maxWatches, minInterval, autoBook, priority, maxInterval, adaptive, null);
  }

  /**
   * A fixed-interval plan: {@code maxInterval} is six times {@code minInterval} (at least 30 minutes)
   * and adaptive scheduling is off.
   */
  public Plan(String name, int maxWatches, Duration minInterval, boolean autoBook, int priority) {
    this(name, maxWatches, minInterval, autoBook, priority, defaultMaxInterval(minInterval), false, null);
  }

  /** This plan with adaptive scheduling switched on or off. */
  public Plan withAdaptive(boolean value) {
    return new Plan(name, maxWatches, minInterval, autoBook, priority, maxInterval, value, price);
  }

  /** This plan with another {@link #maxInterval()}. */
  public Plan withMaxInterval(Duration value) {
    return new Plan(name, maxWatches, minInterval, autoBook, priority, value, adaptive, price);
  }

  /** This plan with a price (or none, {@code null}). */
  public Plan withPrice(Price value) {
    return new Plan(name, maxWatches, minInterval, autoBook, priority, maxInterval, adaptive, value);
  }

  private static Duration defaultMaxInterval(Duration minInterval) {
    Objects.requireNonNull(minInterval, "minInterval");
    Duration six = minInterval.multipliedBy(6);
    return six.compareTo(Duration.ofMinutes(30)) < 0 ? Duration.ofMinutes(30) : six;
  }
}
