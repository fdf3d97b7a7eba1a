package io.github.slothunter.core;

import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.SlotHunterZones;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link ReleaseForecaster}: a Gamma-Poisson release rate per target and hour of the
 * week, with exponential forgetting and a provider-wide prior, plus a separate model of calendar
 * openings. No training step and no dependencies; every number it returns can be traced to counts.
 *
 * <h2>The model</h2>
 *
 * <p><b>Buckets.</b> The week has 168 hour-of-week buckets in the forecaster's zone (default
 * Asia/Tehran); bucket 0 is Saturday 00:00-01:00, the first hour of the Iranian week.
 *
 * <p><b>Evidence.</b> Each poll saw the interval {@code (since, at]}. Its length is <em>exposure</em>:
 * hours during which the target was watched. The releases it found happened somewhere in that
 * interval (they are interval-censored), so each release's credit, like the exposure, is spread over
 * the buckets the interval covers in proportion to the overlap. Evidence is weighted by
 * {@code 2^(-age / halfLife)} (default half-life 14 days): a pattern that stopped fades out, a new
 * one takes over. Weights are integrated exactly over time, so cutting one interval into several
 * polls gives the same evidence as one poll over it.
 *
 * <p><b>Slots taken before the poll.</b> Other patients book free slots too, so a poll sees only
 * the releases still free when it runs: a slot freed {@code d} before the poll is seen with chance
 * {@code exp(-d / tau)} if others take slots after an exponential time with mean {@code tau}. Left
 * alone this makes a rarely polled target look quieter than it is, which would poll it even less.
 * So once the provider's mean take time {@code tau} is known (from at least
 * {@value #MIN_TAKE_SAMPLES} slots seen taken), each moment of an interval counts as exposure only
 * with that chance (an interval of length {@code L} is worth {@code tau (1 - exp(-L / tau))}), and a
 * release found in it is credited to its moments in proportion to it. The detected releases per
 * effective hour are then an unbiased estimate of the true release rate. See
 * {@link Builder#correctForTakenSlots(boolean)}.
 *
 * <p><b>Cancellation rate.</b> With {@code R_b} the decayed releases and {@code E_b} the decayed
 * exposure hours of bucket {@code b}, the rate is the posterior mean of a Gamma-Poisson model,
 * shrunk towards a prior in three levels:
 *
 * <pre>
 *   provider         m_b = (P_b + 1 * m) / (Q_b + 1)          pooled over every target of the provider
 *   target level     L = (w * m + R) / (w + E)                 all hours, this target
 *   hour of day      mu_b = (w * L * m_b / m + R_h) / (w + E_h)   same hour, all seven days, this target
 *   hour of week     lambda_b = (w * mu_b + R_b) / (w + E_b)   this bucket, this target
 * </pre>
 *
 * where {@code P_b, Q_b} are the provider's pooled releases and exposure in the bucket, {@code m}
 * the provider's overall rate (itself shrunk towards {@link Builder#baseRate} by 24 pseudo-hours),
 * {@code R, E} the target's releases and exposure over all hours, {@code R_h, E_h} at the same hour
 * on any day, and {@code w} the {@link Builder#priorWeight prior weight} in exposure hours (default
 * 2). The prior of a target's hour is its own overall level in the provider's weekly shape. A new
 * target therefore starts at the provider's rate for that hour of the week and is not starved; a
 * target that never releases sinks towards zero within days (its level sees every hour), never to
 * exactly zero; daily habits (morning cancellations) are learned from a few days, weekly ones
 * (Saturday clinics) from a few weeks.
 *
 * <p><b>Calendar openings.</b> A poll that finds at least {@link Builder#openingBurst k} releases
 * (default 4) at once, over an interval of at most six hours, saw a calendar opening; its releases
 * count as the opening's size, not as cancellations. Once the take time is known (see below), the
 * count is corrected for the opening's slots others took before the poll (found / share still
 * visible), and two found at once are enough if they stand for {@code k} or more. Either way the
 * find must be surprising as cancellations: less than 1% likely under the target's current overall
 * rate (Poisson), so a busy target's ordinary cancellations are not taken for an opening. The
 * chance of an opening in bucket {@code b} is a Beta-Bernoulli posterior mean, each week's hour
 * being one trial: {@code p_b = (w_o * pi_b + O_b) / (w_o + E_b)}, with {@code O_b} the decayed
 * openings credited to the bucket, {@code pi_b} the prior (below) and {@code w_o} its weight, a
 * quarter of a trial ({@value #OPENING_PRIOR_TRIALS}): clinics open their calendars at fixed hours,
 * so a target seen opening at an hour once is expected there again the next week (chance about
 * 0.8), and an hour watched through without one keeps about a quarter of its prior. The prior
 * {@code pi_b} is the provider's pooled opening frequency there, scaled by the target's own
 * openings per exposure hour against the provider's, shrunk towards the provider's by a week
 * ({@value #OPENING_PRIOR_HOURS} pseudo-hours) rather than {@code w}: openings
 * are weekly, so a target that has shown none for a few days is not yet known to have none. The
 * expected size of an opening is the target's decayed mean size (the provider's before the target
 * had one).
 *
 * <p><b>Rate.</b> {@link #rate} is {@code lambda_b + p_b * size}, except in the clock hour in which an
 * opening was just seen (it is not expected twice in one hour): there it is {@code lambda_b}.
 * {@link #forecast} integrates the rate over each window and gives {@code 1 - prod(1 - p_b *
 * overlap_b)} as the opening probability. {@link #watchedFor} is the span from the target's first
 * observation (or warm-up history) to its latest.
 *
 * <p><b>Time a slot stays free.</b> For every release the forecaster remembers when it was seen; when
 * the slot goes before its start time (taken, not expired), it was taken some time {@code T} after
 * being seen, with {@code T} inside the poll interval it went in. By memorylessness {@code T} has
 * the take-time distribution itself. The provider's mean take time is fitted to its latest
 * {@value #TAKE_SAMPLES} such intervals by EM (interval-censored exponential, with a weak prior at
 * the intervals' mean middle); {@link #typicalFreeTime} is the target's decayed mean of
 * {@code E[T | interval]} under the provider's mean (the interval's middle before there is one).
 *
 * <p><b>Gaps and warm-up.</b> The store keeps only polls that changed something, so two consecutive
 * stored polls may be hours apart although the target was polled all along. A gap of at most
 * {@link Builder#maxQuietGap} (default 7 days) between the end of one observation and the start of
 * the next is therefore counted as watched with nothing released, both during
 * {@linkplain #warmUp warm-up} and live; a longer gap is taken as a time the target was not watched.
 * With the take-time correction a bridged gap counts as polled at the target's usual interval. Live
 * polls leave no gaps, so warming up from a history equals having watched it live (exactly without
 * the correction or before a take time is known, closely with it). A poll without {@code since}
 * (the target's first) only marks where observation starts: its slots are initial inventory, not
 * releases.
 *
 * <p><b>Cost.</b> Per target about 1.6 KB (float arrays; 0.7 KB more once it had an opening), per
 * provider about 12 KB. {@link #rate} is constant time without allocation; {@link #observe} is linear in
 * the hours its interval covers (capped at four weeks) plus its changes.
 *
 * <p>Thread-safe: each target and each provider pool has its own lock (a target's evidence is
 * guarded by itself, a provider's likewise; a target's lock may be held while its provider's is taken,
 * never the other way round). The evidence, the decay arithmetic and the hour-of-week arithmetic live
 * in package-private helpers ({@code TargetEvidence}, {@code ProviderEvidence}, {@code PollInterval},
 * {@code EvidenceDecay}, {@code WeekBuckets}); this class keeps the model's configuration, its
 * learning step and its queries.
 */
public final class HourOfWeekForecaster implements ReleaseForecaster {
  /** Default half-life of evidence: 14 days. */
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(14);
  /** Default number of releases seen at once that make a calendar opening. */
  public static final int DEFAULT_OPENING_BURST = 4;
  /** Default weight of each prior level, in exposure hours. */
  public static final double DEFAULT_PRIOR_WEIGHT = 2.0;
  /** Default rate (releases per hour) assumed before a provider has any evidence. */
  public static final double DEFAULT_BASE_RATE = 0.05;
  /** Default longest gap between observations still counted as watched. */
  public static final Duration DEFAULT_MAX_QUIET_GAP = Duration.ofDays(7);

  static final int BUCKETS = 168;
  static final int MAX_FORECAST_HOURS = BUCKETS * 4;
  /** Intervals longer than this only count their latest part. */
  static final long MAX_WINDOW_MILLIS = Duration.ofDays(28).toMillis();
  /** A burst found over a longer interval may be accumulated cancellations: not counted as an opening. */
  static final long MAX_OPENING_WINDOW_MILLIS = Duration.ofHours(6).toMillis();
  /** Pseudo exposure hours pulling a provider's overall rate to the base rate. */
  static final double PROVIDER_PRIOR_HOURS = 24;
  /** Pseudo exposure hours pulling a target's opening frequency to the provider's: openings are weekly. */
  static final double OPENING_PRIOR_HOURS = 168;
  /**
   * Weight of the prior of a target's opening chance in an hour of the week, in weeks watched:
   * clinics open their calendars at fixed hours, so one opening seen there says more than the prior.
   */
  static final double OPENING_PRIOR_TRIALS = 0.25;
  /** Pseudo exposure hours pulling a provider's bucket rate to its overall rate. */
  static final double BUCKET_PRIOR_HOURS = 1;
  /** How unlikely a burst must be as cancellations to count as a calendar opening. */
  static final double OPENING_SURPRISE = 0.01;
  /** Taken slots a provider must have shown before its take time corrects exposure. */
  static final int MIN_TAKE_SAMPLES = 5;
  /** How many of a provider's latest take-time observations its estimate uses. */
  static final int TAKE_SAMPLES = 512;
  /** Re-estimate a provider's take time after this many new observations. */
  static final int REFIT_EVERY = 16;
  /** Releases remembered per target for free-time samples. */
  static final int MAX_TRACKED_SLOTS = 256;
  private static final long HOUR_MILLIS = WeekBuckets.HOUR_MILLIS;

  private final EvidenceDecay decay;
  private final ZoneId zone;
  private final WeekBuckets buckets;
  private final int openingBurst;
  private final double priorWeight;
  private final double baseRate;
  private final long maxQuietGapMillis;
  private final boolean correctForTakenSlots;
  private final Map<String, TargetEvidence> models = new ConcurrentHashMap<>();
  private final Map<String, ProviderEvidence> pools = new ConcurrentHashMap<>();

  private HourOfWeekForecaster(Builder b) {
    this.decay = new EvidenceDecay(b.halfLife.toMillis());
    this.zone = b.zone;
    this.buckets = new WeekBuckets(b.zone);
    this.openingBurst = b.openingBurst;
    this.priorWeight = b.priorWeight;
    this.baseRate = b.baseRate;
    this.maxQuietGapMillis = b.maxQuietGap.toMillis();
    this.correctForTakenSlots = b.correctForTakenSlots;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The half-life of evidence. */
  public Duration halfLife() {
    return Duration.ofMillis((long) decay.halfLifeMillis());
  }

  /** The zone whose hours of the week the buckets are. */
  @Override
  public ZoneId zone() {
    return zone;
  }

  /** How many releases seen at once make a calendar opening. */
  public int openingBurst() {
    return openingBurst;
  }

  /** The weight of each prior level, in exposure hours. */
  public double priorWeight() {
    return priorWeight;
  }

  /** The rate assumed before a provider has evidence. */
  public double baseRate() {
    return baseRate;
  }

  /** The longest gap between observations still counted as watched. */
  public Duration maxQuietGap() {
    return Duration.ofMillis(maxQuietGapMillis);
  }

  /** Whether exposure is corrected for slots taken before a poll could see them. */
  public boolean correctsForTakenSlots() {
    return correctForTakenSlots;
  }

  /** How many targets it currently has a model of. */
  public int targets() {
    return models.size();
  }

  /**
   * The hour-of-week bucket of an instant in this forecaster's zone: 0 is Saturday 00:00-01:00,
   * 167 Friday 23:00-24:00.
   */
  public int bucketOf(Instant at) {
    return buckets.bucket(Objects.requireNonNull(at, "at"));
  }

  // ---------------------------------------------------------------- learning

  @Override
  public void observe(String providerId, String targetId, Instant since, Instant at, List<SlotChange> changes) {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(changes, "changes");
    long atMs = at.toEpochMilli();
    ProviderEvidence pool = pools.computeIfAbsent(providerId, k -> new ProviderEvidence(atMs));
    TargetEvidence m = models.computeIfAbsent(targetId, k -> new TargetEvidence(pool, atMs));
    synchronized (m) {
      if (m.pool != pool) { // the target moved provider: start over rather than mix evidence
        m.reset(pool, atMs);
      }
      m.lastMs = Math.max(m.lastMs, atMs);
      m.firstMs = Math.min(m.firstMs, since != null && since.isBefore(at) ? since.toEpochMilli() : atMs);
      m.rescaleIfNeeded(atMs, decay.halfLifeMillis());
      double tau;
      double overall;
      synchronized (pool) {
        tau = pool.takeTime();
        overall = pool.overall(atMs, decay, baseRate);
      }
      if (since == null || !since.isBefore(at)) {
        // the first poll (or a degenerate one): observation starts here; its slots are inventory
        m.exposedUntil = Math.max(m.exposedUntil, atMs);
        m.trackGone(pool, tau, since, at, changes, decay);
        return;
      }
      long sinceMs = since.toEpochMilli();
      long releaseFrom = Math.max(sinceMs, atMs - MAX_WINDOW_MILLIS);
      long exposureFrom = m.exposedUntil == Long.MIN_VALUE ? sinceMs
          : m.exposedUntil < sinceMs && sinceMs - m.exposedUntil <= maxQuietGapMillis ? m.exposedUntil
          : Math.max(sinceMs, m.exposedUntil);
      exposureFrom = Math.max(exposureFrom, atMs - MAX_WINDOW_MILLIS);
      int released = 0;
      for (SlotChange c : changes) {
        if (c.kind() == SlotChange.Kind.OPENED) {
          released++;
        }
      }
      double correctTau = correctForTakenSlots ? tau : 0;
      // an opening's slots are taken too while we wait: estimate how many there were
      double size = released / seenShare(atMs - releaseFrom, correctTau);
      boolean opening = released >= 2 && size >= openingBurst && atMs - sinceMs <= MAX_OPENING_WINDOW_MILLIS
          && surprising(m, overall, atMs, correctTau, atMs - releaseFrom, released);
      // a quiet gap bridged without its polls: assume the target's usual poll interval
      double bridgeShare = m.meanWindowMs > 0 ? seenShare(m.meanWindowMs, correctTau) : 1;
      PollInterval iv = new PollInterval(buckets.segments(Math.min(releaseFrom, exposureFrom), atMs), exposureFrom,
          sinceMs, releaseFrom, atMs, correctTau, bridgeShare, opening ? 0 : released, opening ? 1 : 0);
      iv.creditTo(m, decay);
      if (opening) {
        double w = decay.weight(m.t0, atMs);
        m.sizeSum += w * size;
        m.sizeWeight += w;
        m.lastOpeningMs = Math.max(m.lastOpeningMs, atMs);
      }
      m.exposedUntil = Math.max(m.exposedUntil, atMs);
      long window = atMs - sinceMs;
      m.meanWindowMs = m.meanWindowMs <= 0 ? window : 0.9 * m.meanWindowMs + 0.1 * window;
      m.trackReleases(at, changes);
      m.trackGone(pool, tau, since, at, changes, decay);
      synchronized (pool) {
        pool.lastMs = Math.max(pool.lastMs, atMs);
        pool.rescaleIfNeeded(atMs, decay.halfLifeMillis());
        iv.creditTo(pool, decay);
        if (opening) {
          double w = decay.weight(pool.t0, atMs);
          pool.sizeSum += w * size;
          pool.sizeWeight += w;
        }
      }
    }
  }

  /**
   * Whether finding {@code found} releases at once is unlikely ({@value #OPENING_SURPRISE}) as
   * cancellations at the target's current overall rate: else a burst is just a busy interval.
   */
  private boolean surprising(TargetEvidence m, double overall, long atMs, double tau, long windowMs, int found) {
    double f = decay.factor(m.t0, atMs);
    double level = (priorWeight * overall + m.relSum * f) / (priorWeight + m.expSum * f);
    double expected = level * windowMs * seenShare(windowMs, tau) / HOUR_MILLIS;
    double term = Math.exp(-expected);
    double below = 0;
    for (int i = 0; i < found; i++) {
      below += term;
      term *= expected / (i + 1);
    }
    return 1 - below < OPENING_SURPRISE;
  }

  /** The share of releases in a poll interval of this length that a poll at its end still sees. */
  private static double seenShare(double windowMs, double tau) {
    return tau > 0 && windowMs > 0 ? tau / windowMs * -Math.expm1(-windowMs / tau) : 1;
  }

  @Override
  public void forget(String targetId) {
    models.remove(Objects.requireNonNull(targetId, "targetId"));
  }

  // ---------------------------------------------------------------- queries

  @Override
  public double rate(String targetId, Instant at) {
    Objects.requireNonNull(targetId, "targetId");
    long atMs = at.toEpochMilli();
    TargetEvidence m = models.get(targetId);
    ProviderEvidence pool = m != null ? m.pool : pools.get(providerOf(targetId));
    if (m != null && openingSeenThisHour(m, atMs)) {
      double[] out = new double[3];
      rate(m, pool, buckets.bucket(at), atMs, out);
      return out[2]; // an opening seen this hour is not expected again in it: cancellations only
    }
    return rate(m, pool, buckets.bucket(at), atMs, null);
  }

  /** Whether the target showed a calendar opening earlier in the same local clock hour. */
  private boolean openingSeenThisHour(TargetEvidence m, long atMs) {
    long seen;
    synchronized (m) {
      seen = m.lastOpeningMs;
    }
    return seen != Long.MIN_VALUE && atMs >= seen && buckets.localHour(atMs) == buckets.localHour(seen);
  }

  /** The rate; with {@code out}, also {@code out[0]} = rate and {@code out[1]} = opening probability per hour. */
  private double rate(TargetEvidence m, ProviderEvidence pool, int b, long atMs, double[] out) {
    // Target evidence (read under its lock into locals), then the pool's, never both locks at once.
    double rB = 0;
    double eB = 0;
    double rH = 0;
    double eH = 0;
    double oB = 0;
    double rT = 0;
    double eT = 0;
    double oT = 0;
    double size = -1;
    if (m != null) {
      synchronized (m) {
        long t = Math.max(atMs, m.lastMs);
        double f = decay.factor(m.t0, t);
        rB = m.rel[b] * f;
        eB = m.exp[b] * f;
        int h = b % 24;
        rH = m.hodRel[h] * f;
        eH = m.hodExp[h] * f;
        oB = m.bursts == null ? 0 : m.bursts[b] * f;
        rT = m.relSum * f;
        eT = m.expSum * f;
        oT = m.burstSum * f;
        if (m.sizeWeight > 0) {
          size = m.sizeSum / m.sizeWeight;
        }
      }
    }
    double overall = baseRate;
    double mb = baseRate;
    double openings = 0;
    double pib = 0;
    if (pool != null) {
      synchronized (pool) {
        long t = Math.max(atMs, pool.lastMs);
        double g = decay.factor(pool.t0, t);
        overall = pool.overall(atMs, decay, baseRate);
        mb = (pool.rel[b] * g + BUCKET_PRIOR_HOURS * overall) / (pool.exp[b] * g + BUCKET_PRIOR_HOURS);
        openings = pool.burstSum * g / (pool.expSum * g + PROVIDER_PRIOR_HOURS);
        pib = (pool.bursts[b] * g + BUCKET_PRIOR_HOURS * openings) / (pool.exp[b] * g + BUCKET_PRIOR_HOURS);
        if (size < 0 && pool.sizeWeight > 0) {
          size = pool.sizeSum / pool.sizeWeight;
        }
      }
    }
    if (size < 0) {
      size = openingBurst;
    }
    double w = priorWeight;
    // the target's own level, in the provider's shape over the week
    double level = (w * overall + rT) / (w + eT);
    double shaped = overall > 0 ? level * mb / overall : 0;
    double mu = (w * shaped + rH) / (w + eH);
    double lambda = (w * mu + rB) / (w + eB);
    double wo = OPENING_PRIOR_HOURS;
    double openingLevel = (wo * openings + oT) / (wo + eT);
    double openingPrior = openings > 0 ? Math.min(1, openingLevel * Math.min(1, pib) / openings) : 0;
    double wt = OPENING_PRIOR_TRIALS;
    double p = Math.min(1, Math.max(0, (wt * openingPrior + oB) / (wt + eB)));
    double r = lambda + p * size;
    if (!(r >= 0) || Double.isInfinite(r)) { // NaN or overflow from degenerate settings
      r = 0;
    }
    if (out != null) {
      out[0] = r;
      out[1] = p;
      if (out.length > 2) {
        out[2] = r - p * size >= 0 ? r - p * size : 0;
      }
    }
    return r;
  }

  @Override
  public List<ForecastWindow> forecast(String targetId, Instant from, int hours) {
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(from, "from");
    if (hours < 1 || hours > MAX_FORECAST_HOURS) {
      throw new IllegalArgumentException("hours must be 1-" + MAX_FORECAST_HOURS + ": " + hours);
    }
    TargetEvidence m = models.get(targetId);
    ProviderEvidence pool = m != null ? m.pool : pools.get(providerOf(targetId));
    long fromMs = from.toEpochMilli();
    long evidenceAt = fromMs; // one decay reference for every window: far windows are not discounted
    double[] out = new double[2];
    List<ForecastWindow> windows = new ArrayList<>(hours);
    for (int i = 0; i < hours; i++) {
      long a = fromMs + i * HOUR_MILLIS;
      long z = a + HOUR_MILLIS;
      double expected = 0;
      double none = 1;
      for (double[] seg : buckets.segments(a, z)) {
        double hoursIn = (seg[2] - seg[1]) / HOUR_MILLIS;
        rate(m, pool, (int) seg[0], evidenceAt, out);
        expected += out[0] * hoursIn;
        none *= 1 - out[1] * hoursIn;
      }
      windows.add(new ForecastWindow(Instant.ofEpochMilli(a), Instant.ofEpochMilli(z), expected,
          Math.min(1, Math.max(0, 1 - none))));
    }
    return List.copyOf(windows);
  }

  /** From the target's first observation (or warm-up history) to its latest; zero for unknown targets. */
  @Override
  public Duration watchedFor(String targetId) {
    TargetEvidence m = models.get(Objects.requireNonNull(targetId, "targetId"));
    if (m == null) {
      return Duration.ZERO;
    }
    synchronized (m) {
      return Duration.ofMillis(Math.max(0, m.lastMs - m.firstMs));
    }
  }

  @Override
  public Optional<Duration> typicalFreeTime(String targetId) {
    TargetEvidence m = models.get(Objects.requireNonNull(targetId, "targetId"));
    if (m == null) {
      return Optional.empty();
    }
    synchronized (m) {
      return m.freeWeight > 0 ? Optional.of(Duration.ofMillis(Math.round(m.freeSum / m.freeWeight)))
          : Optional.empty();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** {@code provider:key/center/service} -> provider, for targets observed by no one yet. */
  static String providerOf(String targetId) {
    int colon = targetId.indexOf(':');
    return colon > 0 ? targetId.substring(0, colon) : targetId;
  }

  /** {@code E[T | l < T <= u]} for an exponential {@code T} with mean {@code tau}; the midpoint without one. */
  static double expectedTake(double l, double u, double tau) {
    return ProviderEvidence.expectedTake(l, u, tau);
  }

  /** Configures a {@link HourOfWeekForecaster}. Not thread-safe. */
  public static final class Builder {
    private Duration halfLife = DEFAULT_HALF_LIFE;
    private ZoneId zone = SlotHunterZones.TEHRAN;
    private int openingBurst = DEFAULT_OPENING_BURST;
    private double priorWeight = DEFAULT_PRIOR_WEIGHT;
    private double baseRate = DEFAULT_BASE_RATE;
    private Duration maxQuietGap = DEFAULT_MAX_QUIET_GAP;
    private boolean correctForTakenSlots = true;

    private Builder() {}

    /**
     * Whether to correct exposure for slots others take before a poll sees them (default on): a
     * poll interval then counts only as long as a release in it would have stayed visible, so a
     * rarely polled target does not look quieter than it is.
     */
    public Builder correctForTakenSlots(boolean value) {
      this.correctForTakenSlots = value;
      return this;
    }

    /** How fast old evidence fades: its weight halves every {@code value} (default 14 days, at least 1 hour). */
    public Builder halfLife(Duration value) {
      Objects.requireNonNull(value, "halfLife");
      if (value.compareTo(Duration.ofHours(1)) < 0) {
        throw new IllegalArgumentException("halfLife must be at least 1 hour: " + value);
      }
      this.halfLife = value;
      return this;
    }

    /** The zone whose hours of the week are the buckets (default Asia/Tehran). */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /** How many releases seen in one poll make a calendar opening (default 4, at least 2). */
    public Builder openingBurst(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("openingBurst must be at least 2: " + value);
      }
      this.openingBurst = value;
      return this;
    }

    /**
     * How many hours of exposure each prior level of the cancellation rate is worth (default 2):
     * higher trusts the provider's pooled pattern longer, lower follows a target's own few
     * observations sooner. Positive. (Opening chances have their own, fixed prior weight.)
     */
    public Builder priorWeight(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("priorWeight must be positive and finite: " + value);
      }
      this.priorWeight = value;
      return this;
    }

    /** The release rate per hour assumed before a provider has any evidence (default 0.05, at least 0). */
    public Builder baseRate(double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("baseRate must be finite and >= 0: " + value);
      }
      this.baseRate = value;
      return this;
    }

    /**
     * The longest gap between two observations of a target that still counts as watched with nothing
     * released (default 7 days; zero counts no gap).
     */
    public Builder maxQuietGap(Duration value) {
      Objects.requireNonNull(value, "maxQuietGap");
      if (value.isNegative()) {
        throw new IllegalArgumentException("maxQuietGap must not be negative: " + value);
      }
      this.maxQuietGap = value;
      return this;
    }

    /** Builds the forecaster. */
    public HourOfWeekForecaster build() {
      return new HourOfWeekForecaster(this);
    }
  }
}
