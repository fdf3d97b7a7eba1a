package io.github.slothunter.core;

/**
 * Evidence of the {@link HourOfWeekForecaster} stored scaled: a value added at time {@code t} is
 * stored times {@code 2^((t - t0) / h)}, so decaying everything to "now" is one multiplication at
 * read time; the store is renormalised to a new origin before the factors grow too large.
 *
 * <p>Not thread-safe: each instance is guarded by its own monitor, which callers hold (see the
 * subclasses).
 */
abstract class DecayedEvidence {
  /** Renormalise stored weights once they span this many half-lives. */
  private static final double RESCALE_HALF_LIVES = 30;

  long t0;
  long lastMs;

  DecayedEvidence(long t0) {
    this.t0 = t0;
    this.lastMs = t0;
  }

  final void rescaleIfNeeded(long now, double halfLife) {
    if ((now - t0) / halfLife > RESCALE_HALF_LIVES) {
      scale(Math.exp(-EvidenceDecay.LN2 * (now - t0) / halfLife));
      t0 = now;
    }
  }

  abstract void scale(double factor);

  /** Adds exposure hours, releases and calendar openings to bucket {@code b}, already weighted. */
  abstract void add(int b, double exposure, double releases, double openings);
}
