package io.github.slothunter.testkit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The options every fake site's builder has: clock, seed, rate limit, port, handler threads, request
 * log size and the actions scheduled before the fake exists. Each setter validates its value at once,
 * with the message the public builders document. Not thread-safe: owned by one builder.
 *
 * @param <F> the fake the scheduled actions run on
 */
public final class FakeSiteSettings<F> {
  private Clock clock = Clock.systemUTC();
  private boolean clockSet;
  private long seed;
  private int rateLimitPerMinute;
  private int port;
  private int serverThreads;
  private int requestLogLimit;
  private final List<Map.Entry<Instant, Consumer<F>>> scheduled = new ArrayList<>();

  /**
   * Settings with the system clock, no rate limit, a free port and these defaults.
   *
   * @param seed the default seed
   * @param serverThreads the default number of handler threads, at least 1
   * @param requestLogLimit the default number of requests kept in full, at least 1
   */
  public FakeSiteSettings(long seed, int serverThreads, int requestLogLimit) {
    seed(seed);
    serverThreads(serverThreads);
    requestLogLimit(requestLogLimit);
  }

  /** Sets the clock everything follows. */
  public void clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    this.clockSet = true;
  }

  /** Uses {@code value} as the clock unless {@link #clock(Clock)} chose one. */
  public void defaultClock(Clock value) {
    if (!clockSet) {
      this.clock = Objects.requireNonNull(value, "clock");
    }
  }

  /** The clock everything follows. */
  public Clock clock() {
    return clock;
  }

  /** Sets the seed of every random choice. */
  public void seed(long value) {
    this.seed = value;
  }

  /** The seed of every random choice. */
  public long seed() {
    return seed;
  }

  /**
   * Sets the requests allowed per client per clock minute; {@code 0} turns limiting off.
   *
   * @throws IllegalArgumentException when negative
   */
  public void rateLimitPerMinute(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("rateLimitPerMinute must not be negative: " + value);
    }
    this.rateLimitPerMinute = value;
  }

  /** The requests allowed per client per clock minute; {@code 0} when off. */
  public int rateLimitPerMinute() {
    return rateLimitPerMinute;
  }

  /**
   * Sets the port to bind; {@code 0} picks a free one.
   *
   * @throws IllegalArgumentException outside 0-65535
   */
  public void port(int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("port must be 0-65535: " + value);
    }
    this.port = value;
  }

  /** The port to bind; {@code 0} for a free one. */
  public int port() {
    return port;
  }

  /**
   * Sets the number of HTTP handler threads.
   *
   * @throws IllegalArgumentException when not positive
   */
  public void serverThreads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("serverThreads must be positive: " + value);
    }
    this.serverThreads = value;
  }

  /** The number of HTTP handler threads. */
  public int serverThreads() {
    return serverThreads;
  }

  /**
   * Sets how many requests the request log keeps in full.
   *
   * @throws IllegalArgumentException when not positive
   */
  public void requestLogLimit(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("requestLogLimit must be positive: " + value);
    }
    this.requestLogLimit = value;
  }

  /** How many requests the request log keeps in full. */
  public int requestLogLimit() {
    return requestLogLimit;
  }

  /** Adds an action to run on the built fake at {@code when}. */
  public void schedule(Instant when, Consumer<F> action) {
    scheduled.add(Map.entry(Objects.requireNonNull(when, "when"), Objects.requireNonNull(action, "action")));
  }

  /** Hands every scheduled action, in the order added, to {@code scheduler} (the built fake's {@code schedule}). */
  public void forEachScheduled(BiConsumer<Instant, Consumer<F>> scheduler) {
    for (Map.Entry<Instant, Consumer<F>> e : scheduled) {
      scheduler.accept(e.getKey(), e.getValue());
    }
  }
}
