package io.github.slothunter.testkit.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Actions due at given instants, taken in time order (ties in scheduling order). Not thread-safe:
 * guarded by its owner's lock.
 */
public final class Timeline {
  private final PriorityQueue<Entry> queue = new PriorityQueue<>(
      Comparator.comparing(Entry::when).thenComparingLong(Entry::seq));
  private long seq;

  /**
   * One scheduled action.
   *
   * @param when when it is due
   * @param seq scheduling order, for ties
   * @param action what to run
   */
  public record Entry(Instant when, long seq, Runnable action) {}

  /** Schedules {@code action} at {@code when}. */
  public void schedule(Instant when, Runnable action) {
    queue.add(new Entry(Objects.requireNonNull(when, "when"), seq++, Objects.requireNonNull(action, "action")));
  }

  /** When the next action is due. */
  public Optional<Instant> nextTime() {
    Entry e = queue.peek();
    return e == null ? Optional.empty() : Optional.of(e.when());
  }

  /** Removes and returns the next action if it is due at or before {@code now}. */
  public Optional<Entry> pollDue(Instant now) {
    Entry e = queue.peek();
    if (e == null || e.when().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(queue.poll());
  }

  /** How many actions are pending. */
  public int size() {
    return queue.size();
  }
}
