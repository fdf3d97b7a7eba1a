package io.github.slothunter.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The recurring scenarios of a fake Paziresh24 on its {@link Paziresh24State} timeline: an action
 * every period, and events at random, exponentially spaced times drawn from the state's seeded
 * scenario random. Arguments are checked by the public fake.
 */
public final class Paziresh24Scenarios {
  private Paziresh24Scenarios() {}

  /** Runs {@code action} at {@code first}, then every {@code period}, forever. */
  public static void every(Paziresh24State state, Instant first, Duration period, Runnable action) {
    state.schedule(first, new Runnable() {
      private Instant next = first;

      @Override
      public void run() {
        action.run();
        next = next.plus(period);
        state.schedule(next, this);
      }
    });
  }

  /**
   * Runs {@code event} at random times from {@code from} until {@code until}, on average every
   * {@code meanInterval} (exponential gaps of at least a millisecond).
   */
  public static void randomly(Paziresh24State state, Instant from, Instant until, Duration meanInterval,
      Runnable event) {
    Runnable step = new Runnable() {
      @Override
      public void run() {
        Instant now = state.now();
        if (now.isAfter(until)) {
          return;
        }
        event.run();
        Instant next = now.plus(gap());
        if (!next.isAfter(until)) {
          state.schedule(next, this);
        }
      }

      private Duration gap() {
        Random r = state.scenarioRandom();
        double u = r.nextDouble();
        long nanos = (long) (-Math.log(1 - u) * meanInterval.toNanos());
        return Duration.ofNanos(Math.max(1_000_000, nanos));
      }
    };
    synchronized (state) {
      Random r = state.scenarioRandom();
      long first = (long) (-Math.log(1 - r.nextDouble()) * meanInterval.toNanos());
      state.schedule(from.plusNanos(Math.max(1_000_000, first)), step);
    }
  }
}
