package io.github.slothunter.examples.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an owner, the admin, a client address or a key id with failed
 * authentications): each bucket holds up to {@code burst} tokens and refills at {@code perSecond}; a
 * request takes one token or is refused with the time until the next one. {@link #peek} asks without
 * taking, so a limit on failures can be checked before the work that may fail. Driven by the given
 * clock. Thread-safe.
 */
final class RateLimiter {
  /** Buckets are dropped once they have been full (idle) this long, so the map stays small. */
  private static final Duration IDLE = Duration.ofMinutes(10);

  private final Clock clock;
  private final int burst;
  private final double perSecond;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param burst the most requests allowed at once (the bucket size), at least 1
   * @param perSecond the sustained rate, above 0
   */
  RateLimiter(Clock clock, int burst, double perSecond) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    this.burst = burst;
    this.perSecond = perSecond;
  }

  /**
   * Takes a token for the key.
   *
   * @return {@link Duration#ZERO} when allowed, else how long until a token is available
   */
  Duration acquire(String key) {
    long now = clock.millis();
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, burst, perSecond);
  }

  /**
   * How long until the key has a token, without taking one.
   *
   * @return {@link Duration#ZERO} when a request would be allowed now
   */
  Duration peek(String key) {
    Bucket b = buckets.get(key);
    return b == null ? Duration.ZERO : b.waitFor(clock.millis(), burst, perSecond);
  }

  /** Forgets buckets that have been idle (and so full) for a while. */
  void evictIdle() {
    long cutoff = clock.millis() - IDLE.toMillis();
    buckets.values().removeIf(b -> b.idleSince(cutoff));
  }

  /** How many keys have a bucket (for tests and stats). */
  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(int burst, long now) {
      this.tokens = burst;
      this.updatedAt = now;
    }

    synchronized Duration take(long now, int burst, double perSecond) {
      Duration wait = waitFor(now, burst, perSecond);
      if (wait.isZero()) {
        tokens -= 1;
      }
      return wait;
    }

    synchronized Duration waitFor(long now, int burst, double perSecond) {
      if (now > updatedAt) {
        tokens = Math.min(burst, tokens + (now - updatedAt) / 1000.0 * perSecond);
        updatedAt = now;
      }
      if (tokens >= 1) {
        return Duration.ZERO;
      }
      long waitMillis = (long) Math.ceil((1 - tokens) / perSecond * 1000);
      return Duration.ofMillis(Math.max(1, waitMillis));
    }

    synchronized boolean idleSince(long cutoff) {
      return updatedAt < cutoff;
    }
  }
}
