package io.github.slothunter.core;

import java.util.List;

/**
 * One poll interval's evidence for the {@link HourOfWeekForecaster}: its pieces (see
 * {@link WeekBuckets#segments}), where exposure starts (before {@code since} when a quiet gap is
 * bridged), the release window, the take-time correction and what was found; and how that evidence
 * is spread over the buckets. Immutable and thread-safe (the store it credits is not: see
 * {@link #creditTo}).
 */
record PollInterval(List<double[]> segments, long exposureFrom, long since, long releaseFrom, long at,
    double tau, double bridgeShare, double releases, double openings) {

  /**
   * Spreads the interval's exposure and finds over its pieces, weighted for a store with origin
   * {@code d.t0}. The caller holds {@code d}'s lock.
   */
  void creditTo(DecayedEvidence d, EvidenceDecay decay) {
    double found = tau > 0 ? tau * -Math.expm1(-(at - releaseFrom) / tau) : at - releaseFrom;
    for (double[] seg : segments) {
      int b = (int) seg[0];
      long from = (long) seg[1];
      long to = (long) seg[2];
      double exposure = 0;
      long windowFrom = Math.max(exposureFrom, since);
      if (to > windowFrom) {
        exposure += decay.seen(d.t0, Math.max(from, windowFrom), to, at, tau);
      }
      if (exposureFrom < since && from < since && to > exposureFrom) {
        exposure += bridgeShare * decay.integral(d.t0, Math.max(from, exposureFrom), Math.min(to, since));
      }
      double share = to <= releaseFrom ? 0 : decay.seen(d.t0, Math.max(from, releaseFrom), to, at, tau) / found;
      d.add(b, exposure / WeekBuckets.HOUR_MILLIS, releases * share, openings * share);
    }
  }
}
