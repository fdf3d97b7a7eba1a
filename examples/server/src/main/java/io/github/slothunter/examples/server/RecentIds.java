package io.github.slothunter.examples.server;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The ids of the last events sent to one owner, so that an event the engine publishes again (same
 * {@link io.github.slothunter.api.SlotEvent#id()}) is not sent twice. The engine delivers events at
 * least once: after a crash it publishes again, under the same ids, what it had not finished
 * delivering. Bounded: it keeps the {@code capacity} most recently seen ids and forgets the least
 * recently seen first; an id takes about 120 bytes, so the default 10,000 is about 1.2 MB for an
 * owner that had that many events.
 *
 * <p>Not thread-safe: the event hub's dispatcher thread is its only user.
 */
final class RecentIds {
  private final int capacity;
  /** Access order: a repeated id becomes the most recently seen. */
  private final LinkedHashMap<String, Boolean> ids = new LinkedHashMap<>(16, 0.75f, true);

  RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Remembers the id; {@code true} the first time it is seen (or seen again after being forgotten). */
  boolean add(String id) {
    if (ids.put(id, Boolean.TRUE) != null) {
      return false;
    }
    if (ids.size() > capacity) {
      Iterator<String> eldest = ids.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  /** How many ids it holds (at most its capacity). */
  int size() {
    return ids.size();
  }
}
