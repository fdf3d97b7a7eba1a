package io.github.slothunter.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link ReleaseForecaster} expects of one time window of one target.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the window's start (inclusive)
 * @param to the window's end (exclusive); after {@code from}
 * @param expectedReleases how many slots are expected to become free in the window (cancellations
 *     plus the slots of calendar openings), at least 0
 * @param openingProbability the chance, from 0 to 1, that a calendar opening (a burst of several
 *     slots appearing at once, see {@link HourOfWeekForecaster.Builder#openingBurst(int)}) happens in
 *     the window
 */
public record ForecastWindow(Instant from, Instant to, double expectedReleases, double openingProbability) {

  /** Validates: {@code to} after {@code from}, finite non-negative expectation, probability in [0, 1]. */
  public ForecastWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to " + to + " must be after from " + from);
    }
    if (!(expectedReleases >= 0) || Double.isInfinite(expectedReleases)) {
      throw new IllegalArgumentException("expectedReleases must be finite and >= 0: " + expectedReleases);
    }
    if (!(openingProbability >= 0 && openingProbability <= 1)) {
      throw new IllegalArgumentException("openingProbability must be in [0, 1]: " + openingProbability);
    }
  }
}
