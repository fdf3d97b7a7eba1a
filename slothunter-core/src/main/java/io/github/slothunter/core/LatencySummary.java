package io.github.slothunter.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A distribution of durations in two numbers, by nearest rank: of {@code n} sorted samples the
 * median is sample {@code ceil(n / 2)}, the 90th percentile sample {@code ceil(0.9 n)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param median the median
 * @param p90 the 90th percentile, at least the median
 * @param samples how many samples, at least 1
 */
public record LatencySummary(Duration median, Duration p90, int samples) {

  /** Validates. */
  public LatencySummary {
    Objects.requireNonNull(median, "median");
    Objects.requireNonNull(p90, "p90");
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1: " + samples);
    }
    if (p90.compareTo(median) < 0) {
      throw new IllegalArgumentException("p90 " + p90 + " is below the median " + median);
    }
  }
}
