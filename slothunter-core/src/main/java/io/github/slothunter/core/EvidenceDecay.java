package io.github.slothunter.core;

/**
 * The {@link HourOfWeekForecaster}'s exponential forgetting: evidence from time {@code t} weighs
 * {@code 2^(-age / halfLife)}, and the weights are integrated exactly over time. Evidence is stored
 * scaled to an origin {@code t0} (see {@link DecayedEvidence}), so these take that origin. Immutable
 * and thread-safe.
 */
final class EvidenceDecay {
  static final double LN2 = Math.log(2);

  private final double halfLifeMillis;

  EvidenceDecay(double halfLifeMillis) {
    this.halfLifeMillis = halfLifeMillis;
  }

  double halfLifeMillis() {
    return halfLifeMillis;
  }

  /** The factor a value added at {@code t} is stored with, in a store with origin {@code t0}. */
  double weight(long t0, long t) {
    return Math.exp(LN2 * (t - t0) / halfLifeMillis);
  }

  /** The factor that turns a store with origin {@code t0} into values as of {@code t}. */
  double factor(long t0, long t) {
    return Math.exp(-LN2 * (t - t0) / halfLifeMillis);
  }

  /** The integral of the weight over {@code [a, b]}, in milliseconds. */
  double integral(long t0, long a, long b) {
    if (b <= a) {
      return 0;
    }
    double k = LN2 / halfLifeMillis;
    return (Math.exp(k * (b - t0)) - Math.exp(k * (a - t0))) / k;
  }

  /**
   * The integral over {@code [a, b]} of the evidence weight times the chance that a slot freed then
   * was still free at the poll at {@code at} ({@code exp(-(at - t) / tau)}; 1 without a take time).
   */
  double seen(long t0, long a, long b, long at, double tau) {
    if (!(tau > 0)) {
      return integral(t0, a, b);
    }
    if (b <= a) {
      return 0;
    }
    double k = LN2 / halfLifeMillis;
    double c = 1 / tau + k;
    double hi = Math.exp(-(at - b) / tau + k * (b - t0));
    double lo = Math.exp(-(at - a) / tau + k * (a - t0));
    return (hi - lo) / c;
  }
}
