package io.github.slothunter.core;

import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records events and lets a test wait (bounded) for them. */
final class RecordingListener implements SlotListener {
  private final List<SlotEvent> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(SlotEvent event) {
    events.add(event);
    notifyAll();
  }

  synchronized List<SlotEvent> events() {
    return List.copyOf(events);
  }

  synchronized <T extends SlotEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits up to 5 s until at least {@code n} events of the type arrived; returns them. */
  <T extends SlotEvent> List<T> await(Class<T> type, int n) {
    return await(type, n, Duration.ofSeconds(5));
  }

  synchronized <T extends SlotEvent> List<T> await(Class<T> type, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (of(type).size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " " + type.getSimpleName() + " within " + timeout + ", got " + events);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return of(type);
  }

  /**
   * Waits up to 5 s until at least {@code n} events of the type match; returns the matching ones (the
   * listener runs on the engine's delivery thread, so a test reads after it has caught up).
   */
  synchronized <T extends SlotEvent> List<T> awaitMatching(Class<T> type, Predicate<T> match, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (of(type).stream().filter(match).count() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " matching " + type.getSimpleName() + ", got " + events);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return of(type).stream().filter(match).toList();
  }

  /** Waits until no new event arrived for 100 ms (bounded by 5 s): the queue has drained. */
  synchronized List<SlotEvent> settle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int seen = -1;
    while (seen != events.size() && System.nanoTime() < deadline) {
      seen = events.size();
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return List.copyOf(events);
  }

  synchronized boolean any(Predicate<SlotEvent> p) {
    return events.stream().anyMatch(p);
  }
}
