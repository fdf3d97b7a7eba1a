package io.github.slothunter.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #advance(Duration)} or
 * {@link #set(Instant)}. Pass it to the engine, the providers and the fakes so a whole scenario runs
 * on one timeline without sleeping.
 *
 * <p>Thread-safe: reads and moves are atomic. The zone is UTC; {@link #withZone(ZoneId)} returns a
 * view in another zone that shares this clock's time (moving either moves both).
 */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code instant}. */
  public static FakeClock at(Instant instant) {
    return new FakeClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /**
   * A clock standing at an ISO-8601 instant such as {@code 2026-01-03T05:30:00Z}.
   *
   * @throws java.time.format.DateTimeParseException if the text is not an instant
   */
  public static FakeClock at(String isoInstant) {
    return at(Instant.parse(Objects.requireNonNull(isoInstant, "isoInstant")));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; zero is allowed, negative is not (use {@link #set(Instant)} to go back)
   * @return the new time
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Sets the time, forward or back. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone sharing this clock's time. */
  @Override
  public FakeClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new FakeClock(now, zone);
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + ", " + zone + "]";
  }
}
