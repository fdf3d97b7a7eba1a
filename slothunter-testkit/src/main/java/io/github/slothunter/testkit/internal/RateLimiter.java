package io.github.slothunter.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A per-client fixed-window limiter: at most {@code perMinute} requests per client in each clock
 * minute ({@code [hh:mm:00, hh:mm+1:00)} of the fake's clock). Thread-safe.
 */
public final class RateLimiter {
  private static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final Map<String, long[]> windows = new HashMap<>(); // client -> {minute, count}

  /** A limiter; {@code 0} turns it off. */
  public RateLimiter(int perMinute) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("perMinute must not be negative: " + perMinute);
    }
    this.perMinute = perMinute;
  }

  /** The limit per client per minute; 0 when off. */
  public int perMinute() {
    return perMinute;
  }

  /**
   * Counts one request from {@code client} at {@code now}.
   *
   * @return empty when allowed; else how long until the client's window resets (at least 1 s)
   */
  public synchronized Optional<Duration> acquire(String client, Instant now) {
    if (perMinute == 0) {
      return Optional.empty();
    }
    long minute = Math.floorDiv(now.getEpochSecond(), 60);
    if (windows.size() > MAX_CLIENTS) {
      Iterator<long[]> it = windows.values().iterator();
      while (it.hasNext()) {
        if (it.next()[0] != minute) {
          it.remove();
        }
      }
    }
    long[] w = windows.computeIfAbsent(client, c -> new long[] {minute, 0});
    if (w[0] != minute) {
      w[0] = minute;
      w[1] = 0;
    }
    w[1]++;
    if (w[1] <= perMinute) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, Instant.ofEpochSecond((minute + 1) * 60));
    long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
  }

  /** Forgets every client's window. */
  public synchronized void reset() {
    windows.clear();
  }
}
