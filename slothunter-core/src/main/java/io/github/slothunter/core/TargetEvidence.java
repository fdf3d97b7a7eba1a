package io.github.slothunter.core;

import static io.github.slothunter.core.HourOfWeekForecaster.BUCKETS;

import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's evidence in the {@link HourOfWeekForecaster}: decayed releases and exposure per hour
 * of the week and per hour of the day, calendar openings and their sizes, the releases it saw (to
 * time how long a slot stays free) and where its observation stands.
 *
 * <p>Not thread-safe: guarded by its own monitor, which every caller holds. A caller that also
 * needs the target's {@link ProviderEvidence} takes that lock inside this one, never the other way.
 */
final class TargetEvidence extends DecayedEvidence {
  ProviderEvidence pool;
  float[] rel = new float[BUCKETS];
  float[] exp = new float[BUCKETS];
  float[] hodRel = new float[24];
  float[] hodExp = new float[24];
  float[] bursts;
  double relSum;
  double expSum;
  double burstSum;
  double sizeSum;
  double sizeWeight;
  double freeSum;
  double freeWeight;
  long exposedUntil = Long.MIN_VALUE;
  /** When the latest calendar opening was seen (epoch millis). */
  long lastOpeningMs = Long.MIN_VALUE;
  double meanWindowMs;
  final Map<String, Long> seen = new HashMap<>();

  /** The earliest moment any observation covered (epoch millis). */
  long firstMs;

  TargetEvidence(ProviderEvidence pool, long t0) {
    super(t0);
    this.pool = pool;
    this.firstMs = t0;
  }

  void reset(ProviderEvidence newPool, long now) {
    pool = newPool;
    rel = new float[BUCKETS];
    exp = new float[BUCKETS];
    hodRel = new float[24];
    hodExp = new float[24];
    bursts = null;
    relSum = expSum = burstSum = sizeSum = sizeWeight = freeSum = freeWeight = 0;
    lastOpeningMs = Long.MIN_VALUE;
    firstMs = now;
    meanWindowMs = 0;
    exposedUntil = Long.MIN_VALUE;
    t0 = now;
    lastMs = now;
    seen.clear();
  }

  @Override
  void add(int b, double exposure, double releases, double openings) {
    exp[b] += (float) exposure;
    hodExp[b % 24] += (float) exposure;
    expSum += exposure;
    rel[b] += (float) releases;
    hodRel[b % 24] += (float) releases;
    relSum += releases;
    burstSum += openings;
    if (openings > 0) {
      if (bursts == null) {
        bursts = new float[BUCKETS];
      }
      bursts[b] += (float) openings;
    }
  }

  @Override
  void scale(double factor) {
    for (int i = 0; i < BUCKETS; i++) {
      rel[i] *= (float) factor;
      exp[i] *= (float) factor;
      if (bursts != null) {
        bursts[i] *= (float) factor;
      }
    }
    for (int i = 0; i < 24; i++) {
      hodRel[i] *= (float) factor;
      hodExp[i] *= (float) factor;
    }
    relSum *= factor;
    expSum *= factor;
    burstSum *= factor;
    sizeSum *= factor;
    sizeWeight *= factor;
    freeSum *= factor;
    freeWeight *= factor;
  }

  /**
   * Remembers when the poll at {@code at} saw its releases (at most
   * {@link HourOfWeekForecaster#MAX_TRACKED_SLOTS} at a time).
   */
  void trackReleases(Instant at, List<SlotChange> changes) {
    for (SlotChange c : changes) {
      if (c.kind() == SlotChange.Kind.OPENED && seen.size() < HourOfWeekForecaster.MAX_TRACKED_SLOTS) {
        seen.put(c.slot().id(), at.toEpochMilli());
      }
    }
  }

  /**
   * A seen release that went before its start time was taken {@code T} after it was seen, with
   * {@code T} somewhere in the poll interval it went in: a sample for the provider's fit (added
   * under {@code pool}'s lock), and for the target {@code E[T | l < T <= u]} under the provider's
   * current mean take time {@code tau}.
   */
  void trackGone(ProviderEvidence pool, double tau, Instant since, Instant at, List<SlotChange> changes,
      EvidenceDecay decay) {
    for (SlotChange c : changes) {
      if (c.kind() != SlotChange.Kind.GONE) {
        continue;
      }
      Long seenAt = seen.remove(c.slot().id());
      Slot s = c.slot();
      if (seenAt == null || !at.isBefore(s.start())) {
        continue; // not a release we saw, or it expired rather than being taken
      }
      long atMs = at.toEpochMilli();
      double l = Math.max(0, (since == null ? atMs : since.toEpochMilli()) - seenAt);
      double u = Math.max(l, atMs - seenAt);
      double sample = ProviderEvidence.expectedTake(l, u, tau);
      double w = decay.weight(t0, atMs);
      freeSum += w * sample;
      freeWeight += w;
      synchronized (pool) {
        pool.addTake(l, u);
      }
    }
  }
}
