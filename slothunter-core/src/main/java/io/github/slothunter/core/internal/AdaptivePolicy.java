package io.github.slothunter.core.internal;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.core.ReleaseForecaster;
import io.github.slothunter.core.internal.ProviderQueues.Ranking;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Comparator;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive scheduling's arithmetic: how much a target is worth polling early (the expected unseen
 * releases and the square-root polling index), the ranking of a priority class by that worth, and
 * the bound an adaptive target falls due at. It reads the {@link ReleaseForecaster}; it holds no
 * lock and no state of its own: every method is called under the {@link Scheduler}'s lock, which
 * guards the targets' and rankings' scheduling fields it writes.
 */
final class AdaptivePolicy {
  private static final Logger log = LoggerFactory.getLogger(AdaptivePolicy.class);
  /** How often adaptive scheduling re-ranks its targets by the releases they are expected to show. */
  static final Duration ADAPTIVE_REFRESH = Duration.ofSeconds(30);
  /** The least time between two rankings (a ranking reads every adaptive target of its class). */
  static final Duration ADAPTIVE_MIN_REFRESH = Duration.ofSeconds(1);
  /** How long the forecaster must have watched a target before adaptive scheduling stops exploring it. */
  static final Duration ADAPTIVE_EXPLORATION = Duration.ofDays(7);
  /** The time a freed slot is assumed to stay free until the forecaster has seen some taken. */
  static final Duration DEFAULT_FREE_TIME = Duration.ofMinutes(15);
  /** While exploring, the bound grows from the round-robin interval to {@code 1 +} this many times it. */
  static final double ADAPTIVE_EXPLORATION_GROWTH = 3;
  /** Under a budget too short for every maxInterval, bounded polls may use at most 1/this of it. */
  static final int ADAPTIVE_BOUND_SHARE = 2;
  private static final long HOUR_MILLIS = 3_600_000L;

  private final ReleaseForecaster forecaster;
  /** The rules of the forecaster's {@linkplain ReleaseForecaster#zone zone}, whose clock hours its rates follow. */
  private final ZoneRules forecastHours;

  AdaptivePolicy(ReleaseForecaster forecaster) {
    this.forecaster = forecaster;
    this.forecastHours = ReleaseForecaster.zoneOf(forecaster).getRules();
  }


  /**
   * The adaptive target of a class most worth polling before it is due, or null. Under the scheduler's lock.
   *
   * <p>A target's value {@code V} is the number of free slots it is expected to show that the last
   * poll did not: with the forecast release rate {@code lambda(t)} and slots staying free an
   * exponential time with mean {@code tau} (the forecaster's typical free time),
   * {@code V = integral over the time since the last poll of lambda(s) exp(-(now - s) / tau) ds}.
   * Its worth is {@code V * sqrt(g(x))} per request (divided by {@code 1 +} the requests its last poll
   * needed beyond the first: free days its calendar did not answer), {@code x} being the time since the last poll in free times and
   * {@code g} the {@linkplain #pollingIndex share of V} that polling now gains over a steady pace.
   * For releases at a steady rate, polling each target when {@code V g(x)} reaches a common threshold
   * maximises the releases seen (the square-root law of polling: a target releasing 16 times as
   * often is polled 4 times as often), whereas polling by {@code V} alone polls the busiest targets
   * so often that each poll finds little. With learned rates, on the predictive-polling simulation,
   * the square root of {@code g} saw about as many releases as {@code g} and found them sooner (median
   * 2.3 instead of 3.3 minutes), and more than {@code V} alone on every seed tried (by 0.1 to 2.8
   * points). Giving each poll the budget has room for to the worthiest target is a greedy index
   * policy: a poll of a target releasing little, or polled a moment ago, is worth little, so polls
   * follow the hours and targets where releases come, speed up as soon as a predicted calendar
   * opening's hour starts, and stay away from targets that never release (their due time still
   * brings them round). While the budget can poll every target at its plan's minInterval, nothing
   * changes: every target is then worth a poll. Targets are ranked every {@link #ADAPTIVE_REFRESH}; a
   * target is eligible once its plan's minInterval has passed.
   */
  TargetState adaptiveCandidate(ProviderQueues pq, int cls, long now) {
    Ranking r = pq.rankings.computeIfAbsent(cls, k -> new Ranking());
    if (now >= r.refreshBy || now < r.refreshedAt) {
      rank(pq, cls, r, now);
    }
    while (r.cursor < r.order.size()) {
      TargetState ts = r.order.get(r.cursor);
      if (ts.queued && ts.adaptive && ts.leased && ts.priority == cls && ts.lastError != ErrorCode.BOOKING_OFF) {
        long eligible = ts.lastPollAt == null ? now : ts.lastPollAt.toEpochMilli() + ts.interval.toMillis();
        if (eligible <= now) {
          return ts;
        }
        rankAgainBy(r, eligible); // look again when it may be polled
      }
      r.cursor++;
    }
    return null;
  }

  /** Asks for the next ranking by {@code at}, but not sooner than {@link #ADAPTIVE_MIN_REFRESH} after the last. */
  static void rankAgainBy(Ranking r, long at) {
    r.refreshBy = Math.min(r.refreshBy, Math.max(at, r.refreshedAt + ADAPTIVE_MIN_REFRESH.toMillis()));
  }

  /**
   * Worth of polling now, per request: {@code V * sqrt(g(x)) / (1 + extra requests)}, {@code x} being
   * the time since the last poll in free times (see {@link #adaptiveCandidate}).
   */
  private static double worth(TargetState ts, long now) {
    double x = ts.lastPollAt == null ? Double.POSITIVE_INFINITY
        : (now - ts.lastPollAt.toEpochMilli()) / ts.freeTime;
    return ts.value * Math.sqrt(pollingIndex(x)) / (1 + ts.extraRequests);
  }

  /**
   * {@code g(x) = (1 - (1 + x) e^-x) / (1 - e^-x)}: the share of the expected unseen releases
   * {@code V} that polling now gains over polling at a steady pace, {@code x} being the time since
   * the last poll in free times. About {@code x / 2} just after a poll, 1 long after it.
   */
  static double pollingIndex(double x) {
    if (!(x > 1e-4)) {
      return x > 0 ? x / 2 : 0;
    }
    if (x > 40) {
      return 1;
    }
    double e = Math.exp(-x);
    return (1 - (1 + x) * e) / (1 - e);
  }

  /** Brings every adaptive target of a class up to date and sorts them by worth. Under the scheduler's lock. */
  private void rank(ProviderQueues pq, int cls, Ranking r, long now) {
    r.order.clear();
    r.cursor = 0;
    r.refreshedAt = now;
    r.refreshBy = now + ADAPTIVE_REFRESH.toMillis();
    TreeSet<TargetState> q = pq.byPriority.get(cls);
    if (q == null) {
      return;
    }
    for (TargetState ts : q) {
      if (ts.adaptive && accrue(ts, now)) {
        ts.worth = worth(ts, now);
        r.order.add(ts);
      }
    }
    r.order.sort(Comparator.comparingDouble((TargetState ts) -> ts.worth).reversed());
  }

  /** The start of the forecaster's clock hour that holds {@code t} (clock millis). */
  private long hourStart(long t) {
    long offset = forecastHours.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
    return t - Math.floorMod(t + offset, HOUR_MILLIS);
  }

  /**
   * Advances a target's expected unseen releases {@code V} to {@code now}, integrating the forecast
   * rate over the forecaster's clock hours ({@code V <- V e^(-d/tau) + lambda tau (1 - e^(-d/tau))}
   * over each stretch {@code d} of constant rate). False if the forecaster failed for it (it then
   * keeps the plan's pace, see {@link Scheduler#rescheduleOnly}). Under the scheduler's lock.
   */
  private boolean accrue(TargetState ts, long now) {
    if (now <= ts.valueAt) {
      return true;
    }
    try {
      double tau = forecaster.typicalFreeTime(ts.id).orElse(DEFAULT_FREE_TIME).toMillis();
      tau = tau > 0 ? tau : DEFAULT_FREE_TIME.toMillis();
      long from = Math.max(ts.valueAt, now - (long) (12 * tau)); // older releases are gone by now
      double v = from > ts.valueAt ? 0 : ts.value;
      while (from < now) {
        long to = Math.min(now, hourStart(from) + HOUR_MILLIS);
        double rate = forecaster.rate(ts.id, Instant.ofEpochMilli(from)) / HOUR_MILLIS;
        if (!(rate >= 0) || Double.isInfinite(rate)) {
          return false;
        }
        double decay = Math.exp(-(to - from) / tau);
        v = v * decay + rate * tau * (1 - decay);
        from = to;
      }
      ts.value = v;
      ts.valueAt = now;
      ts.freeTime = tau;
      return true;
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}; polling it at the plan interval", ts.id, e);
      return false;
    }
  }

  /**
   * Adaptive scheduling: when a target falls due at the latest. Under the scheduler's lock.
   *
   * <p>Adaptive targets are mostly polled early, when the budget has room and they are the most
   * worth it ({@link #adaptiveCandidate}); their due time is only the bound: the plan's
   * {@code maxInterval} after this poll, which also keeps exploring targets that look dead. When the
   * budget cannot poll every target of the provider even that often, the bound stretches to
   * {@link #ADAPTIVE_BOUND_SHARE} times the round-robin interval, so that polls nobody chose take at
   * most half the budget and the rest follows the forecast. While the forecaster
   * has watched the target for less than {@link #ADAPTIVE_EXPLORATION} the bound starts at the
   * round-robin interval and grows to {@code 1 + }{@link #ADAPTIVE_EXPLORATION_GROWTH} times it
   * (quadratically in the time watched): a weekly calendar opening cannot be learned without being
   * seen, and a target polled only at its bound is seen too late, after others took its slots
   * (measured: without this the simulation's weekly openings were found at a quarter of the rate of
   * round robin in the first week, and most were never learned). When the forecast
   * shows a calendar opening (or a burst of releases well above the target's present rate) within
   * the next hours, the target falls due a minute before it: the poll that starts the opening's
   * window. A forecaster that fails or returns no number for the target leaves it at the plan's
   * {@code minInterval}.
   */
  long adaptiveDelay(ProviderQueues pq, TargetState ts, long now) {
    long min = ts.interval.toMillis();
    double rate;
    try {
      rate = forecaster.rate(ts.id, Instant.ofEpochMilli(now));
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}; polling at the plan interval", ts.id, e);
      return min;
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      return min;
    }
    long n = 1; // this one, being polled
    for (TreeSet<TargetState> q : pq.byPriority.values()) {
      n += q.size();
    }
    long fair = (long) (n * pq.requestsPerPoll / ts.runtime.gate().sustainablePollsPerMinute() * 60_000);
    long max = ts.maxInterval.toMillis();
    long bound = fair <= max ? max : ADAPTIVE_BOUND_SHARE * fair;
    double age = watchedFor(ts) / (double) ADAPTIVE_EXPLORATION.toMillis();
    if (age < 1) { // still learning: about round robin at first, backing off over the first week
      bound = Math.min(bound, (long) (fair * (1 + ADAPTIVE_EXPLORATION_GROWTH * age * age)));
    }
    long delay = Math.max(min, bound);
    long openingAt = predictedOpening(ts, now, rate);
    if (openingAt - now < delay) { // be there when a predicted calendar opening starts
      delay = Math.max(min, openingAt - now);
    }
    return delay;
  }

  /** How long the forecaster has watched the target, in millis (a week if it cannot say). */
  private long watchedFor(TargetState ts) {
    try {
      Duration d = forecaster.watchedFor(ts.id);
      return d == null || d.isNegative() ? 0 : d.compareTo(ADAPTIVE_EXPLORATION) >= 0
          ? ADAPTIVE_EXPLORATION.toMillis() : d.toMillis();
    } catch (RuntimeException e) {
      log.warn("forecaster failed for {}", ts.id, e);
      return ADAPTIVE_EXPLORATION.toMillis();
    }
  }

  /**
   * The start (minus a minute) of the next hour, within the next three, of the forecaster's clock
   * ({@link ReleaseForecaster#zone}: Tehran's hours start at half past UTC's) in which the forecaster
   * expects a calendar opening or a burst of releases well above the target's present rate; or
   * {@code Long.MAX_VALUE}.
   */
  private long predictedOpening(TargetState ts, long now, double rateNow) {
    try {
      long hour = hourStart(now);
      for (io.github.slothunter.core.ForecastWindow w : forecaster.forecast(ts.id, Instant.ofEpochMilli(hour), 4)) {
        long from = w.from().toEpochMilli();
        if (from > now && (w.openingProbability() >= 0.25
            || (w.expectedReleases() >= 4 * rateNow && w.expectedReleases() >= 0.5))) {
          return from - 60_000L;
        }
      }
    } catch (RuntimeException e) {
      log.warn("forecaster failed to forecast {}", ts.id, e);
    }
    return Long.MAX_VALUE;
  }
}
