package io.github.slothunter.core;

import static io.github.slothunter.core.HourOfWeekForecaster.BUCKETS;
import static io.github.slothunter.core.HourOfWeekForecaster.MIN_TAKE_SAMPLES;
import static io.github.slothunter.core.HourOfWeekForecaster.PROVIDER_PRIOR_HOURS;
import static io.github.slothunter.core.HourOfWeekForecaster.REFIT_EVERY;
import static io.github.slothunter.core.HourOfWeekForecaster.TAKE_SAMPLES;

/**
 * One provider's pooled evidence in the {@link HourOfWeekForecaster}, the prior of its targets:
 * decayed releases, exposure and openings per hour of the week, opening sizes, and the provider's
 * mean take time (how long a free slot stays free), fitted to its latest take-time observations.
 *
 * <p>Not thread-safe: guarded by its own monitor, which every caller holds. It is taken after a
 * {@link TargetEvidence}'s lock or alone, never before one.
 */
final class ProviderEvidence extends DecayedEvidence {
  final double[] rel = new double[BUCKETS];
  final double[] exp = new double[BUCKETS];
  final double[] bursts = new double[BUCKETS];
  double relSum;
  double expSum;
  double burstSum;
  double sizeSum;
  double sizeWeight;
  /** The latest take-time observations: taken between {@code low} and {@code high} ms after being seen. */
  final double[] low = new double[TAKE_SAMPLES];
  final double[] high = new double[TAKE_SAMPLES];
  int takes;
  int sinceFit;
  double tau;

  ProviderEvidence(long t0) {
    super(t0);
  }

  /** The mean take time (ms) once {@link HourOfWeekForecaster#MIN_TAKE_SAMPLES} slots were seen taken, else 0. */
  double takeTime() {
    return takes >= MIN_TAKE_SAMPLES ? tau : 0;
  }

  /** The provider's overall release rate per hour as of {@code atMs}, shrunk towards {@code baseRate}. */
  double overall(long atMs, EvidenceDecay decay, double baseRate) {
    double g = decay.factor(t0, Math.max(atMs, lastMs));
    return (relSum * g + PROVIDER_PRIOR_HOURS * baseRate) / (expSum * g + PROVIDER_PRIOR_HOURS);
  }

  void addTake(double l, double u) {
    int i = takes % TAKE_SAMPLES;
    low[i] = l;
    high[i] = u;
    takes++;
    if (++sinceFit >= REFIT_EVERY || takes == MIN_TAKE_SAMPLES) {
      fit();
    }
  }

  /**
   * The maximum a posteriori mean of an exponential take time from interval-censored samples, by
   * EM. Samples that only say "taken before the next poll" carry little information when polls
   * are far apart, so two pseudo-samples at the samples' mean midpoint keep it from collapsing.
   */
  private void fit() {
    sinceFit = 0;
    int n = Math.min(takes, TAKE_SAMPLES);
    double prior = 0;
    for (int i = 0; i < n; i++) {
      prior += (low[i] + high[i]) / 2;
    }
    prior /= n;
    double t = prior;
    for (int iteration = 0; iteration < 30 && t > 0; iteration++) {
      double sum = 2 * prior;
      for (int i = 0; i < n; i++) {
        sum += expectedTake(low[i], high[i], t);
      }
      t = sum / (n + 2);
    }
    tau = t;
  }

  /** {@code E[T | l < T <= u]} for an exponential {@code T} with mean {@code tau}; the midpoint without one. */
  static double expectedTake(double l, double u, double tau) {
    double d = (u - l) / tau;
    if (!(tau > 0) || !(d > 1e-6)) {
      return (l + u) / 2;
    }
    double e = Math.exp(-d);
    double v = tau + (l - u * e) / (1 - e);
    return Math.min(u, Math.max(l, v));
  }

  @Override
  void add(int b, double exposure, double releases, double openings) {
    exp[b] += exposure;
    expSum += exposure;
    rel[b] += releases;
    relSum += releases;
    bursts[b] += openings;
    burstSum += openings;
  }

  @Override
  void scale(double factor) {
    for (int i = 0; i < BUCKETS; i++) {
      rel[i] *= factor;
      exp[i] *= factor;
      bursts[i] *= factor;
    }
    relSum *= factor;
    expSum *= factor;
    burstSum *= factor;
    sizeSum *= factor;
    sizeWeight *= factor;
  }
}
